// Plays realistic, correctly signed Shopify webhooks against a running app (demo and tests):
//   tsx lib/shopify/play-webhooks.ts --url http://localhost:3000 --shop northwind-outfitters.myshopify.com restock 46211000000012 5
// Relative imports only: this file runs under tsx outside Next.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DEMO_CATALOG, DEMO_LOCATION, findDemoVariant } from "./demo-catalog";
import { postWebhook, signedWebhook, type SignedWebhook } from "./signed-webhook";
import {
  appUninstalledPayload,
  customersDataRequestPayload,
  customersRedactPayload,
  inventoryLevelPayload,
  orderPayload,
  productPayload,
} from "./webhook-payloads";

export const USAGE = `Usage: tsx lib/shopify/play-webhooks.ts [--url http://localhost:3000] [--shop northwind-outfitters.myshopify.com] <scenario> [args]

Scenarios (variants and products are Shopify ids; the demo catalog's are in lib/shopify/demo-catalog.ts):
  restock <variant> [available=5]        inventory_levels/update taking the variant above 0
  sellout [variant=46211000000011]       inventory_levels/update to 0
  order [variant=46211000000011] [phone] [email]
                                         orders/create buying one unit (Trail Runner Jacket - Small / Blue)
  preorder [variant=46211000000042] [phone] [email]
                                         orders/create for the demo preorder variant (Summit Down Parka - Medium)
  redeliver [variant=46211000000012] [available=5]
                                         the same restock webhook (same event id) three times
  product-update [product=8840100000001] [--title T] [--price 0.00] [--status active|draft|archived]
                                         products/update with the demo product (as changed)
  catalog                                products/update for every demo product (fills any shop's catalog)
  uninstall                              app/uninstalled
  data-request <email> [phone]           customers/data_request
  customer-redact <email> [phone]        customers/redact

Options: --secret S (default: SHOPIFY_API_SECRET, then .data/dev-secrets.json), --inventory-item ID and
--location ID (for a variant outside the demo catalog), --event-id ID (reuse an id to simulate a redelivery).`;

export type PlayOptions = {
  shop: string;
  secret: string;
  inventoryItem?: string;
  location?: string;
  eventId?: string;
  title?: string;
  price?: string;
  status?: "active" | "draft" | "archived";
};

const DEFAULT_PHONE = "+16135550123";
// Defaults from the demo catalog, so every scenario works as the README lists it, without arguments.
const DEFAULT_IN_STOCK_VARIANT = "46211000000011";
const DEFAULT_PRODUCT = "8840100000001";
const DEFAULT_EMAIL = "jamie.rivera@example.com";

class UsageError extends Error {}

function inventoryItemOf(variantId: string, options: PlayOptions): string {
  const item = options.inventoryItem ?? findDemoVariant(variantId)?.variant.inventoryItemId;
  if (!item) throw new UsageError(`Variant ${variantId} is not in the demo catalog: pass --inventory-item <id>.`);
  return item;
}

function orderFor(variantId: string, phone: string | undefined, email: string | undefined) {
  const found = findDemoVariant(variantId);
  return orderPayload({
    email: email ?? DEFAULT_EMAIL,
    phone: phone ?? DEFAULT_PHONE,
    customer: { firstName: "Jamie", lastName: "Rivera", email: email ?? DEFAULT_EMAIL, phone: phone ?? DEFAULT_PHONE },
    lineItems: [
      {
        productId: found?.product.shopifyProductId ?? "1",
        variantId,
        title: found?.product.title ?? `Variant ${variantId}`,
        variantTitle: found?.variant.title ?? null,
        sku: found?.variant.sku ?? null,
        price: found?.variant.price ?? "0.00",
        quantity: 1,
      },
    ],
  });
}

const numberArg = (value: string | undefined, fallback: number, what: string) => {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`${what} must be a whole number, got "${value}".`);
  return Number(value);
};

const required = (value: string | undefined, what: string) => {
  if (!value) throw new UsageError(`Missing ${what}.\n\n${USAGE}`);
  return value;
};

