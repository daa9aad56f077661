import type { TestProject } from "vitest/node";
import { createTestDatabase, dropTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One clean, migrated PostgreSQL database per `vitest run`, dropped at the end. */
export default async function globalSetup(project: TestProject) {
  const databaseUrl = await createTestDatabase("vitest");
  project.provide("databaseUrl", databaseUrl);
  return async () => {
    if (!process.env.KEEP_TEST_DATABASE) await dropTestDatabase(databaseUrl);
  };
}
