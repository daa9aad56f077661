import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { SMS_TEMPLATES } from "@/lib/sms-settings/sms-templates";
import { deliverDue } from "@/lib/deliveries/deliver-due";
import { drainShopDeliveries } from "@/lib/deliveries/drain-shop-deliveries";
import { NO_CONTACT_REASON, POSTSCRIPT_NOT_SELECTED_REASON } from "@/lib/deliveries/event-types";
import { checkIntegrationKey } from "@/lib/key-health/check-integration-key";
import { connectPostscript } from "@/lib/postscript-connection/connect-postscript";
import { connectPostscriptSchema, shopOnlySchema } from "@/lib/postscript-connection/schemas";
import { verifyPostscriptKey } from "@/lib/postscript-connection/verify-postscript-key";
import { createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { getSetupProgress, type SetupProgress } from "@/lib/setup/get-setup-progress";
import { refreshKeywordList } from "@/lib/setup/list-shop-keywords";
import { retryPendingSubscriberSyncs } from "@/lib/storefront/retry-pending-subscriber-syncs";
import { createWaitlistEntry } from "@/lib/testing/catalog-fixtures";
import { createMerchant, createShop, sandboxKey } from "@/lib/testing/fixtures";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import {
  addDelivery,
  age,
  chooseFirstKeyword,
  completeFlows,
  diagnostic,
  recordConsent,
  storeKey,
} from "./diagnostics-test-fixtures";
import { DIAGNOSTIC_IDS } from "./diagnostic-check";
import { runDiagnostics } from "./run-diagnostics";

const sandbox = sandboxPerFile({ timeoutMs: 1_000, faults: "clear" });

/** A shop sending SMS through Postscript with a verified sandbox key and a merchant (reminders off unless asked). */
async function connectedShop(options: Parameters<typeof createEngineShop>[0] = {}) {
  const shop = await createEngineShop({ reminderEnabled: false, ...options });
  const merchant = await createMerchant(shop.shopId);
  return { ...shop, merchant };
}

/** The shop chooses Postscript as its SMS provider (a new shop sends through built-in SMS). */
async function sendThroughPostscript(shopId: string) {
  await prisma.smsSettings.create({
    data: {
      shopId,
      provider: "POSTSCRIPT",
      backInStockTemplate: SMS_TEMPLATES.backInStock.defaultText,
      reminderTemplate: SMS_TEMPLATES.reminder.defaultText,
      preorderTemplate: SMS_TEMPLATES.preorder.defaultText,
    },
  });
}

const SMS_TYPES = ["back_in_stock_sms_alert", "back_in_stock_sms_reminder", "preorder_sms_confirmed"];

describe("key not configured / integration not complete", () => {
  it("fires without a key, warns while disabled, and clears once a working key is connected and enabled", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    // Texts go through built-in SMS (the default) without Postscript: a missing key only holds Postscript's events.
    expect(await diagnostic(shop.id, "key-not-configured")).toMatchObject({
      status: "warning",
      title: "API key not configured",
      detail: expect.stringContaining("go out through Built-in SMS without Postscript"),
    });
    await sendThroughPostscript(shop.id);
    expect(await diagnostic(shop.id, "key-not-configured")).toMatchObject({
      status: "problem",
      title: "API key not configured",
      fixHref: `/shops/${shop.id}/postscript#step-connect`,
    });

    const key = sandboxKey();
    await runShopAction(merchant, connectPostscriptSchema, connectPostscript, { shopId: shop.id, apiKey: key });
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.id, provider: "POSTSCRIPT" } },
      data: { enabled: false },
    });
    expect(await diagnostic(shop.id, "key-not-configured")).toMatchObject({
      status: "warning",
      title: "Integration disabled",
    });

    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.id, provider: "POSTSCRIPT" } },
      data: { enabled: true },
    });
    const fixed = await diagnostic(shop.id, "key-not-configured");
    expect(fixed).toMatchObject({ status: "ok" });
    expect(fixed.detail).toContain(key.slice(-4));
    expect(fixed.detail).not.toContain(key);
  });
});

