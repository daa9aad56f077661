import { sendTestEvent, type TestEventOutcome } from "@/lib/setup/send-test-event";
import type { ResendTestEventInput } from "./support-action-schemas";
import type { SupportContext } from "./run-support-action";

/**
 * Sends the event type's test event to the shop's Postscript account again for an agent (the same sample and
 * rules as the merchant's "Send test event"; it goes to the agent's email, not a customer).
 */
export async function resendTestEvent(
  input: ResendTestEventInput,
  ctx: SupportContext,
): Promise<TestEventOutcome & { eventType: string }> {
  const outcome = await sendTestEvent({ shopId: input.shopId, eventType: input.eventType }, ctx);
  return { ...outcome, eventType: input.eventType };
}
