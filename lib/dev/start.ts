// `npm run dev`: the whole app on a fresh machine with no database, no Postscript account and no Inngest.
// Relative imports throughout: this runs under tsx, outside Next's bundler.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { migrate } from "../db/migrate";
import { seedDemo, type DemoAccounts } from "../db/seed-demo";
import { PrismaClient } from "../generated/prisma/client";
import type { RunningSandbox } from "../postscript/sandbox/create-sandbox";
import { DEV_SECRET_NAMES, ensureDevSecrets } from "./ensure-dev-secrets";
import { findFreePort } from "./find-free-port";
import { formatBanner, redactUrl, type BannerInfo } from "./format-banner";
import { readEnvFiles } from "./read-env-files";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./start-embedded-postgres";
import { startInngestDev, type InngestDev } from "./start-inngest-dev";
import { startNextDev, type NextDev } from "./start-next-dev";
import { SANDBOX_DEMO_KEY, startPostscriptSandbox } from "./start-postscript-sandbox";
import { TWILIO_SANDBOX_ACCOUNT } from "../postscript/sandbox/twilio-sandbox-state";
import { startShopifyStandin } from "./start-shopify-standin";
import type { RunningShopifyStandin } from "../shopify-standin/create-shopify-standin";
import { DEMO_SHOPS } from "../db/seed-demo";
import { watchLauncher } from "./watch-launcher";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DATA_ROOT = ".data";
const DEV_SHOPIFY_API_KEY = "signalboard-dev-client-id";
const SECRETS_FILE = path.join(DATA_ROOT, "dev-secrets.json");
const PGLITE_DIR = path.join(DATA_ROOT, "pglite");
// npm and tsx each relay the terminal's Ctrl-C, so one key press can arrive two or three times within milliseconds.
const DUPLICATE_SIGNAL_MS = 1_000;

const state: {
  stopRequested: boolean;
  postgres?: EmbeddedPostgres;
  sandbox?: RunningSandbox;
  shopify?: RunningShopifyStandin;
  inngest?: InngestDev;
  next?: NextDev;
  setup?: Promise<void>;
  shutdown?: Promise<never>;
  firstSignalAt?: number;
  bannerShown: boolean;
  pendingLines: string[];
} = { stopRequested: false, bannerShown: false, pendingLines: [] };

function say(line: string): void {
  console.log(`[dev] ${line}`);
}

