import { createSandbox } from "@/lib/postscript/sandbox/create-sandbox";
import { TWILIO_SANDBOX_ACCOUNT } from "@/lib/postscript/sandbox/twilio-sandbox-state";

/**
 * Starts a Postscript sandbox (with its Klaviyo mode) on a free port and points this test file's app code at it.
 * Call it before any code reads lib/env (vitest isolates each file, so the setting stays within the file).
 */
export async function startTestSandbox(options: { timeoutMs?: number } = {}) {
  const sandbox = createSandbox();
  const running = await sandbox.listen(0);
  process.env.POSTSCRIPT_API_BASE_URL = running.apiBaseUrl;
  process.env.KLAVIYO_API_BASE_URL = running.klaviyoApiBaseUrl;
  process.env.POSTSCRIPT_TIMEOUT_MS = String(options.timeoutMs ?? 2_000);
  process.env.TWILIO_ACCOUNT_SID = TWILIO_SANDBOX_ACCOUNT.accountSid;
  process.env.TWILIO_AUTH_TOKEN = TWILIO_SANDBOX_ACCOUNT.authToken;
  process.env.TWILIO_MESSAGING_SERVICE_SID = TWILIO_SANDBOX_ACCOUNT.messagingServiceSid;
  process.env.TWILIO_API_BASE_URL = running.twilioApiBaseUrl;
  return { ...running, state: sandbox.state, webhooks: sandbox.webhooks, twilio: sandbox.twilio };
}
