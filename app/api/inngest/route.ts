import { serve } from "inngest/next";
import { jobs } from "@/inngest";
import { env } from "@/lib/env";
import { inngestClient } from "@/lib/jobs/inngest-client";
import { toInngestFunction } from "@/lib/jobs/inngest-functions";
import { inngestServeOrigin } from "@/lib/jobs/inngest-serve-origin";

// The longest step is a 45 s delivery step (inngest/functions/deliver-step-options.ts): a minute fits it with room.
export const maxDuration = 60;

// Built on the first request, not at import: `next build` loads this module without the runtime environment.
let handler: ReturnType<typeof serve> | undefined;
const served = () =>
  (handler ??= serve({
    client: inngestClient(),
    functions: jobs.map(toInngestFunction),
    serveOrigin: inngestServeOrigin(env()),
  }));

type Handler = ReturnType<typeof serve>["GET"];
export const GET: Handler = (...args) => served().GET(...args);
export const POST: Handler = (...args) => served().POST(...args);
export const PUT: Handler = (...args) => served().PUT(...args);