/** The signed webhooks a scenario sends, in order. Pure: nothing is sent. */
export function buildScenario(scenario: string, args: string[], options: PlayOptions): SignedWebhook[] {
  const sign = (topic: string, payload: unknown, eventId = options.eventId) =>
    signedWebhook(topic, options.shop, payload, options.secret, eventId);
  const level = (variantId: string, available: number) =>
    inventoryLevelPayload({
      inventoryItemId: inventoryItemOf(variantId, options),
      locationId: options.location ?? DEMO_LOCATION.id,
      available,
    });

  switch (scenario) {
    case "restock": {
      const variant = required(args[0], "variant id");
      const available = numberArg(args[1], 5, "available");
      if (available <= 0) throw new UsageError("A restock takes the variant above 0: give a positive available.");
      return [sign("inventory_levels/update", level(variant, available))];
    }
    case "sellout":
      return [sign("inventory_levels/update", level(args[0] ?? DEFAULT_IN_STOCK_VARIANT, 0))];
    case "order":
      return [sign("orders/create", orderFor(args[0] ?? DEFAULT_IN_STOCK_VARIANT, args[1], args[2]))];
    case "preorder":
      return [sign("orders/create", orderFor(args[0] ?? "46211000000042", args[1], args[2]))];
    case "redeliver": {
      const first = sign(
        "inventory_levels/update",
        level(args[0] ?? "46211000000012", numberArg(args[1], 5, "available")),
        options.eventId ?? randomUUID(),
      );
      return [first, first, first];
    }
    case "product-update": {
      const id = args[0] ?? DEFAULT_PRODUCT;
      const product = DEMO_CATALOG.find((p) => p.shopifyProductId === id);
      if (!product)
        throw new UsageError(
          `Product ${id} is not in the demo catalog (${DEMO_CATALOG.map((p) => p.shopifyProductId).join(", ")}).`,
        );
      return [
        sign(
          "products/update",
          productPayload({
            ...product,
            title: options.title ?? product.title,
            status: options.status,
            variants: product.variants.map((v) => ({ ...v, price: options.price ?? v.price })),
          }),
        ),
      ];
    }
    case "catalog":
      return DEMO_CATALOG.map((product) => sign("products/update", productPayload(product), undefined));
    case "uninstall":
      return [sign("app/uninstalled", appUninstalledPayload({ shopDomain: options.shop }))];
    case "data-request":
      return [
        sign(
          "customers/data_request",
          customersDataRequestPayload({
            shopDomain: options.shop,
            customer: { email: required(args[0], "email"), phone: args[1] },
          }),
        ),
      ];
    case "customer-redact":
      return [
        sign(
          "customers/redact",
          customersRedactPayload({
            shopDomain: options.shop,
            customer: { email: required(args[0], "email"), phone: args[1] },
          }),
        ),
      ];
    default:
      throw new UsageError(`Unknown scenario "${scenario}".\n\n${USAGE}`);
  }
}

/** The webhook endpoint for an app base URL (a URL that already has a path is used as given). */
export function webhookEndpoint(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === "/" || parsed.pathname === "") parsed.pathname = "/api/webhooks/shopify";
  return parsed.toString();
}

async function resolveSecret(explicit: string | undefined): Promise<string> {
  if (explicit) return explicit;
  if (process.env.SHOPIFY_API_SECRET) return process.env.SHOPIFY_API_SECRET;
  const file = path.join(fileURLToPath(new URL("../../", import.meta.url)), ".data", "dev-secrets.json");
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as { SHOPIFY_API_SECRET?: unknown };
    if (typeof stored.SHOPIFY_API_SECRET === "string" && stored.SHOPIFY_API_SECRET) return stored.SHOPIFY_API_SECRET;
  } catch {
    // fall through
  }
  throw new UsageError(
    "No Shopify secret: set SHOPIFY_API_SECRET, pass --secret, or start the app once with `npm run dev` (it writes .data/dev-secrets.json).",
  );
}

/** Reads a command line as `npm run webhooks -- …` passes it: options, the scenario and its arguments. */
export function parsePlayCommand(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: "string", default: process.env.SHOPIFY_APP_URL ?? "http://localhost:3000" },
      shop: { type: "string", default: "northwind-outfitters.myshopify.com" },
      secret: { type: "string" },
      "inventory-item": { type: "string" },
      location: { type: "string" },
      "event-id": { type: "string" },
      title: { type: "string" },
      price: { type: "string" },
      status: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [scenario, ...args] = positionals;
  return { values, scenario, args };
}

async function main(argv: string[]): Promise<number> {
  const { values, scenario, args } = parsePlayCommand(argv);
  if (values.help || !scenario) {
    console.log(USAGE);
    return scenario || values.help ? 0 : 1;
  }
  if (values.status && !["active", "draft", "archived"].includes(values.status))
    throw new UsageError("--status must be active, draft or archived.");
  const options: PlayOptions = {
    shop: values.shop,
    secret: await resolveSecret(values.secret),
    inventoryItem: values["inventory-item"],
    location: values.location,
    eventId: values["event-id"],
    title: values.title,
    price: values.price,
    status: values.status as PlayOptions["status"],
  };
  const endpoint = webhookEndpoint(values.url);
  let failed = false;
  for (const webhook of buildScenario(scenario, args, options)) {
    const topic = webhook.headers["x-shopify-topic"];
    const reply = await postWebhook(endpoint, webhook).catch((error: unknown) => {
      throw new UsageError(
        `Could not reach ${endpoint}: ${error instanceof Error ? error.message : String(error)}. Is the app running?`,
      );
    });
    failed ||= reply.status >= 300;
    console.log(
      `${topic} event ${webhook.eventId} → ${reply.status} in ${reply.ms.toFixed(0)} ms ${JSON.stringify(reply.body)}`,
    );
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof UsageError || error instanceof TypeError ? error.message : error);
      process.exit(1);
    },
  );
}
