import { execFileSync } from "node:child_process";
import path from "node:path";

// Prisma 7's `generate` needs no schema engine, but the CLI tries to download one unless this points at a file.
execFileSync(process.execPath, [path.join("node_modules", "prisma", "build", "index.js"), "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath },
});
