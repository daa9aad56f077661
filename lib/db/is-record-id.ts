/**
 * Whether an id taken from a URL or a form can be looked up at all. Ours are cuids (25 characters); a NUL (from a
 * URL's %00) would make PostgreSQL fail the query instead of finding nothing, so such ids are simply not found.
 */
export function isRecordId(id: unknown): id is string {
  return typeof id === "string" && id.length > 0 && id.length <= 64 && !id.includes("\u0000");
}
