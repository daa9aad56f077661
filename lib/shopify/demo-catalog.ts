// Plain data with no imports: the seed, the play-webhooks script, tests and Playwright specs all read it.

export type DemoVariant = {
  shopifyVariantId: string;
  inventoryItemId: string;
  title: string;
  sku: string;
  price: string;
  compareAtPrice: string | null;
  /** Units at the demo location when seeded; 0 = sold out. */
  available: number;
  preorder?: { shippingTimeline: string };
};

export type DemoProduct = {
  shopifyProductId: string;
  title: string;
  vendor: string;
  handle: string;
  productType: string;
  tags: string;
  imageUrl: string;
  variants: DemoVariant[];
};

/** The demo shop's one location (Shopify sends stock per location). */
export const DEMO_LOCATION = { id: "74211000001", name: "Northwind Warehouse" } as const;

// Pictures the app serves from public/, so the demo renders offline and on any port (Shopify's would be CDN URLs).
const image = (handle: string) => `/demo-products/${handle}.svg`;

/** Northwind Outfitters' catalog: 6 products, 15 variants, four sold out and one on preorder. */
export const DEMO_CATALOG: readonly DemoProduct[] = [
  {
    shopifyProductId: "8840100000001",
    title: "Trail Runner Jacket",
    vendor: "Northwind",
    handle: "trail-runner-jacket",
    productType: "Jackets",
    tags: "outerwear, running, waterproof",
    imageUrl: image("trail-runner-jacket"),
    variants: [
      {
        shopifyVariantId: "46211000000011",
        inventoryItemId: "48310000000011",
        title: "Small / Blue",
        sku: "NW-TRJ-S-BLU",
        price: "89.00",
        compareAtPrice: "110.00",
        available: 7,
      },
      {
        shopifyVariantId: "46211000000012",
        inventoryItemId: "48310000000012",
        title: "Medium / Blue",
        sku: "NW-TRJ-M-BLU",
        price: "89.00",
        compareAtPrice: "110.00",
        available: 0,
      },
      {
        shopifyVariantId: "46211000000013",
        inventoryItemId: "48310000000013",
        title: "Large / Blue",
        sku: "NW-TRJ-L-BLU",
        price: "89.00",
        compareAtPrice: "110.00",
        available: 4,
      },
    ],
  },
  {
    shopifyProductId: "8840100000002",
    title: "Merino Beanie",
    vendor: "Northwind",
    handle: "merino-beanie",
    productType: "Hats",
    tags: "accessories, merino, winter",
    imageUrl: image("merino-beanie"),
    variants: [
      {
        shopifyVariantId: "46211000000021",
        inventoryItemId: "48310000000021",
        title: "Charcoal",
        sku: "NW-MB-CHR",
        price: "24.00",
        compareAtPrice: "30.00",
        available: 18,
      },
      {
        shopifyVariantId: "46211000000022",
        inventoryItemId: "48310000000022",
        title: "Forest Green",
        sku: "NW-MB-FGR",
        price: "24.00",
        compareAtPrice: "30.00",
        available: 0,
      },
    ],
  },
  {
    shopifyProductId: "8840100000003",
    title: "Trail Socks (3-pack)",
    vendor: "Ridge & Co.",
    handle: "trail-socks-3-pack",
    productType: "Socks",
    tags: "accessories, hiking",
    imageUrl: image("trail-socks-3-pack"),
    variants: [
      {
        shopifyVariantId: "46211000000031",
        inventoryItemId: "48310000000031",
        title: "S/M",
        sku: "RC-TS3-SM",
        price: "18.00",
        compareAtPrice: "22.00",
        available: 40,
      },
      {
        shopifyVariantId: "46211000000032",
        inventoryItemId: "48310000000032",
        title: "L/XL",
        sku: "RC-TS3-LXL",
        price: "18.00",
        compareAtPrice: "22.00",
        available: 25,
      },
    ],
  },
  {
    shopifyProductId: "8840100000004",
    title: "Summit Down Parka",
    vendor: "Northwind",
    handle: "summit-down-parka",
    productType: "Jackets",
    tags: "outerwear, down, winter",
    imageUrl: image("summit-down-parka"),
    variants: [
      {
        shopifyVariantId: "46211000000041",
        inventoryItemId: "48310000000041",
        title: "Small",
        sku: "NW-SDP-S",
        price: "249.00",
        compareAtPrice: null,
        available: 2,
      },
      {
        shopifyVariantId: "46211000000042",
        inventoryItemId: "48310000000042",
        title: "Medium",
        sku: "NW-SDP-M",
        price: "249.00",
        compareAtPrice: null,
        available: 0,
        preorder: { shippingTimeline: "Ships by December 15" },
      },
      {
        shopifyVariantId: "46211000000043",
        inventoryItemId: "48310000000043",
        title: "Large",
        sku: "NW-SDP-L",
        price: "249.00",
        compareAtPrice: null,
        available: 0,
      },
    ],
  },
  {
    shopifyProductId: "8840100000005",
    title: "Ridgeline Hiking Pants",
    vendor: "Northwind",
    handle: "ridgeline-hiking-pants",
    productType: "Pants",
    tags: "hiking, stretch",
    imageUrl: image("ridgeline-hiking-pants"),
    variants: [
      {
        shopifyVariantId: "46211000000051",
        inventoryItemId: "48310000000051",
        title: "30",
        sku: "NW-RHP-30",
        price: "79.00",
        compareAtPrice: null,
        available: 6,
      },
      {
        shopifyVariantId: "46211000000052",
        inventoryItemId: "48310000000052",
        title: "32",
        sku: "NW-RHP-32",
        price: "79.00",
        compareAtPrice: null,
        available: 0,
      },
      {
        shopifyVariantId: "46211000000053",
        inventoryItemId: "48310000000053",
        title: "34",
        sku: "NW-RHP-34",
        price: "79.00",
        compareAtPrice: null,
        available: 3,
      },
    ],
  },
  {
    shopifyProductId: "8840100000006",
    title: "Canyon Daypack 22L",
    vendor: "Alpine Works",
    handle: "canyon-daypack-22l",
    productType: "Bags",
    tags: "bags, hiking",
    imageUrl: image("canyon-daypack-22l"),
    variants: [
      {
        shopifyVariantId: "46211000000061",
        inventoryItemId: "48310000000061",
        title: "Sandstone",
        sku: "AW-CD22-SND",
        price: "64.00",
        compareAtPrice: null,
        available: 12,
      },
      {
        shopifyVariantId: "46211000000062",
        inventoryItemId: "48310000000062",
        title: "Slate",
        sku: "AW-CD22-SLT",
        price: "64.00",
        compareAtPrice: null,
        available: 9,
      },
    ],
  },
];

/** A demo variant and its product, by Shopify variant id. */
export function findDemoVariant(shopifyVariantId: string): { product: DemoProduct; variant: DemoVariant } | undefined {
  for (const product of DEMO_CATALOG) {
    const variant = product.variants.find((v) => v.shopifyVariantId === shopifyVariantId);
    if (variant) return { product, variant };
  }
  return undefined;
}
