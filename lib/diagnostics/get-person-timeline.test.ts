import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { POSTSCRIPT_NOT_SELECTED_REASON } from "@/lib/deliveries/event-types";
import { createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { runRestock } from "@/lib/restock/restock-test-fixtures";
import { createWaitlistEntry } from "@/lib/testing/catalog-fixtures";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { addDelivery, completeFlows, recordConsent } from "./diagnostics-test-fixtures";
import { getPersonTimeline } from "./get-person-timeline";
import { lookupPerson } from "./lookup-person";
import { personLookupSchema } from "./person-lookup-schema";

const sandbox = sandboxPerFile({ timeoutMs: 1_000, faults: "clear" });

const PHONE = "+14155552671";

async function shopWithSignup(sync: "SYNCED" | "FAILED" | "PENDING" = "SYNCED") {
  const shop = await createEngineShop({ reminderEnabled: false });
  const variant = await createEngineVariant(shop.shopId, { available: 0 });
  const entry = await createWaitlistEntry(shop.shopId, variant.id, { phone: PHONE, email: "jamie@example.com" });
  await prisma.waitlistEntry.update({
    where: { id: entry.id },
    data: {
      postscriptSync: sync,
      postscriptSyncError: sync === "FAILED" ? "Choose a keyword in Postscript setup step 3." : null,
    },
  });
  return { ...shop, variant, entry };
}

describe("why didn't this customer get a text?", () => {
  it("says there is no record of an unknown customer, masked", async () => {
    const shop = await createShop();
    const timeline = await getPersonTimeline(shop.id, "(415) 555-2671");
    expect(timeline).toMatchObject({
      who: "+1••••••2671",
      kind: "phone",
      entries: [],
      stop: { title: "No record of this customer" },
    });
  });

  it("stops at a signup that could not be added to Postscript", async () => {
    const { shopId } = await shopWithSignup("FAILED");
    const timeline = await getPersonTimeline(shopId, "415 555 2671");
    expect(timeline?.entries.map((e) => e.title)).toEqual(["Joined a waitlist", "Could not be added to Postscript"]);
    expect(timeline?.stop).toMatchObject({ title: "The customer could not be added to Postscript", tone: "problem" });
    expect(timeline?.stop?.detail).toMatch(/Choose a keyword/);
  });

  it("stops at a variant not restocked since the signup, found by email too", async () => {
    const { shopId } = await shopWithSignup();
    const timeline = await getPersonTimeline(shopId, "Jamie@Example.com");
    expect(timeline?.who).toBe("j•••@example.com");
    expect(timeline?.stop).toMatchObject({
      title: "The variant has not been restocked since they signed up",
      fixHref: `/shops/${shopId}/back-in-stock`,
    });
  });

  it("follows signup → restock → delivered alert, then stops at a flow that was never confirmed", async () => {
    const { shopId, variant, apiKey } = await shopWithSignup();
    await prisma.variant.update({ where: { id: variant.id }, data: { available: 3 } });
    const restock = await prisma.restock.create({
      data: { shopId, variantId: variant.id, trigger: "MANUAL", available: 3 },
    });
    await runRestock(restock.id);
    expect(sandbox.state.inbox({ keyLast4: apiKey.slice(-4), type: "back_in_stock_sms_alert" })).toHaveLength(1);

    const timeline = await getPersonTimeline(shopId, PHONE);
    expect(timeline?.entries.map((e) => e.title)).toEqual([
      "Joined a waitlist",
      "Added to Postscript",
      "Sent to the waitlist by hand",
      "Back in stock SMS (back_in_stock_sms_alert) delivered to Postscript",
    ]);
    expect(timeline?.entries.at(-1)?.detail).toMatch(/^Accepted as evt_/);
    expect(timeline?.stop).toMatchObject({
      title: "No confirmed flow for back_in_stock_sms_alert",
      fixHref: `/shops/${shopId}/postscript#flow-back_in_stock_sms_alert`,
    });

    await completeFlows(shopId, ["back_in_stock_sms_alert"]);
    const confirmed = await getPersonTimeline(shopId, PHONE);
    expect(confirmed?.stop?.title).toBe("Delivered to Postscript; the rest happens inside Postscript");
    expect(confirmed?.stop?.detail).toMatch(/replied Y/);
    expect(JSON.stringify(confirmed)).not.toContain(PHONE);
  });

  it("with Postscript's webhooks, stops at an alert to a customer who never replied Y, and shows the opt-in once reported", async () => {
    const { shopId, variant, entry } = await shopWithSignup();
    await prisma.integration.update({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      data: { webhookIds: ["wh_1", "wh_2", "wh_3"] },
    });
    await prisma.waitlistEntry.update({
      where: { id: entry.id },
      data: { createdAt: new Date(Date.now() - 2 * 3_600_000) },
    });
    expect((await getPersonTimeline(shopId, PHONE))?.stop).toMatchObject({
      title: "The customer has not replied Y to Postscript's opt-in text",
      tone: "warning",
    });

    await completeFlows(shopId, ["back_in_stock_sms_alert"]);
    await prisma.variant.update({ where: { id: variant.id }, data: { available: 3 } });
    await runRestock(
      (await prisma.restock.create({ data: { shopId, variantId: variant.id, trigger: "MANUAL", available: 3 } })).id,
    );
    const silent = await getPersonTimeline(shopId, PHONE);
    expect(silent?.stop).toMatchObject({
      title: "The customer had not replied Y to Postscript's opt-in text",
      tone: "problem",
    });

    await recordConsent(shopId, PHONE, "OPTED_IN", 90);
    const opted = await getPersonTimeline(shopId, PHONE);
    expect(opted?.entries.map((e) => e.title)).toContain("Replied Y: opted in to Postscript texts");
    expect(opted?.stop?.title).toBe("Delivered to Postscript; the rest happens inside Postscript");
    expect(opted?.stop?.detail).toMatch(/the customer had replied Y by then/);
  });

  it("finds a number written in E.164 exactly as the ledger stores it, test numbers included", async () => {
    const shop = await createShop();
    await addDelivery(shop.id, { recipientPhone: "+15555550104" });
    const timeline = await getPersonTimeline(shop.id, "+15555550104");
    expect(timeline).toMatchObject({ who: "+1••••••0104", kind: "phone" });
    expect(timeline?.entries).toHaveLength(1);
  });

  it("explains a held alert while the key is refused", async () => {
    const { shopId, variant } = await shopWithSignup();
    await prisma.integration.update({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      data: { verification: "INVALID" },
    });
    const restock = await prisma.restock.create({
      data: { shopId, variantId: variant.id, trigger: "MANUAL", available: 3 },
    });
    await runRestock(restock.id);
    const timeline = await getPersonTimeline(shopId, PHONE);
    expect(timeline?.stop).toMatchObject({
      title: "Back in stock SMS (back_in_stock_sms_alert) is held",
      tone: "problem",
    });
    expect(timeline?.stop?.detail).toMatch(/no longer accepts the saved key/);
  });

  it("stops at a skipped order-editing event with its reason", async () => {
    const shop = await createShop();
    await addDelivery(shop.id, {
      eventType: "upsell_recommendations",
      status: "SKIPPED",
      skipReason: POSTSCRIPT_NOT_SELECTED_REASON,
      recipientPhone: null,
      recipientEmail: "sam@example.com",
    });
    const timeline = await getPersonTimeline(shop.id, "sam@example.com");
    expect(timeline?.stop).toMatchObject({
      title: "Upsell Recommendations (upsell_recommendations) was skipped",
      fixHref: `/shops/${shop.id}/upsells`,
    });
    expect(timeline?.stop?.fix).toMatch(/Advanced settings/);

    await addDelivery(shop.id, {
      eventType: "order_editing_started",
      status: "FAILED",
      error: "Postscript rejected the event (HTTP 400)",
      recipientPhone: null,
      recipientEmail: "sam@example.com",
    });
    expect((await getPersonTimeline(shop.id, "sam@example.com"))?.stop).toMatchObject({
      title: "Order Editing Started (order_editing_started) failed",
      tone: "problem",
    });
  });

  it("refuses what is neither a phone number nor an email, with a specific message", async () => {
    const shop = await createShop();
    await expect(getPersonTimeline(shop.id, "jamie")).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/full phone number/),
    });
    await expect(getPersonTimeline(shop.id, "jamie@")).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/email address/),
    });
  });
});

