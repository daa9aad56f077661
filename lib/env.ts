import { z } from "zod";

const base64Key = z.string().refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32, {
  message: "must be 32 random bytes encoded as base64 (generate one with: openssl rand -base64 32)",
});

const postgresUrl = z
  .string({ message: "is required: the PostgreSQL connection URL (postgresql://user:password@host:5432/db)" })
  .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), {
    message: "must be a PostgreSQL connection URL (postgresql://user:password@host:5432/db)",
  });

/** The fewest Admin API scopes the features need: catalog, stock, orders and writing order edits back. */
export const DEFAULT_SCOPES = "write_products,read_inventory,read_locations,read_orders,write_order_edits";

/** Every setting the server reads, with what a valid value looks like. */
export const envSchema = z
  .object({
    DATABASE_URL: postgresUrl,
    AUTH_SECRET: z
      .string({ message: "is required: at least 32 random characters (openssl rand -base64 32)" })
      .min(32, { message: "must be at least 32 random characters (openssl rand -base64 32)" }),
    ENCRYPTION_KEY: z
      .string({ message: "is required: 32 random bytes as base64 (openssl rand -base64 32)" })
      .pipe(base64Key),
    POSTSCRIPT_API_BASE_URL: z
      .url({ message: "must be an http(s) URL such as https://api.postscript.io/api/v2" })
      .default("https://api.postscript.io/api/v2"),
    POSTSCRIPT_TIMEOUT_MS: z.coerce
      .number({ message: "must be a number of milliseconds" })
      .int()
      .min(100, { message: "must be at least 100 milliseconds" })
      .max(60_000, { message: "must be at most 60000 milliseconds" })
      .default(10_000),
    /** This app's public URL: Shopify loads the embedded admin from it, and the portal links sent in SMS are built on it. */
    SHOPIFY_APP_URL: z
      .url({ message: "must be this app's public http(s) URL, such as https://signalboard.example.com" })
      .default("http://localhost:3000"),
    KLAVIYO_API_BASE_URL: z
      .url({ message: "must be an http(s) URL such as https://a.klaviyo.com/api" })
      .default("https://a.klaviyo.com/api"),
    POSTSCRIPT_SANDBOX_URL: z.url({ message: "must be the sandbox's URL, such as http://127.0.0.1:4010" }).optional(),
    SHOPIFY_API_KEY: z
      .string({ message: "is required: your Shopify app's client ID (Partner dashboard → App → Client credentials)" })
      .regex(/^[A-Za-z0-9_-]+$/, { message: "must be your Shopify app's client ID (letters, digits, - and _)" }),
    SHOPIFY_API_SECRET: z
      .string({
        message: "is required: your Shopify app's client secret (Partner dashboard → App → Client credentials)",
      })
      .min(1, { message: "must not be empty: your Shopify app's client secret" }),
    /** Admin API access scopes requested at install; must match shopify.app.toml. */
    SCOPES: z
      .string()
      .regex(/^[a-z_]+(,[a-z_]+)*$/, {
        message: "must be comma-separated Shopify scopes such as read_products,read_orders",
      })
      .default(DEFAULT_SCOPES),
    /**
     * A local Shopify stand-in (dev and tests): every call the app makes to https://{shop} goes there instead, and
     * the stand-in's simulated admin may frame the app. Never set in production.
     */
    SHOPIFY_STANDIN_URL: z
      .url({ message: "must be the Shopify stand-in's URL, such as http://127.0.0.1:4020" })
      .optional(),
    /** Where the embedded admin loads App Bridge from; the stand-in serves its own for offline use. */
    SHOPIFY_APP_BRIDGE_URL: z
      .url({
        message: "must be the App Bridge script's URL, such as https://cdn.shopify.com/shopifycloud/app-bridge.js",
      })
      .default("https://cdn.shopify.com/shopifycloud/app-bridge.js"),
    /**
     * The app's own Twilio account for built-in SMS (Console → Account info). All three of SID, token and
     * Messaging Service go together; without them built-in SMS waits (nothing is dropped) and says why.
     */
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, {
        message: "must be your Twilio Account SID: AC followed by 32 hex characters (Console → Account info)",
      })
      .optional(),
    TWILIO_AUTH_TOKEN: z
      .string()
      .regex(/^[0-9a-fA-F]{32}$/, {
        message: "must be your Twilio Auth Token: 32 hex characters (Console → Account info)",
      })
      .optional(),
    TWILIO_MESSAGING_SERVICE_SID: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, {
        message: "must be a Messaging Service SID: MG followed by 32 hex characters (Console → Messaging → Services)",
      })
      .optional(),
    /** Where Twilio's REST API is; dev and tests point it at the sandbox's Twilio stand-in. */
    TWILIO_API_BASE_URL: z
      .url({ message: "must be an http(s) URL such as https://api.twilio.com" })
      .default("https://api.twilio.com"),
    INNGEST_DEV: z.enum(["0", "1"], { message: 'must be "1" (local Inngest dev server) or "0"' }).optional(),
    /**
     * Only the e2e suite and the benchmarks set this: they run a production build (`next start`) against a local
     * stand-in for Inngest. Without it, INNGEST_DEV=1 under NODE_ENV=production is refused (unsigned job calls).
     */
    TEST_ONLY_ALLOW_INNGEST_DEV_IN_PRODUCTION: z
      .enum(["1"], { message: 'must be "1" or unset (e2e tests and benchmarks only)' })
      .optional(),
    NODE_ENV: z.string().optional(),
    /** The origin Inngest is told to call the app back on; SHOPIFY_APP_URL's when unset (never the request's Host header). */
    INNGEST_SERVE_ORIGIN: z
      .url({ message: "must be the public http(s) origin Inngest calls back, such as https://signalboard.example.com" })
      .optional(),
    /** How many reverse proxies (load balancer, CDN) stand in front of the app and append to X-Forwarded-For. */
    TRUSTED_PROXY_HOPS: z.coerce
      .number({ message: "must be a whole number of proxies (0 when clients connect to the app directly)" })
      .int({ message: "must be a whole number of proxies (0 when clients connect to the app directly)" })
      .min(0, { message: "must be 0 or more" })
      .max(10, { message: "must be at most 10" })
      .default(0),
    INNGEST_EVENT_KEY: z.string().min(1, { message: "must not be empty" }).optional(),
    INNGEST_SIGNING_KEY: z
      .string()
      .regex(/^signkey-(test|prod|branch)-[0-9a-f]+$/, {
        message: "must look like signkey-prod-<hex> (Inngest → Manage → Signing key)",
      })
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.INNGEST_DEV === "1" && env.NODE_ENV === "production" && !env.TEST_ONLY_ALLOW_INNGEST_DEV_IN_PRODUCTION) {
      ctx.addIssue({
        code: "custom",
        path: ["INNGEST_DEV"],
        message:
          "must not be 1 in production: Inngest dev mode accepts unsigned job calls (set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY instead)",
      });
    }
    const twilio = [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_MESSAGING_SERVICE_SID];
    if (twilio.some(Boolean) && !twilio.every(Boolean)) {
      const missing = (["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_MESSAGING_SERVICE_SID"] as const).find(
        (name) => !env[name],
      )!;
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message:
          "is required with the other TWILIO_ settings: built-in SMS needs the Account SID, the Auth Token and the Messaging Service SID",
      });
    }
    if (env.INNGEST_DEV === "1") return;
    if (!env.INNGEST_EVENT_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["INNGEST_EVENT_KEY"],
        message: "is required unless INNGEST_DEV=1: the event key from Inngest Cloud (Manage → Event keys)",
      });
    }
    if (!env.INNGEST_SIGNING_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["INNGEST_SIGNING_KEY"],
        message: "is required unless INNGEST_DEV=1: the signing key from Inngest Cloud (Manage → Signing key)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Thrown with one line that names the first bad variable and what it should be; it never echoes the value. */
export class EnvError extends Error {
  override name = "EnvError";
}

/** Validates a set of variables; the first problem becomes a one-line EnvError. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  throw new EnvError(`Configuration error: ${name} ${issue.message}.`);
}

let cached: Env | undefined;

/** The validated environment of this process, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
