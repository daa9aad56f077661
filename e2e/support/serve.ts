import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { seedDemo } from "../../lib/db/seed-demo";
import { DEFAULT_SCOPES } from "../../lib/env";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { createSandbox } from "../../lib/postscript/sandbox/create-sandbox";
import { TWILIO_SANDBOX_ACCOUNT } from "../../lib/postscript/sandbox/twilio-sandbox-state";
import { createShopifyStandin } from "../../lib/shopify-standin/create-shopify-standin";
import { createTestDatabase, dropTestDatabase } from "../../lib/testing/test-database";

// Playwright's web server: a fresh migrated and seeded database, a Postscript sandbox, and the built app.
const databaseUrl = process.env.E2E_DATABASE_URL!;
const port = process.env.E2E_PORT!;
const name = new URL(databaseUrl).pathname.slice(1);

await createTestDatabase("e2e", name);
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
await seedDemo(prisma);
await prisma.$disconnect();

// Its Twilio stand-in texts for built-in SMS; handsets reply to the app's inbound webhook.
const sandbox = await createSandbox({
  twilioInboundUrl: `http://127.0.0.1:${port}/api/webhooks/twilio/inbound`,
}).listen(Number(process.env.E2E_SANDBOX_PORT));
// Shopify for the app: OAuth, token exchange, the Admin API and the simulated admin. The demo stores start with
// the app installed (specs that install create stores of their own), as the dev command's first open would leave them.
const shopify = createShopifyStandin({
  apiKey: process.env.E2E_SHOPIFY_API_KEY!,
  apiSecret: process.env.E2E_SHOPIFY_API_SECRET!,
  appUrl: `http://127.0.0.1:${port}`,
});
for (const domain of shopify.state.stores.keys()) shopify.state.install(domain, process.env.SCOPES ?? DEFAULT_SCOPES);
const shopifyServer = await shopify.listen(Number(process.env.E2E_SHOPIFY_PORT));

// The server's output still reaches the terminal, and is also kept for the no-secrets spec to read.
const logPath = process.env.E2E_SERVER_LOG ?? "test-results/server.log";
mkdirSync(path.dirname(logPath), { recursive: true });
const log = createWriteStream(logPath, { flags: "w" });

const next = spawn(
  process.execPath,
  [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", port, "-H", "127.0.0.1"],
  {
    stdio: ["inherit", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? randomBytes(32).toString("base64"),
      ENCRYPTION_KEY: process.env.E2E_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
      SHOPIFY_API_KEY: process.env.E2E_SHOPIFY_API_KEY!,
      SHOPIFY_API_SECRET: process.env.E2E_SHOPIFY_API_SECRET!,
      SHOPIFY_STANDIN_URL: shopifyServer.url,
      SHOPIFY_APP_BRIDGE_URL: `${shopifyServer.url}/app-bridge.js`,
      INNGEST_DEV: "1",
      // `next start` is a production build: dev mode's unsigned job calls are refused there unless a test opts in.
      TEST_ONLY_ALLOW_INNGEST_DEV_IN_PRODUCTION: "1",
      SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
      POSTSCRIPT_API_BASE_URL: sandbox.apiBaseUrl,
      POSTSCRIPT_SANDBOX_URL: sandbox.url,
      KLAVIYO_API_BASE_URL: sandbox.klaviyoApiBaseUrl,
      TWILIO_ACCOUNT_SID: TWILIO_SANDBOX_ACCOUNT.accountSid,
      TWILIO_AUTH_TOKEN: TWILIO_SANDBOX_ACCOUNT.authToken,
      TWILIO_MESSAGING_SERVICE_SID: TWILIO_SANDBOX_ACCOUNT.messagingServiceSid,
      TWILIO_API_BASE_URL: sandbox.twilioApiBaseUrl,
      POSTSCRIPT_TIMEOUT_MS: "2000",
    },
  },
);

next.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  log.write(chunk);
});
next.stderr.on("data", (chunk: Buffer) => {
  process.stderr.write(chunk);
  log.write(chunk);
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await sandbox.close();
  await shopifyServer.close();
  if (!process.env.KEEP_TEST_DATABASE) await dropTestDatabase(databaseUrl).catch(() => undefined);
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 1));
