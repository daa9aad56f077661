import { describe, expect, it } from "vitest";
import type { ClaimedDelivery } from "./claim-next-delivery";
import { openDeliveryHooks, registerDeliveryHooks } from "./delivery-hooks";

const row = (eventType: string): ClaimedDelivery => ({
  id: "d1",
  shopId: "shop-hooks",
  provider: "POSTSCRIPT",
  eventType,
  idempotencyKey: `shop-hooks:${eventType}:1`,
  recipientPhone: "+15555550100",
  recipientEmail: null,
  properties: {},
  attempts: 1,
  restockId: null,
  waitlistEntryId: null,
  orderId: null,
  entryStatus: null,
  entryExists: false,
  entryNotifiedByThis: false,
  variantAvailable: null,
});

describe("delivery hooks", () => {
  it("call a feature's hooks only for its own event types, with the context loaded once per shop", async () => {
    const loaded: string[] = [];
    registerDeliveryHooks({
      name: "test-feature",
      eventTypes: ["test_event"],
      loadContext: async (shopId) => {
        loaded.push(shopId);
        return { reason: `held for ${shopId}` };
      },
      skipReason: (_row, context) => context.reason,
    });
    const hooks = await openDeliveryHooks("shop-hooks");
    expect(loaded).toEqual(["shop-hooks"]);
    expect(hooks.skipReason(row("test_event"))).toBe("held for shop-hooks");
    expect(hooks.skipReason(row("some_other_event"))).toBeNull();
    expect(hooks.onDelivered(row("test_event"), new Date())).toEqual([]);
  });

  it("registering the same name again replaces the hooks instead of running them twice", async () => {
    const calls: string[] = [];
    for (const version of ["first", "second"]) {
      registerDeliveryHooks({
        name: "test-replaced",
        eventTypes: ["replaced_event"],
        loadContext: async () => version,
        skipReason: (_row, context) => {
          calls.push(context);
          return null;
        },
      });
    }
    const hooks = await openDeliveryHooks("shop-hooks");
    hooks.skipReason(row("replaced_event"));
    expect(calls).toEqual(["second"]);
  });
});
