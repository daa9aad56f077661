import { describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/shop-context";
import { prisma } from "@/lib/db/prisma";
import { addDelivery, storeKey } from "@/lib/diagnostics/diagnostics-test-fixtures";
import { createEngineShop, waitFor } from "@/lib/restock/restock-test-fixtures";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { portalUrl } from "@/lib/order-editing/portal-url";
import { getLedgerDelivery } from "./get-ledger-delivery";
import { getSupportShop } from "./get-support-shop";
import { listAuditEntries } from "./list-audit-entries";
import { replayDelivery } from "./replay-delivery";
import { resendTestEvent } from "./resend-test-event";
import { revealRecipient } from "./reveal-recipient";
import { reverifyKey } from "./reverify-key";
import { runSupportAction } from "./run-support-action";
import {
  replayDeliverySchema,
  resendTestEventSchema,
  revealRecipientSchema,
  reverifyKeySchema,
} from "./support-action-schemas";

const sandbox = sandboxPerFile({ timeoutMs: 1_000, faults: "clear" });

const REASON = "Customer says the restock text never came (ticket 4512)";

const replay = (user: SessionUser | null, input: Record<string, unknown>) =>
  runSupportAction(
    user,
    {
      action: "support.delivery_replayed",
      schema: replayDeliverySchema,
      handler: replayDelivery,
      auditMetadata: (i) => ({ deliveryId: i.deliveryId }),
    },
    input,
  );
const reveal = (user: SessionUser | null, input: Record<string, unknown>) =>
  runSupportAction(
    user,
    {
      action: "support.recipient_revealed",
      schema: revealRecipientSchema,
      handler: revealRecipient,
      auditMetadata: (i) => ({ deliveryId: i.deliveryId }),
    },
    input,
  );
const reverify = (user: SessionUser | null, input: Record<string, unknown>) =>
  runSupportAction(
    user,
    {
      action: "support.key_reverified",
      schema: reverifyKeySchema,
      handler: reverifyKey,
      auditMetadata: (_i, r) => ({ result: r.verification }),
    },
    input,
  );
const resend = (user: SessionUser | null, input: Record<string, unknown>) =>
  runSupportAction(
    user,
    {
      action: "support.test_event_resent",
      schema: resendTestEventSchema,
      handler: resendTestEvent,
      auditMetadata: (_i, r) => ({ eventType: r.eventType }),
    },
    input,
  );

const supportAudit = (shopId: string) =>
  prisma.auditLog.findMany({ where: { shopId, action: { startsWith: "support." } }, orderBy: { createdAt: "asc" } });

async function shopWithFailedDelivery() {
  const shop = await createEngineShop({ reminderEnabled: false });
  const failed = await addDelivery(shop.shopId, {
    status: "FAILED",
    attempts: 12,
    responseStatus: 503,
    error: "Gave up after 12 attempts. Last answer: Postscript is unavailable (HTTP 503)",
    recipientPhone: "+14155550142",
  });
  return { ...shop, failed };
}

describe("replaying a failed delivery", () => {
  it("sends it again through the ledger, once, and records agent, shop, time and reason", async () => {
    const { shopId, apiKey, failed } = await shopWithFailedDelivery();
    const agent = await createSupportAgent();
    const result = await replay(agent, { shopId, deliveryId: failed.id, reason: REASON });
    expect(result).toMatchObject({
      ok: true,
      data: { deliveryId: failed.id, previous: { attempts: 12, responseStatus: 503 } },
    });

    const delivered = await waitFor(async () => {
      const row = await prisma.delivery.findUniqueOrThrow({ where: { id: failed.id } });
      return row.status === "DELIVERED" ? row : null;
    });
    expect(delivered).toMatchObject({
      attempts: 1,
      error: null,
      responseStatus: 202,
      idempotencyKey: failed.idempotencyKey,
    });
    expect(
      sandbox.state.inbox({ keyLast4: apiKey.slice(-4) }).filter((e) => e.externalId === failed.idempotencyKey),
    ).toHaveLength(1);

    const [entry] = await supportAudit(shopId);
    expect(entry).toMatchObject({
      action: "support.delivery_replayed",
      actorType: "SUPPORT_AGENT",
      actorUserId: agent.id,
      reason: REASON,
      metadata: { deliveryId: failed.id },
    });
    expect(entry!.createdAt).toBeInstanceOf(Date);

    // Delivered now: a second replay is refused and sends nothing.
    expect(await replay(agent, { shopId, deliveryId: failed.id, reason: REASON })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: expect.stringMatching(/never sent again/),
    });
    expect(
      sandbox.state.inbox({ keyLast4: apiKey.slice(-4) }).filter((e) => e.externalId === failed.idempotencyKey),
    ).toHaveLength(1);
    expect(await supportAudit(shopId)).toHaveLength(1);
  });

  it("keeps a replay held while the key does not work, and refuses skipped or unknown rows", async () => {
    const { shopId, failed } = await shopWithFailedDelivery();
    await storeKey(shopId, "sk_live_revoked_key_1212", "INVALID");
    const agent = await createSupportAgent();
    expect(await replay(agent, { shopId, deliveryId: failed.id, reason: REASON })).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "PENDING" });

    const skipped = await addDelivery(shopId, { status: "SKIPPED", skipReason: "customer has no phone and no email" });
    expect(await replay(agent, { shopId, deliveryId: skipped.id, reason: REASON })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: expect.stringMatching(/skipped on purpose/),
    });
    expect(await replay(agent, { shopId, deliveryId: "nope", reason: REASON })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    const other = await shopWithFailedDelivery();
    expect(await replay(agent, { shopId, deliveryId: other.failed.id, reason: REASON })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: other.failed.id } })).toMatchObject({
      status: "FAILED",
    });
  });
});