describe("key saved but not verifiable", () => {
  it("fires while Postscript could not confirm the key and clears after Verify again succeeds", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    sandbox.state.setFaults({ down: true });
    await runShopAction(merchant, connectPostscriptSchema, connectPostscript, {
      shopId: shop.id,
      apiKey: sandboxKey(),
    });
    const check = await diagnostic(shop.id, "key-unverified");
    expect(check).toMatchObject({ status: "problem", title: "API key saved but connection could not be verified" });
    expect(check.fix).toMatch(/regenerated or expired/);

    sandbox.state.setFaults({ down: false });
    await runShopAction(merchant, shopOnlySchema, verifyPostscriptKey, { shopId: shop.id });
    expect(await diagnostic(shop.id, "key-unverified")).toMatchObject({ status: "ok" });
  });
});

describe("invalid key", () => {
  it("fires when Postscript refuses the saved key, counts the held events, and clears with a new key", async () => {
    const { shopId, merchant } = await connectedShop();
    await storeKey(shopId, "sk_live_revoked_key_7777");
    await addDelivery(shopId, { status: "PENDING" });
    await checkIntegrationKey("POSTSCRIPT", shopId, "daily");
    const check = await diagnostic(shopId, "key-invalid");
    expect(check).toMatchObject({ status: "problem", title: "Invalid Postscript API key" });
    expect(check.detail).toMatch(/ending 7777/);
    expect(check.detail).toMatch(/1 event is held/);

    await runShopAction(merchant, connectPostscriptSchema, connectPostscript, { shopId, apiKey: sandboxKey() });
    expect(await diagnostic(shopId, "key-invalid")).toMatchObject({ status: "ok" });
  });
});

describe("setup incomplete", () => {
  it("lists the steps without a checkmark and clears when every step has evidence", async () => {
    const { shopId, apiKey } = await connectedShop();
    const check = await diagnostic(shopId, "setup-incomplete");
    const incomplete = await getSetupProgress(shopId);
    expect(check).toMatchObject({
      status: "warning",
      title: "Setup appears incomplete",
      fixHref: `/shops/${shopId}/postscript#step-keyword`,
    });
    expect(check.detail).toMatch(/^Setup appears incomplete: 2 of 5 steps/);

    await chooseFirstKeyword(shopId, apiKey);
    await completeFlows(shopId, SMS_TYPES);
    await addDelivery(shopId);
    // Postscript accepted the alert, but nothing says the customer replied Y: step 5 stays open.
    const accepted = await diagnostic(shopId, "setup-incomplete");
    expect(accepted.detail).toMatch(
      /5\. Test your setup: Postscript accepted an alert on .* but the customer had not replied Y/,
    );

    await recordConsent(shopId, "+14155552671");
    expect(await diagnostic(shopId, "setup-incomplete")).toMatchObject({ status: "ok", title: "Setup complete" });

    // A page reading the checkmarks beside the diagnostics hands them over as a promise: its value is what counts,
    // and a promise of nothing leaves the diagnostics to read their own.
    const setupCheck = async (setupProgress: Promise<SetupProgress | undefined>) =>
      (await runDiagnostics(shopId, { live: false, setupProgress }))!.checks.find((c) => c.id === "setup-incomplete");
    expect(await setupCheck(Promise.resolve(incomplete))).toMatchObject({ status: "warning" });
    expect(await setupCheck(Promise.resolve(undefined))).toMatchObject({ status: "ok", title: "Setup complete" });
  });

  it("is not complete while the integration is disabled, and says so first", async () => {
    const { shopId, apiKey } = await connectedShop();
    await chooseFirstKeyword(shopId, apiKey);
    await completeFlows(shopId, SMS_TYPES);
    await recordConsent(shopId, "+14155552671");
    await addDelivery(shopId);
    const before = await diagnostic(shopId, "setup-incomplete");
    expect(before, before.detail).toMatchObject({ status: "ok" });

    await prisma.integration.update({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      data: { enabled: false },
    });
    const check = await diagnostic(shopId, "setup-incomplete");
    expect(check).toMatchObject({ status: "warning", fixHref: `/shops/${shopId}/postscript#step-connect` });
    expect(check.detail).toMatch(/^Integration disabled: nothing is sent to Postscript\. 4 of 5 steps/);
  });

  it("counts the order-editing flows the shop uses, and step 5 waits for step 4", async () => {
    const { shopId, apiKey } = await connectedShop();
    await chooseFirstKeyword(shopId, apiKey);
    await completeFlows(shopId, SMS_TYPES);
    await recordConsent(shopId, "+14155552671");
    await addDelivery(shopId);
    await prisma.order.create({ data: { shopId, shopifyOrderId: "5001", name: "#1001", lineItems: [] } });

    const check = await diagnostic(shopId, "setup-incomplete");
    expect(check.detail).toMatch(
      /4\. Create a Flow in Postscript: 3 of 3 back-in-stock and preorder flows and 0 of 3 order-editing flows/,
    );
    expect(check.detail).toMatch(/5\. Test your setup: .*step 4 is not complete/);

    await completeFlows(shopId, ["order_editing_started", "order_editing_saved", "order_editing_abandoned"]);
    expect(await diagnostic(shopId, "setup-incomplete")).toMatchObject({ status: "ok" });
  });

  it("does not apply while another SMS provider is active", async () => {
    const { shopId } = await connectedShop({ provider: "KLAVIYO" });
    expect(await diagnostic(shopId, "setup-incomplete")).toMatchObject({ status: "ok" });
  });
});

