import { InngestTestEngine } from "@inngest/test";
import { toInngestFunction } from "@/lib/jobs/inngest-functions";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { EVENTS } from "@/lib/jobs/job-events";
import { prisma } from "@/lib/db/prisma";
import { beginOrderEdit } from "@/lib/order-editing/begin-order-edit";
import { placeOrder, setUpOrderEditingShop } from "@/lib/order-editing/order-editing-test-fixtures";
import { saveOrderEdit } from "@/lib/order-editing/save-order-edit";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { orderDeadlineNudge } from "./order-deadline-nudge";
import { orderEditAbandoned } from "./order-edit-abandoned";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The sleep step, mocked by its id: the clock jumps to when it would wake, and `meanwhile` runs first. */
function sleepUntilWake(id: string, wakeAt: () => Date, meanwhile: () => Promise<unknown> = async () => undefined) {
  return {
    id,
    async handler() {
      await meanwhile();
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(wakeAt());
    },
  };
}

const count = (orderId: string, eventType: string) => prisma.delivery.count({ where: { orderId, eventType } });

describe("order-edit-abandoned (Inngest)", () => {
  async function started() {
    const { shop, bought } = await setUpOrderEditingShop({ settings: { abandonedDelayMinutes: 30 } });
    const order = await placeOrder(shop, bought);
    const { orderEditId } = await beginOrderEdit(order.token);
    const edit = await prisma.orderEdit.findUniqueOrThrow({ where: { id: orderEditId } });
    const engine = new InngestTestEngine({
      function: toInngestFunction(orderEditAbandoned),
      events: [{ name: EVENTS.orderEditStarted.name, data: { shopId: shop.shopId, orderEditId } }],
    });
    return { order, edit, engine };
  }

  it("sleeps until the check time, then sends Abandoned for an edit nobody saved", async () => {
    const { order, edit, engine } = await started();
    const { result, ctx } = await engine.execute({
      steps: [sleepUntilWake("wait-for-abandon-delay", () => edit.abandonCheckAt!)],
    });
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-abandon-delay", edit.abandonCheckAt!.toISOString());
    expect(result).toEqual({ outcome: "abandoned" });
    expect(await count(order.orderId, "order_editing_abandoned")).toBe(1);
    expect(await prisma.orderEdit.findUniqueOrThrow({ where: { id: edit.id } })).toMatchObject({ status: "ABANDONED" });
  });

  it("sends nothing when the customer saved during the wait", async () => {
    const { order, edit, engine } = await started();
    const save = () =>
      saveOrderEdit({
        token: order.token,
        orderEditId: edit.id,
        lines: [{ index: 0, quantity: 2 }],
        added: [],
        shippingAddress: null,
      });
    const { result } = await engine.execute({
      steps: [sleepUntilWake("wait-for-abandon-delay", () => edit.abandonCheckAt!, save)],
    });
    expect(result).toEqual({ outcome: "saved" });
    expect(await count(order.orderId, "order_editing_abandoned")).toBe(0);
  });

  it("does not even sleep for a session that is no longer open", async () => {
    const { order, edit, engine } = await started();
    await saveOrderEdit({
      token: order.token,
      orderEditId: edit.id,
      lines: [{ index: 0, quantity: 2 }],
      added: [],
      shippingAddress: null,
    });
    const { result, ctx } = await engine.execute();
    expect(result).toEqual({ outcome: "not_open" });
    expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
  });
});

describe("order-deadline-nudge (Inngest)", () => {
  async function received(settings = { deadlineNudgeEnabled: true, deadlineNudgeMinutes: 30, editWindowMinutes: 120 }) {
    const { shop, bought } = await setUpOrderEditingShop({ settings });
    const order = await placeOrder(shop, bought);
    const { editDeadline } = await prisma.order.findUniqueOrThrow({ where: { id: order.orderId } });
    const nudgeAt = new Date(editDeadline!.getTime() - settings.deadlineNudgeMinutes * 60_000);
    const engine = new InngestTestEngine({
      function: toInngestFunction(orderDeadlineNudge),
      events: [{ name: EVENTS.orderReceived.name, data: { shopId: shop.shopId, orderId: order.orderId } }],
    });
    return { order, nudgeAt, engine };
  }

  it("sleeps until deadline minus the lead time, then nudges a customer who has not edited", async () => {
    const { order, nudgeAt, engine } = await received();
    const { result, ctx } = await engine.execute({ steps: [sleepUntilWake("wait-until-nudge-time", () => nudgeAt)] });
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-until-nudge-time", nudgeAt.toISOString());
    expect(result).toEqual({ outcome: "sent" });
    const [nudge] = await prisma.delivery.findMany({
      where: { orderId: order.orderId, eventType: "order_editing_deadline_approaching" },
    });
    expect(nudge?.properties).toMatchObject({ minutes_left: 30 });
  });

  it("skips a customer who edited during the wait, and a shop that turned the nudge off", async () => {
    const edited = await received();
    const edit = async () => {
      const { orderEditId } = await beginOrderEdit(edited.order.token);
      await saveOrderEdit({
        token: edited.order.token,
        orderEditId,
        lines: [{ index: 0, quantity: 2 }],
        added: [],
        shippingAddress: null,
      });
    };
    expect(
      (await edited.engine.execute({ steps: [sleepUntilWake("wait-until-nudge-time", () => edited.nudgeAt, edit)] }))
        .result,
    ).toEqual({ outcome: "already_edited" });

    const off = await received();
    const turnOff = async () => {
      const { shopId } = await prisma.order.findUniqueOrThrow({ where: { id: off.order.orderId } });
      await prisma.orderEditingSettings.update({ where: { shopId }, data: { deadlineNudgeEnabled: false } });
    };
    expect(
      (await off.engine.execute({ steps: [sleepUntilWake("wait-until-nudge-time", () => off.nudgeAt, turnOff)] }))
        .result,
    ).toEqual({ outcome: "disabled" });
    expect(await count(edited.order.orderId, "order_editing_deadline_approaching")).toBe(0);
    expect(await count(off.order.orderId, "order_editing_deadline_approaching")).toBe(0);
  });

  it("does nothing for a shop without the nudge", async () => {
    const { engine } = await received({
      deadlineNudgeEnabled: false,
      deadlineNudgeMinutes: 30,
      editWindowMinutes: 120,
    });
    const { result, ctx } = await engine.execute();
    expect(result).toEqual({ outcome: "no_nudge" });
    expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
  });
});
