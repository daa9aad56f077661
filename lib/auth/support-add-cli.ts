// `npm run support:add -- <email> [--name "Sam Rivera"] [--reset-password]`: the only way a support agent is made.
// Relative imports: this runs under tsx, outside Next's bundler.
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { AppError } from "../errors/app-error";
import { PrismaClient } from "../generated/prisma/client";
import { addSupportAgent } from "./add-support-agent";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, "reset-password": { type: "boolean", default: false } },
});

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set: point it at the app's PostgreSQL database (postgresql://user@host:5432/db).");
  process.exit(1);
}
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
try {
  const result = await addSupportAgent(prisma, {
    email: positionals[0] ?? "",
    name: values.name,
    resetPassword: values["reset-password"],
  });
  console.log(`${result.created ? "Created support agent" : "New password for support agent"} ${result.email}.`);
  console.log(`One-time password (shown only now; hand it over privately): ${result.password}`);
} catch (error) {
  console.error(
    error instanceof AppError
      ? error.message
      : `Could not add the support agent: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
