import { emptyFixes, type CatalogFixes } from "./apply-catalog-rows";

/** The fixes a sync stored so far (a resumed sync keeps counting from them). */
export function readFixes(stored: unknown): CatalogFixes {
  return { ...emptyFixes(), ...(stored && typeof stored === "object" ? (stored as Partial<CatalogFixes>) : {}) };
}