// Lines from background work (Inngest) wait until the banner is out, so they are not lost in Next's start-up output.
function sayLater(line: string): void {
  if (state.shutdown) return;
  if (state.bannerShown) console.log(line);
  else state.pendingLines.push(line);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts the database, sandbox, Inngest attempt and Next, in that order; returns early once a stop is asked. */
async function setup(): Promise<void> {
  const fileEnv = readEnvFiles(ROOT);
  // Real environment first, then .env files, exactly like Next.js; empty counts as unset, as in lib/env.ts.
  const lookup = (name: string) => process.env[name] || fileEnv[name] || undefined;
  // Everything decided here goes to Next through its environment, which beats its own .env loading.
  const set = (name: string, value: string) => {
    process.env[name] = value;
  };

  const secrets = await ensureDevSecrets(SECRETS_FILE, Object.fromEntries(DEV_SECRET_NAMES.map((n) => [n, lookup(n)])));
  for (const [name, value] of Object.entries(secrets.secrets)) set(name, value);
  if (secrets.generated.length > 0)
    say(`Generated ${secrets.generated.join(", ")} into ${SECRETS_FILE} (kept across restarts).`);
  // A client ID of the developer's own means a real Shopify app (through a tunnel); otherwise the stand-in plays
  // Shopify and knows the app by this one.
  const realShopifyApp = Boolean(lookup("SHOPIFY_API_KEY"));
  if (!realShopifyApp) set("SHOPIFY_API_KEY", DEV_SHOPIFY_API_KEY);
  const inngestDev = lookup("INNGEST_DEV") ?? "1";
  set("INNGEST_DEV", inngestDev);

  let databaseUrl = lookup("DATABASE_URL");
  let database: BannerInfo["database"];
  if (databaseUrl) {
    database = { kind: "external", url: databaseUrl };
    say("Using the PostgreSQL database in DATABASE_URL.");
  } else {
    say(`Starting the embedded PostgreSQL (PGlite) in ${PGLITE_DIR}…`);
    const started = Date.now();
    state.postgres = await startEmbeddedPostgres({ dataDir: PGLITE_DIR, preferredPort: 5433 });
    databaseUrl = state.postgres.url;
    set("DATABASE_URL", state.postgres.appUrl);
    database = { kind: "embedded", dataDir: `${PGLITE_DIR}/`, url: databaseUrl };
    say(
      `${state.postgres.created ? "Created" : "Opened"} the embedded database on 127.0.0.1:${state.postgres.port} ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
  if (state.stopRequested) return;

  let accounts: DemoAccounts;
  try {
    const { applied } = await migrate(databaseUrl, path.join(ROOT, "prisma", "migrations"));
    if (applied.length > 0) say(`Applied ${applied.length} migration(s): ${applied.join(", ")}.`);
    if (state.stopRequested) return;
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
    try {
      accounts = await seedDemo(prisma);
    } finally {
      await prisma.$disconnect();
    }
  } catch (error) {
    const where =
      database.kind === "external"
        ? `the database in DATABASE_URL (${redactUrl(databaseUrl)})`
        : "the embedded database";
    throw new Error(`Could not migrate and seed ${where}: ${errorMessage(error)}`);
  }
  if (state.stopRequested) return;

  let postscriptApiBaseUrl = lookup("POSTSCRIPT_API_BASE_URL");
  if (!postscriptApiBaseUrl) {
    state.sandbox = await startPostscriptSandbox(4010);
    postscriptApiBaseUrl = state.sandbox.apiBaseUrl;
    set("POSTSCRIPT_API_BASE_URL", postscriptApiBaseUrl);
    set("POSTSCRIPT_SANDBOX_URL", state.sandbox.url);
    // The sandbox's Klaviyo mode stands in for Klaviyo too, unless a Klaviyo API is configured explicitly.
    if (!lookup("KLAVIYO_API_BASE_URL")) set("KLAVIYO_API_BASE_URL", state.sandbox.klaviyoApiBaseUrl);
    // Built-in SMS texts through the sandbox's Twilio stand-in unless a Twilio account is configured.
    if (!lookup("TWILIO_ACCOUNT_SID")) {
      set("TWILIO_ACCOUNT_SID", TWILIO_SANDBOX_ACCOUNT.accountSid);
      set("TWILIO_AUTH_TOKEN", TWILIO_SANDBOX_ACCOUNT.authToken);
      set("TWILIO_MESSAGING_SERVICE_SID", TWILIO_SANDBOX_ACCOUNT.messagingServiceSid);
      set("TWILIO_API_BASE_URL", state.sandbox.twilioApiBaseUrl);
    }
  }
  if (state.stopRequested) return;

  const explicitPort = lookup("PORT");
  // next dev listens on every interface, so the port must be free on IPv6 as well as on 127.0.0.1.
  const port = explicitPort ? Number(explicitPort) : await findFreePort(3000, { hosts: ["127.0.0.1", "::"] });
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`PORT must be a port number, got "${explicitPort}".`);
  if (!explicitPort && port !== 3000) say(`Port 3000 is taken; using ${port}.`);
  set("PORT", String(port));
  const appUrl = `http://localhost:${port}`;
  if (!lookup("SHOPIFY_APP_URL")) set("SHOPIFY_APP_URL", appUrl);
  if (state.sandbox && process.env.TWILIO_API_BASE_URL === state.sandbox.twilioApiBaseUrl) {
    // The stand-in's handsets text back to the app's inbound webhook, as a Messaging Service is configured to.
    await fetch(`${state.sandbox.url}/sandbox/twilio/inbound-url`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: `${lookup("SHOPIFY_APP_URL")!.replace(/\/+$/, "")}/api/webhooks/twilio/inbound` }),
    });
  }

  // The Shopify stand-in plays Shopify (OAuth, token exchange, Admin API, the admin that embeds the app) unless a
  // real app is configured. Its admin is served on localhost like the app, so the embedded app's cookies are
  // first-party there, as they are for a real app on HTTPS with partitioned cookies.
  let standinAdminUrl: string | undefined;
  if (!lookup("SHOPIFY_STANDIN_URL") && !realShopifyApp) {
    state.shopify = await startShopifyStandin({
      preferredPort: 4020,
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: lookup("SHOPIFY_APP_URL")!,
      dataRoot: DATA_ROOT,
    });
    // The browser must see the admin on the same site as the app (localhost), or the embedded app's cookies are
    // third-party there; server-side calls resolve localhost to the same 127.0.0.1 listener.
    standinAdminUrl = state.shopify.url.replace("127.0.0.1", "localhost");
    set("SHOPIFY_STANDIN_URL", standinAdminUrl);
    if (!lookup("SHOPIFY_APP_BRIDGE_URL")) set("SHOPIFY_APP_BRIDGE_URL", `${standinAdminUrl}/app-bridge.js`);
  }
  if (state.stopRequested) return;

  // INNGEST_DEV=0 or INNGEST_BASE_URL means Inngest Cloud or a self-hosted server is configured instead.
  if (inngestDev === "1" && !lookup("INNGEST_BASE_URL")) {
    state.inngest = startInngestDev({ serveUrl: `http://127.0.0.1:${port}/api/inngest`, log: sayLater });
  }

  const next = startNextDev({ root: ROOT, port, env: process.env, log: say });
  state.next = next;
  void next.exited.then((code) => {
    if (state.shutdown) return;
    say(`Next.js exited with code ${code}; stopping the rest.`);
    void shutdown(code);
  });

  // The banner waits for Next's own start-up lines, so it is the last thing on screen rather than scrolled away.
  if (!(await next.ready) || state.stopRequested) return;
  console.log(
    formatBanner({
      appUrl,
      shopify: standinAdminUrl
        ? {
            standinUrl: standinAdminUrl,
            stores: Object.values(DEMO_SHOPS).map((shop) => ({
              name: shop.name,
              adminUrl: `${standinAdminUrl}/store/${shop.domain.replace(".myshopify.com", "")}/apps/${process.env.SHOPIFY_API_KEY}`,
              staff: shop.staff.map((member) => `${member.name}${member.accountOwner ? " (owner)" : ""}`).join(", "),
            })),
          }
        : undefined,
      supportAgent: { ...accounts.supportAgent, note: "support console" },
      sandbox: state.sandbox && {
        inboxUrl: `${state.sandbox.url}/sandbox`,
        apiBaseUrl: state.sandbox.apiBaseUrl,
        demoKey: SANDBOX_DEMO_KEY,
        klaviyoDemoKey: "pk_sandbox_demo_key_0001",
        twilioPhonesUrl:
          process.env.TWILIO_API_BASE_URL === state.sandbox.twilioApiBaseUrl
            ? `${state.sandbox.url}/sandbox/twilio/phone`
            : undefined,
      },
      postscriptApiBaseUrl,
      database,
      secretsFile: secrets.fromEnvironment.length < DEV_SECRET_NAMES.length ? SECRETS_FILE : undefined,
      dataRoot: DATA_ROOT,
    }),
  );
  if (state.inngest?.status().state === "starting") say("Starting the Inngest dev server in the background…");
  state.bannerShown = true;
  for (const line of state.pendingLines.splice(0)) console.log(line);
}