describe("who may look a customer up", () => {
  it("lets the shop's merchant and support agents look (agents audited), and nobody else", async () => {
    const { shopId } = await shopWithSignup();
    const merchant = await createMerchant(shopId);
    const agent = await createSupportAgent();
    const other = await createMerchant((await createShop()).id);
    const look = (user: Parameters<typeof runShopAction>[0]) =>
      runShopAction(user, personLookupSchema, lookupPerson, { shopId, query: PHONE }, { allowSupportAgent: true });

    expect(await look(merchant)).toMatchObject({ ok: true, data: { who: "+1••••••2671" } });
    expect(await prisma.auditLog.count({ where: { shopId, action: "support.person_looked_up" } })).toBe(0);
    expect(await look(agent)).toMatchObject({ ok: true });
    expect(await prisma.auditLog.findFirst({ where: { shopId, action: "support.person_looked_up" } })).toMatchObject({
      actorType: "SUPPORT_AGENT",
      actorUserId: agent.id,
      metadata: { who: "+1••••••2671", found: true },
    });
    expect(await look(other)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(
      await runShopAction(
        merchant,
        personLookupSchema,
        lookupPerson,
        { shopId, query: "  " },
        { allowSupportAgent: true },
      ),
    ).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "Enter the customer's phone number or email.",
    });
  });
});
