import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["{lib,inngest,app,components,prisma}/**/*.test.ts"],
    environment: "node",
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/setup-env.ts"],
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses: let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
    // Most of the suite's time is waiting (sandbox answers, rate budgets, retry backoff, receipts), not CPU: Vitest's
    // default of one worker per core but one leaves a 2-core CI machine running one file at a time, half idle.
    // Files run side by side on the shared database: each makes its own shops, and each worker's job runner
    // keeps to its own rows (lib/testing/setup-env.ts).
    maxWorkers: Math.max(3, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
