import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { migrationsDir } from "./migrate";
import { schemaSql } from "./schema-sql";

// `npm run db:new-migration -- add_waitlist`: writes the SQL from the last committed schema to the working one.
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name in snake_case>");
  process.exit(1);
}
// The SQL is the difference from the committed schema, which only matches the migrations once they are committed too.
const untracked = execFileSync("git", ["status", "--porcelain", "--", migrationsDir], { encoding: "utf8" }).trim();
if (untracked) {
  console.error("Commit schema.prisma with the migrations already written before adding another:\n" + untracked);
  process.exit(1);
}
const schemaPath = path.join("prisma", "schema.prisma");
const current = await readFile(schemaPath, "utf8");
let committed: string | undefined;
try {
  committed = execFileSync("git", ["show", `HEAD:${schemaPath}`], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
} catch {
  committed = undefined;
}
const sql = await schemaSql(current, committed);
if (!sql.replace(/--.*$/gm, "").trim()) {
  console.log("schema.prisma matches the last commit: no migration needed.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql; review it, then npm run db:migrate.`);