describe("no keywords", () => {
  it("fires when the Postscript account has no keyword, then asks to choose one once it exists, and clears when chosen", async () => {
    const { shopId } = await connectedShop();
    const key = sandboxKey("nokeywords_");
    await storeKey(shopId, key);
    // The check reads the last keyword listing (pages never call Postscript); the background refresh, done here.
    await refreshKeywordList(shopId);
    expect(await diagnostic(shopId, "no-keywords")).toMatchObject({
      status: "problem",
      title: "No keywords in Postscript",
    });

    sandbox.state.addKeyword(key, "RESTOCK");
    await refreshKeywordList(shopId);
    expect(await diagnostic(shopId, "no-keywords")).toMatchObject({ status: "warning", title: "No keyword chosen" });

    await chooseFirstKeyword(shopId, key);
    expect(await diagnostic(shopId, "no-keywords")).toMatchObject({
      status: "ok",
      detail: expect.stringContaining("RESTOCK"),
    });
  });

  it("fires when the chosen keyword was deleted in Postscript", async () => {
    const { shopId, apiKey } = await connectedShop();
    const keyword = await chooseFirstKeyword(shopId, apiKey);
    sandbox.state.removeKeyword(apiKey, keyword.id);
    await refreshKeywordList(shopId);
    expect(await diagnostic(shopId, "no-keywords")).toMatchObject({
      status: "problem",
      title: "Chosen keyword no longer exists",
    });
  });

  it("waits for the key check when the key is not verified", async () => {
    const { shopId } = await connectedShop();
    await prisma.integration.update({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      data: { verification: "INVALID" },
    });
    expect(await diagnostic(shopId, "no-keywords")).toMatchObject({ status: "warning", blockedBy: "key-invalid" });
  });
});

