import { randomBytes } from "node:crypto";
import { inject } from "vitest";

// Each worker points at this run's database before any module reads lib/env.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64");
process.env.ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
process.env.SHOPIFY_API_KEY ??= "test-client-id";
process.env.SHOPIFY_API_SECRET ??= "shpss_test_secret";
process.env.INNGEST_DEV ??= "1";
// As instrumentation.ts does for the server: the delivery engine calls each feature's hooks for its event types.
const { registerFeatureDeliveryHooks } = await import("@/lib/register-feature-delivery-hooks");
registerFeatureDeliveryHooks();
// Background jobs run in this worker as in the app (lib/jobs/local-runner), on this worker's rows only. The runner
// imports every job, which costs more than most test files take: it loads when the file first sends an event.
process.env.JOB_RUNNER_AFFINITY ??= `vitest-${randomBytes(6).toString("hex")}`;
const { registerLocalJobsOnFirstUse } = await import("@/lib/jobs/local-job-table");
registerLocalJobsOnFirstUse(async () => (await import("@/inngest/run-jobs-for-shop")).startTestJobRunner());
