import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import type { SessionUser } from "@/lib/auth/shop-context";
import { prisma } from "@/lib/db/prisma";
import { connectPostscript } from "@/lib/postscript-connection/connect-postscript";
import { connectPostscriptSchema } from "@/lib/postscript-connection/schemas";
import { createMerchant, createShop, createSupportAgent, sandboxKey } from "@/lib/testing/fixtures";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { confirmFlow } from "./confirm-flow";
import { EVENT_CATALOG } from "./event-catalog";
import { confirmFlowSchema, sendTestEventSchema } from "./flow-schemas";
import { getFlowRows } from "./get-flow-rows";
import { sendTestEvent } from "./send-test-event";

const sandbox = sandboxPerFile({ timeoutMs: 500 });

async function setup() {
  const shop = await createShop();
  const merchant = await createMerchant(shop.id);
  const confirm = (eventType: string, confirmed: boolean, user: SessionUser = merchant, shopId = shop.id) =>
    runShopAction(user, confirmFlowSchema, confirmFlow, { shopId, eventType, confirmed });
  return { shop, merchant, confirm };
}

const confirmations = (shopId: string) => prisma.flowConfirmation.findMany({ where: { shopId } });
const auditActions = async (shopId: string) =>
  (await prisma.auditLog.findMany({ where: { shopId }, orderBy: { createdAt: "asc" } })).map((a) => a.action);

describe("confirming a flow", () => {
  it("records who confirmed and when, keeps the first confirmation, and undoes it", async () => {
    const { shop, merchant, confirm } = await setup();
    const first = await confirm("order_editing_saved", true);
    expect(first).toMatchObject({ ok: true, data: { confirmation: { by: "Test Merchant", at: expect.any(String) } } });
    const second = await confirm("order_editing_saved", true);
    expect(second).toEqual(first);
    expect(await confirmations(shop.id)).toMatchObject([
      { eventType: "order_editing_saved", confirmedByUserId: merchant.id, confirmedByName: "Test Merchant" },
    ]);

    expect(await confirm("order_editing_saved", false)).toEqual({ ok: true, data: { confirmation: null } });
    expect(await confirm("order_editing_saved", false)).toEqual({ ok: true, data: { confirmation: null } });
    expect(await confirmations(shop.id)).toEqual([]);
    expect(await auditActions(shop.id)).toEqual(["setup.flow_confirmed", "setup.flow_unconfirmed"]);
  });

  it("refuses an unknown type, another shop and a support agent, and changes nothing", async () => {
    const { shop, merchant, confirm } = await setup();
    const other = await setup();
    await other.confirm("order_editing_saved", true);
    const before = await confirmations(other.shop.id);

    expect(await confirm("not_an_event", true)).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "Unknown event type.",
    });
    expect(await confirm("order_editing_saved", false, merchant, other.shop.id)).toEqual({
      ok: false,
      code: "NOT_FOUND",
      message: "Shop not found.",
    });
    expect(await confirm("order_editing_saved", "yes" as unknown as boolean)).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
    });
    const agent = await createSupportAgent();
    expect(await confirm("order_editing_saved", true, agent)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await other.confirm("order_editing_saved", false, agent)).toMatchObject({ ok: false, code: "FORBIDDEN" });

    expect(await confirmations(shop.id)).toEqual([]);
    expect(await confirmations(other.shop.id)).toEqual(before);
  });
});

describe("getFlowRows", () => {
  const orderEditing = EVENT_CATALOG.filter((e) => e.feature === "order_editing").map((e) => e.type);

  it("lists the asked types in catalog order with their properties and nothing done yet", async () => {
    const { shop } = await setup();
    const rows = await getFlowRows(shop.id, ["unknown_type", ...[...orderEditing].reverse()]);
    expect(rows.map((r) => r.type)).toEqual([
      "order_editing_started",
      "order_editing_saved",
      "upsell_recommendations",
      "upsell_offers_available",
      "order_editing_abandoned",
      "order_editing_deadline_approaching",
    ]);
    expect(rows[1]).toMatchObject({
      displayName: "Order Editing Saved",
      when: "A customer saves their order changes",
      lastTest: null,
      testAccepted: false,
      confirmation: null,
      done: false,
    });
    expect(rows[1]!.properties).toContainEqual({
      name: "changes_summary",
      description: "What changed, in words",
      sample: expect.any(String),
    });
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });

  it("is done only with an accepted test and a confirmation, and a later failed test does not undo it", async () => {
    const { shop, merchant, confirm } = await setup();
    const connected = await runShopAction(merchant, connectPostscriptSchema, connectPostscript, {
      shopId: shop.id,
      apiKey: sandboxKey(),
    });
    expect(connected.ok).toBe(true);
    const send = (eventType: string) =>
      runShopAction(merchant, sendTestEventSchema, sendTestEvent, { shopId: shop.id, eventType });
    const row = async (type: string) => (await getFlowRows(shop.id, orderEditing)).find((r) => r.type === type)!;

    await confirm("order_editing_saved", true);
    expect(await row("order_editing_saved")).toMatchObject({
      testAccepted: false,
      confirmation: { by: "Test Merchant" },
      done: false,
    });

    sandbox.state.setFaults({ down: true });
    await send("order_editing_saved");
    expect(await row("order_editing_saved")).toMatchObject({
      lastTest: { status: "FAILED", error: expect.stringMatching(/HTTP 503/), by: "Test Merchant" },
      testAccepted: false,
      done: false,
    });

    sandbox.state.setFaults({ down: false });
    await send("order_editing_saved");
    expect(await row("order_editing_saved")).toMatchObject({
      lastTest: { status: "ACCEPTED", error: null },
      testAccepted: true,
      done: true,
    });

    // Postscript keeps a trigger once registered, so a failed re-test leaves the step done.
    await prisma.testEvent.updateMany({
      where: { shopId: shop.id },
      data: { createdAt: new Date(Date.now() - 60_000) },
    });
    sandbox.state.setFaults({ down: true });
    await send("order_editing_saved");
    sandbox.state.setFaults({ down: false });
    expect(await row("order_editing_saved")).toMatchObject({
      lastTest: { status: "FAILED" },
      testAccepted: true,
      done: true,
    });

    await confirm("order_editing_saved", false);
    expect(await row("order_editing_saved")).toMatchObject({ testAccepted: true, confirmation: null, done: false });
    expect(await row("order_editing_started")).toMatchObject({ lastTest: null, done: false });
  });
});
