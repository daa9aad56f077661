import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  APP_ORIGIN,
  editOrderRequest,
  editOrderView,
  MAX_PENDING_RETRIES,
  msUntilHidden,
  PENDING_RETRY_MS,
} from "@/extensions/signalboard-order-status/src/edit-order-button";

const now = new Date("2026-12-06T12:00:00Z");
const portal = `${APP_ORIGIN}/edit/cm0order123.${"a".repeat(43)}`;

describe("the Edit order extension's decisions", () => {
  it("asks Signalboard's own origin (shopify.app.toml's application_url), with the email only when shared", () => {
    const toml = readFileSync("shopify.app.toml", "utf8");
    expect(/^application_url\s*=\s*"([^"]+)"/m.exec(toml)?.[1]).toBe(APP_ORIGIN);
    expect(editOrderRequest("gid://shopify/Order/1001", undefined)).toEqual({
      url: `${APP_ORIGIN}/api/extensions/edit-order`,
      body: JSON.stringify({ orderId: "gid://shopify/Order/1001" }),
    });
    expect(JSON.parse(editOrderRequest("gid://shopify/Order/1001", "a@b.test").body)).toEqual({
      orderId: "gid://shopify/Order/1001",
      email: "a@b.test",
    });
  });

  it("shows the portal link while the order is editable, until its deadline", () => {
    const deadline = "2026-12-06T13:00:00.000Z";
    const view = editOrderView({ editable: true, url: portal, deadline }, now, 0);
    expect(view).toEqual({ show: true, url: portal, deadline: new Date(deadline) });
    expect(msUntilHidden(view, now)).toBe(3_600_000);
    const untilFulfilled = editOrderView({ editable: true, url: portal, deadline: null }, now, 0);
    expect(untilFulfilled).toMatchObject({ show: true, deadline: null });
    expect(msUntilHidden(untilFulfilled, now)).toBeNull();
  });

  it("shows nothing for a closed order, a passed deadline, a foreign or malformed link, or no answer", () => {
    const hidden = { show: false, retryInMs: null };
    for (const answer of [
      { editable: false },
      { editable: true, url: portal, deadline: "2026-12-06T11:59:59Z" },
      { editable: true, url: portal, deadline: "soon" },
      { editable: true, url: "https://evil.example/edit/x", deadline: null },
      { editable: true, url: `${APP_ORIGIN}/dashboard`, deadline: null },
      { editable: true, url: "not a url", deadline: null },
      { editable: true, deadline: null },
      { editable: "yes", url: portal },
      null,
      "editable",
    ])
      expect(editOrderView(answer, now, 0)).toEqual(hidden);
  });

  it("asks again a few times while the new order is still on its way to Signalboard", () => {
    expect(editOrderView({ editable: false, pending: true }, now, 0)).toEqual({
      show: false,
      retryInMs: PENDING_RETRY_MS,
    });
    expect(editOrderView({ editable: false, pending: true }, now, MAX_PENDING_RETRIES)).toEqual({
      show: false,
      retryInMs: null,
    });
  });
});
