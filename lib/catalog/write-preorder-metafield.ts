import { adminGraphql } from "@/lib/shopify/admin-graphql";

/** The variant metafield the storefront block reads (`variant.metafields.signalboard.preorder` in notify-me.liquid). */
export const PREORDER_METAFIELD = { namespace: "signalboard", key: "preorder", type: "boolean" } as const;

const SET_PREORDER = `#graphql
  mutation SetPreorderMetafield($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) { metafields { id } userErrors { field message code } }
  }`;

/**
 * Writes a variant's preorder flag to Shopify (metafieldsSet), so the theme block shows the Preorder notice.
 * Shopify's refusal is an AppError UPSTREAM with its message (adminGraphql), and nothing is written then.
 */
export async function writePreorderMetafield(shopId: string, shopifyVariantId: string, preorder: boolean) {
  await adminGraphql(shopId, SET_PREORDER, {
    metafields: [
      {
        ownerId: `gid://shopify/ProductVariant/${shopifyVariantId}`,
        ...PREORDER_METAFIELD,
        value: String(preorder),
      },
    ],
  });
}
