import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest";
import { env } from "@/lib/env";
import { inngestServeOrigin } from "@/lib/jobs/inngest-serve-origin";

// Built on the first request, not at import: `next build` loads this module without the runtime environment.
let handler: ReturnType<typeof serve> | undefined;
const served = () => (handler ??= serve({ client: inngest, functions, serveOrigin: inngestServeOrigin(env()) }));

type Handler = ReturnType<typeof serve>["GET"];
export const GET: Handler = (...args) => served().GET(...args);
export const POST: Handler = (...args) => served().POST(...args);
export const PUT: Handler = (...args) => served().PUT(...args);
