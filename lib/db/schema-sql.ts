import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

// Prisma 6 requires a url in the datasource block, which Prisma 7 forbids; the copy fed to Prisma 6 gets one.
function forPrisma6(schema: string): string {
  return schema.replace(/datasource\s+db\s*{/, (block) => `${block}\n  url = env("DATABASE_URL")`);
}

/**
 * Renders the SQL that takes a database from the `from` datamodel (or an empty database) to the `to`
 * datamodel, using Prisma 6's offline WebAssembly schema engine. Both arguments are schema texts.
 */
export async function schemaSql(to: string, from?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "signalboard-schema-"));
  try {
    const toPath = path.join(dir, "to.prisma");
    await writeFile(toPath, forPrisma6(to));
    const fromArgs = from === undefined ? ["--from-empty"] : ["--from-schema-datamodel", path.join(dir, "from.prisma")];
    if (from !== undefined) await writeFile(path.join(dir, "from.prisma"), forPrisma6(from));
    const cli = path.join(process.cwd(), "node_modules", "prisma6", "build", "index.js");
    const config = path.join(process.cwd(), "lib", "db", "prisma6.config.ts");
    const { stdout } = await run(
      process.execPath,
      [cli, "migrate", "diff", "--config", config, ...fromArgs, "--to-schema-datamodel", toPath, "--script"],
      {
        // The engine check only needs an existing file: the diff runs in WebAssembly and loads no native engine.
        env: {
          ...process.env,
          PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          CHECKPOINT_DISABLE: "1",
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