describe("who may act, and with what", () => {
  it("answers 404 to merchants (even in their own shop) and changes nothing", async () => {
    const { shopId, failed } = await shopWithFailedDelivery();
    const merchant = await createMerchant(shopId);
    for (const result of [
      await replay(merchant, { shopId, deliveryId: failed.id, reason: REASON }),
      await reveal(merchant, { shopId, deliveryId: failed.id, reason: REASON }),
      await reverify(merchant, { shopId, reason: REASON }),
      await resend(merchant, { shopId, eventType: "back_in_stock_sms_alert", reason: REASON }),
    ]) {
      expect(result).toEqual({ ok: false, code: "NOT_FOUND", message: "Shop not found." });
    }
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "FAILED" });
    expect(await supportAudit(shopId)).toHaveLength(0);
    expect(await replay(null, { shopId, deliveryId: failed.id, reason: REASON })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
  });

  it("requires a reason for every action and changes nothing without one", async () => {
    const { shopId, failed } = await shopWithFailedDelivery();
    const agent = await createSupportAgent();
    expect(await replay(agent, { shopId, deliveryId: failed.id, reason: "  " })).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "Give a reason of at least 5 characters: it is recorded in the audit log.",
    });
    expect(await reverify(agent, { shopId })).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      fieldErrors: { reason: expect.any(String) },
    });
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "FAILED" });
    expect(await supportAudit(shopId)).toHaveLength(0);
  });
});

describe("revealing a recipient", () => {
  it("shows the full phone only through the audited action; the ledger view stays masked", async () => {
    const { shopId, failed } = await shopWithFailedDelivery();
    const agent = await createSupportAgent();
    const view = await getLedgerDelivery(shopId, failed.id);
    expect(view).toMatchObject({ recipient: "+1••••••0142", canReveal: true, replayable: true });
    expect(JSON.stringify(view)).not.toContain("+14155550142");

    expect(await reveal(agent, { shopId, deliveryId: failed.id, reason: REASON })).toMatchObject({
      ok: true,
      data: { phone: "+14155550142", email: null },
    });
    expect(await supportAudit(shopId)).toMatchObject([
      { action: "support.recipient_revealed", reason: REASON, actorUserId: agent.id },
    ]);
  });
});

