import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { clientForShop } from "@/lib/integrations/client-for-shop";
import type { Integration } from "@/lib/generated/prisma/client";
import { findEvent, sampleProperties } from "./event-catalog";
import type { SendTestEventInput } from "./flow-schemas";

export type TestEventOutcome = { status: "ACCEPTED" | "FAILED"; message: string };

// A second click within this window gets the first click's answer instead of a second event in Postscript.
const REPEAT_WINDOW_MS = 10_000;

function acceptedMessage(type: string): string {
  return `Accepted by Postscript: the trigger ${type} is now available in Create Automation.`;
}

/** Says what to do when the shop's key cannot send yet, in the order the merchant has to fix things. */
async function requireSendingKey(shopId: string): Promise<Integration> {
  const integration = await prisma.integration.findUnique({
    where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
  });
  if (!integration?.encryptedKey) {
    throw new AppError(
      "BAD_REQUEST",
      "Connect Postscript first: paste and verify your Private API Key on the Postscript setup page.",
    );
  }
  if (!integration.enabled) {
    throw new AppError(
      "BAD_REQUEST",
      "The Postscript integration is disabled: enable it on the Postscript setup page, then send the test event.",
    );
  }
  if (integration.verification !== "VERIFIED") {
    throw new AppError(
      "BAD_REQUEST",
      integration.verification === "INVALID"
        ? "Postscript no longer accepts your saved key: paste a new Private API Key on the Postscript setup page."
        : "Your Postscript key is not verified yet: click Verify again on the Postscript setup page, then send the test event.",
    );
  }
  return integration;
}

/**
 * "Send test event" (setup step 4): sends a realistic sample of an event type to the shop's Postscript account
 * so Postscript registers it as a flow trigger, and records the result as a TestEvent. Postscript refusing or
 * failing is a recorded FAILED outcome, not an error; only an unknown type or a shop that cannot send yet is
 * refused. An accepted test of the same type in the last 10 seconds is returned instead of sending again.
 */
export async function sendTestEvent(input: SendTestEventInput, ctx: ShopContext): Promise<TestEventOutcome> {
  const event = findEvent(input.eventType);
  if (!event) throw new AppError("BAD_REQUEST", "Unknown event type.");
  // The client is opened (the key decrypted, by clientForShop) before the lock, so the lock waits only on Postscript.
  const { client } = await clientForShop("POSTSCRIPT", ctx.shop.id, {
    integration: await requireSendingKey(ctx.shop.id),
    priority: "interactive",
  });
  const sentByName = ctx.user.name ?? ctx.user.email ?? null;

  // The advisory lock serialises concurrent clicks (other tabs, other servers) for one shop and type, so the
  // second sees the first's recorded result; it is held for at most one Postscript call, hence the timeout.
  const timeoutMs = env().POSTSCRIPT_TIMEOUT_MS;
  const sent = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`test-event:${ctx.shop.id}:${event.type}`}))`;
      const recent = await tx.testEvent.findFirst({
        where: {
          shopId: ctx.shop.id,
          eventType: event.type,
          status: "ACCEPTED",
          createdAt: { gte: new Date(Date.now() - REPEAT_WINDOW_MS) },
        },
        orderBy: { createdAt: "desc" },
      });
      if (recent) return null;

      const occurredAt = new Date();
      let result: { status: "ACCEPTED"; postscriptEventId: string | null } | { status: "FAILED"; error: string };
      try {
        const { eventIds } = await client.sendEvent({
          type: event.type,
          email: ctx.user.email ?? undefined,
          occurredAt,
          properties: sampleProperties(event),
          externalId: `test:${ctx.shop.id}:${event.type}:${occurredAt.getTime()}`,
        });
        result = { status: "ACCEPTED", postscriptEventId: eventIds[0] ?? null };
      } catch (error) {
        if (!(error instanceof PostscriptError)) throw error;
        result = { status: "FAILED", error: error.message };
      }
      await tx.testEvent.create({
        data: { shopId: ctx.shop.id, eventType: event.type, sentByUserId: ctx.user.id, sentByName, ...result },
      });
      return result;
    },
    { timeout: timeoutMs * 2 + 5_000, maxWait: 5_000 },
  );
  if (!sent) return { status: "ACCEPTED", message: acceptedMessage(event.type) };

  // Audited after the commit: the embedded database runs one transaction at a time, so a write from outside it
  // would wait for the transaction and never finish.
  await recordAudit(ctx, "setup.test_event_sent", { eventType: event.type, ...sent });
  return sent.status === "ACCEPTED"
    ? { status: "ACCEPTED", message: acceptedMessage(event.type) }
    : { status: "FAILED", message: sent.error };
}
