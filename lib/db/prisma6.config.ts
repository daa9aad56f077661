import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma6/config";

// Prisma 7's schema engine is a native binary that cannot be downloaded here; Prisma 6.19's WebAssembly engine
// ("js" engine) diffs datamodels offline. It insists on an adapter, though a datamodel diff sends no query.
export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" }),
});
