import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { testDatabaseUrl, uniqueDatabaseName } from "./lib/testing/test-database";

// Worker processes re-read this file; the environment they inherit keeps the run's names and ports stable.
process.env.E2E_PORT ??= "3210";
process.env.E2E_SANDBOX_PORT ??= "4210";
process.env.E2E_SHOPIFY_PORT ??= "4220";
process.env.E2E_DATABASE_URL ??= testDatabaseUrl(uniqueDatabaseName("e2e"));
// Specs sign Shopify webhooks and app-proxy requests with the same secret the server verifies them with.
process.env.E2E_SHOPIFY_API_SECRET ??= randomBytes(16).toString("hex");
process.env.E2E_SHOPIFY_API_KEY ??= "e2e-client-id";
// The server's own secrets, known to the specs so e2e/no-secrets.spec.ts can look for them in what the app serves.
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("base64");
process.env.E2E_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
// Everything the Next server prints is also appended here (the no-secrets spec reads it).
process.env.E2E_SERVER_LOG ??= "test-results/server.log";

// Specs that sign in as the seeded demo merchants or use their shops run one at a time: one of them signs Maya out
// (which ends all her sessions), others connect and disconnect Northwind's keys. Every other spec makes shops,
// keys and phones of its own, and scopes any outage it injects to its own key or store, so it runs beside them.
const DEMO_SHOP_SPECS = readdirSync("e2e").filter(
  (file) =>
    file.endsWith(".spec.ts") &&
    /DEMO_(SHOPS|LOGINS|MERCHANT)|northwind-outfitters/.test(readFileSync(`e2e/${file}`, "utf8")),
);

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  // Two browsers: the demo-shop specs one after another in one lane, every other spec beside them (12.3 → 9.3 min
  // here). Each spec's faults are its own key's or store's, so the lanes cannot trip each other.
  workers: 2,
  projects: [
    // Listed first, so its one worker starts at once and never waits behind the other project's specs.
    { name: "demo-shops", testMatch: DEMO_SHOP_SPECS, workers: 1 },
    { name: "own-shops", testIgnore: DEMO_SHOP_SPECS },
  ],
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: `http://127.0.0.1:${process.env.E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1366, height: 860 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // E2E_PREBUILT=1 serves the build already in .next (re-running specs on a busy machine without a rebuild).
    command: process.env.E2E_PREBUILT ? "tsx e2e/support/serve.ts" : "npm run build && tsx e2e/support/serve.ts",
    url: `http://127.0.0.1:${process.env.E2E_PORT}/sign-in`,
    // `next build` takes 1–5 minutes on a busy 2-core machine.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