describe("what an agent sees of an order event's properties", () => {
  it("masks the portal link, the customer's name and contacts; reveal shows name and contacts (audited), never the link", async () => {
    const shop = await createShop();
    const agent = await createSupportAgent();
    const link = portalUrl("cm4x2k9p80001abcdxyz12345");
    const delivery = await addDelivery(shop.id, {
      eventType: "order_editing_started",
      recipientPhone: "+14155550142",
      recipientEmail: "jamie.rivera@example.com",
      properties: {
        edit_url: link,
        customer_name: "Jamie Rivera",
        customer_email: "jamie.rivera@example.com",
        order_name: "#1001",
        purchase_link: "https://x.myshopify.com/products/parka?variant=46211000000012",
      },
    });
    const view = await getLedgerDelivery(shop.id, delivery.id);
    const props = Object.fromEntries(view!.properties.map((p) => [p.name, p.value]));
    expect(props).toEqual({
      edit_url: `${new URL(link).origin}/edit/••••`,
      customer_name: "J••• R•••",
      customer_email: "j•••@example.com",
      order_name: "#1001",
      purchase_link: "https://x.myshopify.com/products/parka?variant=46211000000012",
    });
    expect(JSON.stringify(view)).not.toContain(new URL(link).pathname.split("/")[2]);
    expect(JSON.stringify(view)).not.toContain("Rivera");

    const revealed = await reveal(agent, { shopId: shop.id, deliveryId: delivery.id, reason: REASON });
    expect(revealed).toMatchObject({
      ok: true,
      data: { phone: "+14155550142", email: "jamie.rivera@example.com", name: "Jamie Rivera" },
    });
    expect(JSON.stringify(revealed)).not.toContain(new URL(link).pathname.split("/")[2]);
    expect(await supportAudit(shop.id)).toMatchObject([
      { action: "support.recipient_revealed", reason: REASON, actorUserId: agent.id },
    ]);
  });
});

describe("re-verifying the key and resending a test event", () => {
  it("checks the key with Postscript and records it; resends a test event to the agent", async () => {
    const { shopId, apiKey } = await shopWithFailedDelivery();
    await storeKey(shopId, apiKey, "UNVERIFIED");
    const agent = await createSupportAgent();
    expect(await reverify(agent, { shopId, reason: REASON })).toMatchObject({
      ok: true,
      data: { verification: "VERIFIED", previous: "UNVERIFIED", restored: true },
    });
    expect(await resend(agent, { shopId, eventType: "back_in_stock_sms_alert", reason: REASON })).toMatchObject({
      ok: true,
      data: { status: "ACCEPTED" },
    });
    expect(sandbox.state.inbox({ keyLast4: apiKey.slice(-4), type: "back_in_stock_sms_alert" })[0]).toMatchObject({
      email: agent.email,
    });
    expect(await resend(agent, { shopId, eventType: "not_a_type", reason: REASON })).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "Unknown event type.",
    });
    expect((await supportAudit(shopId)).map((a) => a.action)).toEqual([
      "support.key_reverified",
      "support.test_event_resent",
    ]);

    const entries = await listAuditEntries(shopId, { actorType: "SUPPORT_AGENT", prefixes: ["support."] });
    expect(entries[0]).toMatchObject({
      label: "Support resent a test event",
      actor: `Test Agent <${agent.email}>`,
      reason: REASON,
    });
  });
});

describe("the shop page's data", () => {
  it("shows the whole state with the key's last 4 only", async () => {
    const { shopId, apiKey } = await shopWithFailedDelivery();
    await prisma.upsellStrategy.create({
      data: { shopId, name: "Winter add-ons", notifyKlaviyo: true, discountValue: "15" },
    });
    // Failed two months ago: outside the ledger counts' 30 days.
    await prisma.delivery.create({
      data: {
        shopId,
        provider: "POSTSCRIPT",
        eventType: "back_in_stock_sms_alert",
        idempotencyKey: `old-${shopId}`,
        status: "FAILED",
        updatedAt: new Date(Date.now() - 60 * 86_400_000),
      },
    });
    const view = await getSupportShop(shopId);
    expect(view).toMatchObject({
      provider: "POSTSCRIPT",
      postscript: { keyLast4: apiKey.slice(-4), banner: { title: "Connected" } },
      strategies: [{ name: "Winter add-ons", notifyPostscript: false, notifyKlaviyo: true, discount: "15% off" }],
      ledger: { FAILED: 1 },
    });
    expect(view?.flows.length).toBeGreaterThan(5);
    expect(JSON.stringify(view)).not.toContain(apiKey.slice(0, -4));
    expect(await getSupportShop("no-such-shop")).toBeNull();
    expect(
      await getLedgerDelivery(
        (await createShop()).id,
        (await prisma.delivery.findFirstOrThrow({ where: { shopId } })).id,
      ),
    ).toBeNull();
  });
});