describe("flow trigger name mismatch", () => {
  it("warns for types without a test event or a confirmed flow, is a problem once real events went out, and clears when confirmed", async () => {
    const { shopId } = await connectedShop({ reminderEnabled: true });
    const check = await diagnostic(shopId, "flow-trigger-mismatch");
    expect(check).toMatchObject({
      status: "warning",
      fixHref: `/shops/${shopId}/postscript#flow-back_in_stock_sms_alert`,
    });
    expect(check.detail).toMatch(/back_in_stock_sms_alert\): test event never sent/);
    expect(check.detail).toMatch(/back_in_stock_sms_reminder\): test event never sent/);

    await addDelivery(shopId);
    await prisma.testEvent.create({ data: { shopId, eventType: "back_in_stock_sms_alert", status: "ACCEPTED" } });
    const live = await diagnostic(shopId, "flow-trigger-mismatch");
    expect(live.status).toBe("problem");
    expect(live.detail).toMatch(/back_in_stock_sms_alert\): flow not confirmed/);

    await prisma.flowConfirmation.create({
      data: { shopId, eventType: "back_in_stock_sms_alert", confirmedByName: "Test" },
    });
    await completeFlows(shopId, ["back_in_stock_sms_reminder"]);
    expect(await diagnostic(shopId, "flow-trigger-mismatch")).toMatchObject({ status: "ok" });
  });

  it("covers upsell events of strategies that send to Postscript, pointing at the Order editing page", async () => {
    const { shopId } = await connectedShop({ provider: "KLAVIYO" });
    await prisma.upsellStrategy.create({ data: { shopId, name: "Add-ons", notifyPostscript: true } });
    const check = await diagnostic(shopId, "flow-trigger-mismatch");
    expect(check).toMatchObject({
      status: "warning",
      fixHref: `/shops/${shopId}/order-editing#flow-upsell_recommendations`,
    });
    await completeFlows(shopId, ["upsell_recommendations"]);
    expect(await diagnostic(shopId, "flow-trigger-mismatch")).toMatchObject({ status: "ok" });
  });
});

describe("back in stock works but preorder flow missing", () => {
  it("fires for a shop taking preorders without a confirmed preorder flow, and clears once it is confirmed", async () => {
    const { shopId } = await connectedShop();
    expect(await diagnostic(shopId, "preorder-flow-missing")).toMatchObject({ status: "ok" });

    await createEngineVariant(shopId, { preorder: true });
    await completeFlows(shopId, ["back_in_stock_sms_alert"]);
    const check = await diagnostic(shopId, "preorder-flow-missing");
    expect(check).toMatchObject({
      status: "problem",
      title: "Back in stock works but the preorder flow is missing",
      fixHref: `/shops/${shopId}/postscript#flow-preorder_sms_confirmed`,
    });

    await completeFlows(shopId, ["preorder_sms_confirmed"]);
    expect(await diagnostic(shopId, "preorder-flow-missing")).toMatchObject({ status: "ok" });
  });
});

describe("upsell events not firing: Postscript not selected on the strategy", () => {
  it("names the strategy and its skipped events, and clears once Postscript is selected", async () => {
    const { shopId } = await connectedShop();
    const strategy = await prisma.upsellStrategy.create({
      data: { shopId, name: "Winter add-ons", notifyKlaviyo: true },
    });
    await addDelivery(shopId, {
      eventType: "upsell_recommendations",
      status: "SKIPPED",
      skipReason: POSTSCRIPT_NOT_SELECTED_REASON,
      upsellStrategyId: strategy.id,
    });
    const check = await diagnostic(shopId, "upsell-postscript-not-selected");
    expect(check).toMatchObject({ status: "warning", fixHref: `/shops/${shopId}/upsells` });
    expect(check.detail).toContain("“Winter add-ons” (Klaviyo only): 1 event skipped");
    expect(check.fix).toMatch(/Advanced settings/);

    await prisma.upsellStrategy.update({ where: { id: strategy.id }, data: { notifyPostscript: true } });
    expect(await diagnostic(shopId, "upsell-postscript-not-selected")).toMatchObject({ status: "ok" });
  });
});

