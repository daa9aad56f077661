import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { runShopRoute } from "./run-shop-route";

const ok = async () => new Response("fine", { status: 200 });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("runShopRoute", () => {
  it("runs the handler with the member's shop context", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id, "STAFF");
    const response = await runShopRoute(merchant, shop.id, async (ctx) =>
      Response.json({ shop: ctx.shop.id, role: ctx.role }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ shop: shop.id, role: "STAFF" });
  });

  it("answers signed-out users, other shops and unknown ids with the one error shape, without running the handler", async () => {
    const shop = await createShop();
    const other = await createShop();
    const merchant = await createMerchant(other.id);
    const handler = vi.fn(ok);
    const cases = [
      [await runShopRoute(null, shop.id, handler), 401, "UNAUTHENTICATED"],
      [await runShopRoute(merchant, shop.id, handler), 404, "NOT_FOUND"],
      [await runShopRoute(merchant, "\u0000", handler), 404, "NOT_FOUND"],
    ] as const;
    for (const [response, status, code] of cases) {
      expect(response.status).toBe(status);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("lets support agents read unless the route refuses them, with its own message", async () => {
    const shop = await createShop();
    const agent = await createSupportAgent();
    expect((await runShopRoute(agent, shop.id, ok)).status).toBe(200);
    const refused = await runShopRoute(agent, shop.id, ok, {
      refuseSupportAgent: "Support access cannot export customer contact details.",
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: { code: "FORBIDDEN", message: "Support access cannot export customer contact details." },
    });
  });

  it("maps an AppError to its status and message, and hides an unexpected error behind a logged reference", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    const upstream = await runShopRoute(merchant, shop.id, async () => {
      throw new AppError("UPSTREAM", "Postscript did not answer. Try again in a minute.");
    });
    expect(upstream.status).toBe(502);
    expect(await upstream.json()).toEqual({
      error: { code: "UPSTREAM", message: "Postscript did not answer. Try again in a minute." },
    });

    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const crashed = await runShopRoute(merchant, shop.id, async () => {
      throw new Error("connection string postgres://secret@db");
    });
    expect(crashed.status).toBe(500);
    const body = (await crashed.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("INTERNAL");
    expect(body.error.message).toBe(`Something went wrong on our side (reference ${body.error.requestId}).`);
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(String(logged.mock.calls[0]?.[0])).toContain(body.error.requestId);
  });
});
