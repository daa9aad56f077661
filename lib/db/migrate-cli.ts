import { migrate } from "./migrate";

// `npm run db:migrate`: applies committed migrations to DATABASE_URL without the Prisma schema engine.
const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_URL is not set: point it at the PostgreSQL database to migrate (postgresql://user@host:5432/db).",
  );
  process.exit(1);
}
migrate(url)
  .then(({ applied, alreadyApplied }) => {
    console.log(
      applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
      `(${alreadyApplied} already applied)`,
    );
  })
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