/** Stops everything in reverse order of starting, closing PGlite last so its data is flushed, then exits. */
function shutdown(code: number): Promise<never> {
  state.shutdown ??= (async () => {
    state.stopRequested = true;
    // A step in flight (say, PGlite's first start) finishes first, so whatever it started is stopped too.
    await state.setup?.catch(() => undefined);
    let exitCode = code;
    const steps: [string, (() => Promise<unknown>) | undefined][] = [
      ["Next.js", state.next?.stop],
      ["the Inngest dev server", state.inngest?.stop],
      ["the Postscript sandbox", state.sandbox?.close],
      ["the Shopify stand-in", state.shopify?.close],
      ["the embedded database", state.postgres?.stop],
    ];
    for (const [name, stop] of steps) {
      try {
        await stop?.();
      } catch (error) {
        say(`Could not stop ${name} cleanly: ${errorMessage(error)}`);
        exitCode ||= 1;
      }
    }
    if (code === 0) say(state.postgres ? `Stopped. Your data is kept in ${PGLITE_DIR}/.` : "Stopped.");
    process.exit(exitCode);
  })();
  return state.shutdown;
}

function onSignal(signal: NodeJS.Signals): void {
  const now = Date.now();
  if (state.firstSignalAt === undefined) {
    state.firstSignalAt = now;
    console.log(
      `\n[dev] ${signal === "SIGINT" ? "Ctrl-C" : signal}: stopping Signalboard… (press Ctrl-C again to force)`,
    );
    void shutdown(0);
    return;
  }
  if (now - state.firstSignalAt < DUPLICATE_SIGNAL_MS) return;
  say("Forced to stop; the embedded database recovers from its log on the next start.");
  state.next?.kill();
  state.inngest?.kill();
  process.exit(130);
}

process.chdir(ROOT);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
// Only under `npm run` (or npx): there the parent and grandparent are npm's own processes, whose end means ours.
if (process.env.npm_lifecycle_event) {
  watchLauncher(() => {
    if (state.shutdown) return;
    say("npm, which started this command, is gone; stopping.");
    void shutdown(0);
  });
}
process.on("uncaughtException", (error) => {
  say(`Unexpected error: ${errorMessage(error)}`);
  void shutdown(1);
});
state.setup = setup();
state.setup.catch((error: unknown) => {
  say(errorMessage(error));
  void shutdown(1);
});
