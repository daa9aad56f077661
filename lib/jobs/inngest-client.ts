import { Inngest } from "inngest";

/** The app's Inngest client; dev mode and keys come from INNGEST_DEV / INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY. */
export const inngest = new Inngest({ id: "signalboard" });
