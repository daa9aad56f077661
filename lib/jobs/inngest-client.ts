import { Inngest } from "inngest";

let client: Inngest | undefined;

/**
 * The app's Inngest client; dev mode and keys come from INNGEST_DEV / INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY /
 * INNGEST_BASE_URL, read when it is first used (not at import: test workers load every job module up front).
 */
export function inngestClient(): Inngest {
  return (client ??= new Inngest({ id: "signalboard" }));
}
