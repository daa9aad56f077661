import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { seedDemo } from "../lib/db/seed-demo";

// `npm run db:seed` (and `prisma db seed`): adds the demo shops, their merchants and the support agent to DATABASE_URL; safe to re-run.
const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_URL is not set: point it at the migrated PostgreSQL database to seed (postgresql://user@host:5432/db).",
  );
  process.exit(1);
}

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
try {
  const demo = await seedDemo(prisma);
  console.log(
    "Demo data is in place. Merchants open the app from their Shopify admin; the support console signs in with:",
  );
  console.log(`  Support agent    ${demo.supportAgent.email} / ${demo.supportAgent.password}`);
} catch (error) {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