describe("customer signed up but never opted in", () => {
  it("fires for signups that could not be added to Postscript and clears once they are added", async () => {
    const { shopId, apiKey } = await connectedShop();
    await prisma.integration.update({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      data: { webhookIds: ["wh_1", "wh_2", "wh_3"] },
    });
    const variant = await createEngineVariant(shopId);
    const entry = await createWaitlistEntry(shopId, variant.id, { phone: "+14155550199" });
    await prisma.waitlistEntry.update({
      where: { id: entry.id },
      data: { postscriptSync: "FAILED", postscriptSyncError: "Choose a keyword in Postscript setup step 3." },
    });
    const check = await diagnostic(shopId, "subscriber-not-opted-in");
    expect(check).toMatchObject({ status: "problem" });
    expect(check.detail).toMatch(
      /1 waiting customer could not be added to Postscript \(latest reason: Choose a keyword/,
    );

    await chooseFirstKeyword(shopId, apiKey);
    await retryPendingSubscriberSyncs(shopId, { includeFailed: true, minAgeMs: 0 });
    expect((await prisma.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).postscriptSync).toBe("SYNCED");
    // Added just now: Postscript's opt-in text is on its way, so there is nothing to say yet.
    expect(await diagnostic(shopId, "subscriber-not-opted-in")).toMatchObject({ status: "ok" });
  });

  it("says how many added customers never replied Y and since when, and clears once Postscript reports the opt-in", async () => {
    const { shopId } = await connectedShop();
    await prisma.integration.update({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      data: { webhookIds: ["wh_1", "wh_2", "wh_3"] },
    });
    const variant = await createEngineVariant(shopId);
    const signedUp = new Date("2026-12-01T09:30:00Z");
    for (const phone of ["+14155550101", "+14155550102", "+14155550103"]) {
      const entry = await createWaitlistEntry(shopId, variant.id, { phone });
      await prisma.waitlistEntry.update({
        where: { id: entry.id },
        data: { postscriptSync: "SYNCED", createdAt: signedUp },
      });
    }
    await recordConsent(shopId, "+14155550103", "OPTED_OUT");
    const check = await diagnostic(shopId, "subscriber-not-opted-in");
    expect(check).toMatchObject({ status: "warning", title: "Customers signed up but never opted in" });
    expect(check.detail).toBe(
      "2 waiting customers were added to Postscript but never replied Y to its opt-in text (the oldest since Dec 1, 9:30 AM UTC). Postscript will not text them an alert until they do. 1 more replied STOP and will not be texted.",
    );

    await recordConsent(shopId, "+14155550101");
    await recordConsent(shopId, "+14155550102");
    expect(await diagnostic(shopId, "subscriber-not-opted-in")).toMatchObject({
      status: "ok",
      title: "Waitlist signups opted in",
    });
  });

  it("warns when Signalboard is not subscribed to Postscript's opt-in webhooks", async () => {
    const { shopId } = await connectedShop();
    await prisma.integration.update({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      data: { webhookIds: [], webhookError: "Postscript is unavailable" },
    });
    const check = await diagnostic(shopId, "subscriber-not-opted-in");
    expect(check).toMatchObject({
      status: "warning",
      title: "Opt-ins from Postscript are not being received",
      fixHref: `/shops/${shopId}/postscript#step-connect`,
    });
    expect(check.detail).toContain("Postscript is unavailable");
  });

  it("warns about a sync stuck pending", async () => {
    const { shopId } = await connectedShop();
    const variant = await createEngineVariant(shopId);
    const entry = await createWaitlistEntry(shopId, variant.id);
    await prisma.waitlistEntry.update({
      where: { id: entry.id },
      data: { postscriptSync: "PENDING", updatedAt: new Date(Date.now() - 60 * 60_000) },
    });
    expect(await diagnostic(shopId, "subscriber-not-opted-in")).toMatchObject({ status: "warning" });
  });
});

describe("customers with no phone and no email", () => {
  it("counts recent skips by event type and clears once they are older than the window", async () => {
    const { shopId } = await connectedShop();
    const row = await addDelivery(shopId, {
      eventType: "order_editing_started",
      status: "SKIPPED",
      skipReason: NO_CONTACT_REASON,
      recipientPhone: null,
    });
    const check = await diagnostic(shopId, "no-contact");
    expect(check).toMatchObject({ status: "warning", title: "Customers with no phone and no email" });
    expect(check.detail).toMatch(/1 event was skipped .*order_editing_started 1/);

    await age(row.id, 8);
    expect(await diagnostic(shopId, "no-contact")).toMatchObject({ status: "ok" });
  });
});

describe("events not matching subscribers", () => {
  it("warns about email-only events and alerts to customers never added to Postscript, and clears when they are", async () => {
    const { shopId } = await connectedShop();
    // Integration Connected goes to the merchant's email: it is not a customer event and never counts.
    await addDelivery(shopId, {
      eventType: "integration_connected",
      recipientPhone: null,
      recipientEmail: "owner@example.com",
    });
    expect(await diagnostic(shopId, "events-not-matching")).toMatchObject({ status: "ok" });
    const emailOnly = await addDelivery(shopId, {
      eventType: "order_editing_saved",
      recipientPhone: null,
      recipientEmail: "jamie@example.com",
    });
    expect(await diagnostic(shopId, "events-not-matching")).toMatchObject({
      status: "warning",
      detail: expect.stringMatching(/1 event went with an email only/),
    });
    await age(emailOnly.id, 8);
    expect(await diagnostic(shopId, "events-not-matching")).toMatchObject({ status: "ok" });

    const variant = await createEngineVariant(shopId);
    const entry = await createWaitlistEntry(shopId, variant.id, { status: "NOTIFIED" });
    await addDelivery(shopId, { waitlistEntryId: entry.id, recipientPhone: entry.phone });
    expect(await diagnostic(shopId, "events-not-matching")).toMatchObject({
      status: "warning",
      detail: expect.stringMatching(/1 back-in-stock alert went to waitlist customers Signalboard never added/),
    });
    // Every state but SYNCED is named in the query: each one counts.
    for (const postscriptSync of ["PENDING", "FAILED", "NOT_NEEDED"] as const) {
      await prisma.waitlistEntry.update({ where: { id: entry.id }, data: { postscriptSync } });
      expect(await diagnostic(shopId, "events-not-matching")).toMatchObject({ status: "warning" });
    }
    await prisma.waitlistEntry.update({ where: { id: entry.id }, data: { postscriptSync: "SYNCED" } });
    expect(await diagnostic(shopId, "events-not-matching")).toMatchObject({ status: "ok" });
  });
});

describe("events delayed", () => {
  it("shows held events as a problem while the integration is disabled, and clears once they are sent", async () => {
    const { shopId } = await connectedShop();
    await prisma.integration.update({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      data: { enabled: false },
    });
    for (let i = 0; i < 3; i++) await addDelivery(shopId, { status: "PENDING", recipientPhone: `+1415555020${i}` });
    const held = await diagnostic(shopId, "events-delayed");
    expect(held).toMatchObject({ status: "problem", title: "Events are held" });
    expect(held.detail).toMatch(/Queue: 3 events due now/);
    expect(held.detail).toMatch(/disabled/);
    expect(held.detail).toMatch(/Pace: up to 15\/s/);

    await prisma.integration.update({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      data: { enabled: true },
    });
    await drainShopDeliveries(shopId);
    const sent = await diagnostic(shopId, "events-delayed");
    expect(sent).toMatchObject({ status: "ok", title: "No events waiting" });
    expect(sent.detail).toMatch(/3 events delivered in the last 5 minutes/);
  });

  it("warns when the queue needs minutes at the key's pace, and calls a queue nobody sends stalled", async () => {
    const { shopId } = await connectedShop({ rateLimitPerSecond: 2 });
    const at = new Date();
    await prisma.delivery.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({
        shopId,
        provider: "POSTSCRIPT" as const,
        eventType: "back_in_stock_sms_alert",
        idempotencyKey: `${shopId}:bulk:${i}`,
        recipientPhone: `+1415556${String(i).padStart(4, "0")}`,
        nextAttemptAt: at,
      })),
    });
    const delayed = await diagnostic(shopId, "events-delayed");
    expect(delayed).toMatchObject({ status: "warning", title: "Events are delayed" });
    expect(delayed.detail).toMatch(/Queue: 300 events due now.*about 3 min left/);

    await prisma.delivery.updateMany({
      where: { shopId },
      data: { nextAttemptAt: new Date(Date.now() - 60 * 60_000) },
    });
    expect(await diagnostic(shopId, "events-delayed")).toMatchObject({
      status: "problem",
      detail: expect.stringMatching(/stalled/),
    });

    await prisma.delivery.deleteMany({ where: { shopId } });
    expect(await diagnostic(shopId, "events-delayed")).toMatchObject({ status: "ok" });
  });
});

