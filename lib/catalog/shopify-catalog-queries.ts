// The Admin GraphQL the catalog sync sends. Paged queries and the bulk query select the same variant fields, so
// one parser (parse-shopify-variant.ts) reads both.

const VARIANT_FIELDS = `
  id title sku price compareAtPrice
  image { url }
  product { id title handle vendor productType status onlineStoreUrl featuredImage { url } }
  inventoryItem { id }`;

const LEVEL_FIELDS = `id location { id } quantities(names: ["available"]) { name quantity }`;

export const VARIANT_COUNT_QUERY = `#graphql
  query CatalogVariantCount { productVariantsCount { count } }`;

export const LOCATIONS_QUERY = `#graphql
  query CatalogLocations($after: String) {
    locations(first: 100, after: $after) {
      nodes { id name fulfillsOnlineOrders isActive }
      pageInfo { hasNextPage endCursor }
    }
  }`;

/** Levels per variant in a paged query: more locations than this and the sync uses a bulk query instead. */
export const PAGED_LEVELS_PER_VARIANT = 5;

export const VARIANTS_PAGE_QUERY = `#graphql
  query CatalogVariantsPage($first: Int!, $after: String) {
    productVariants(first: $first, after: $after) {
      nodes {
        ${VARIANT_FIELDS}
        inventoryItem { inventoryLevels(first: ${PAGED_LEVELS_PER_VARIANT}) { nodes { ${LEVEL_FIELDS} } } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

/** The bulk query: every variant, then its levels as child lines (`__parentId`) in the JSONL. */
export const BULK_VARIANTS_QUERY = `
  {
    productVariants {
      edges {
        node {
          ${VARIANT_FIELDS}
          inventoryItem { inventoryLevels { edges { node { ${LEVEL_FIELDS} } } } }
        }
      }
    }
  }`;

export const RUN_BULK_QUERY = `#graphql
  mutation CatalogBulkQuery($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation { id status }
      userErrors { field message code }
    }
  }`;

export const CURRENT_BULK_OPERATION_QUERY = `#graphql
  query CatalogBulkStatus {
    currentBulkOperation(type: QUERY) { id status errorCode objectCount url }
  }`;