describe("rate limit exceeded", () => {
  it("shows when Postscript answered 429 and how long events were delayed, and clears once they went out", async () => {
    const { shopId } = await connectedShop();
    await addDelivery(shopId, { status: "PENDING" });
    sandbox.state.setFaults({ share429: 1 });
    await deliverDue(shopId, { maxDurationMs: 300, workers: 1 });
    const row = await prisma.delivery.findFirstOrThrow({ where: { shopId } });
    expect(row).toMatchObject({ status: "RETRYING", responseStatus: 429 });
    const check = await diagnostic(shopId, "rate-limited");
    expect(check).toMatchObject({ status: "warning", title: "Postscript rate limit exceeded" });
    expect(check.detail).toMatch(
      /Postscript answered “Rate limit exceeded” between .* UTC and .* UTC: 1 event is waiting to be retried after a 429, delayed by up to \d+ s so far/,
    );

    sandbox.state.setFaults({ share429: 0 });
    await prisma.delivery.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
    await drainShopDeliveries(shopId);
    const cleared = await diagnostic(shopId, "rate-limited");
    expect(cleared).toMatchObject({ status: "ok" });
    expect(cleared.detail).toMatch(
      /1 event delivered in the last 7 days was delayed by Postscript's rate limit \(1 429 answer between .* UTC and .* UTC, the longest delay \d+ s\)\./,
    );
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "DELIVERED",
      rateLimitedAttempts: 1,
    });
  });

  it("is a problem when events failed after repeated 429s", async () => {
    const { shopId } = await connectedShop();
    await addDelivery(shopId, {
      status: "FAILED",
      responseStatus: 429,
      error: "Gave up after 30 attempts. Last answer: Rate limit exceeded",
    });
    expect(await diagnostic(shopId, "rate-limited")).toMatchObject({
      status: "problem",
      fixHref: `/shops/${shopId}/activity?status=FAILED`,
    });
  });
});

describe("sends without an answer", () => {
  it("is a problem while unconfirmed events exist, naming the resend, and says so while sending is paused", async () => {
    const { shopId } = await connectedShop();
    expect(await diagnostic(shopId, "sends-unconfirmed")).toMatchObject({ status: "ok" });
    await prisma.sendingPause.create({
      data: { shopId, provider: "POSTSCRIPT", reason: "Sending paused after 4 sends in a row got no answer." },
    });
    expect(await diagnostic(shopId, "sends-unconfirmed")).toMatchObject({
      status: "warning",
      title: expect.stringMatching(/paused/),
    });
    await addDelivery(shopId, {
      status: "UNCONFIRMED",
      deliveredAt: new Date(),
      error: "Unconfirmed: no answer came in time.",
    });
    const check = await diagnostic(shopId, "sends-unconfirmed");
    expect(check).toMatchObject({ status: "problem", fixHref: `/shops/${shopId}/activity?status=UNCONFIRMED` });
    expect(check.detail).toMatch(
      /^1 event left Signalboard between .* but the provider never answered.*Sending paused after 4/,
    );
  });
});

describe("the report", () => {
  it("runs every check once, problems first, and refuses an unknown shop", async () => {
    const shop = await createShop();
    await sendThroughPostscript(shop.id);
    const report = await runDiagnostics(shop.id);
    expect(report?.checks).toHaveLength(DIAGNOSTIC_IDS.length);
    expect(new Set(report?.checks.map((c) => c.id)).size).toBe(DIAGNOSTIC_IDS.length);
    const ranks = report!.checks.map((c) => ({ problem: 0, warning: 1, ok: 2 })[c.status]);
    expect([...ranks].sort()).toEqual(ranks);
    expect(report?.checks[0]).toMatchObject({ id: "key-not-configured", status: "problem" });
    expect(report?.problems).toBeGreaterThan(0);
    expect(await runDiagnostics("no-such-shop")).toBeNull();
  });

  it("never shows more of a key than its last 4", async () => {
    const { shopId, apiKey } = await connectedShop();
    await prisma.integration.update({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      data: { verification: "INVALID" },
    });
    const text = JSON.stringify(await runDiagnostics(shopId));
    expect(text).toContain(apiKey.slice(-4));
    expect(text).not.toContain(apiKey.slice(0, -4));
  });
});
