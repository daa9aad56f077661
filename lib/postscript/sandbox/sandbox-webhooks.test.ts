import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "@/lib/restock/restock-test-fixtures";
import { createSandbox } from "./create-sandbox";

type Received = { headers: IncomingHttpHeaders; body: Record<string, unknown> };

const sandbox = createSandbox({ webhookRetryDelayMs: 20 });
const received: Received[] = [];
// The first answer for each subscription can be set to fail, to see Postscript's retry.
let failNext = 0;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    if (failNext > 0) {
      failNext--;
      res.writeHead(500).end();
      return;
    }
    received.push({
      headers: req.headers,
      body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
    });
    res.writeHead(200).end("{}");
  });
});
let callbackUrl = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  sandbox.webhooks.reset();
  await new Promise((resolve) => receiver.close(resolve));
});

const key = "sk_sandbox_webhooks_0001";
const api = (path: string, init: RequestInit = {}) =>
  sandbox.app.request(`/api/v2${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
  });

describe("the sandbox's webhook API", () => {
  it("gives a token, creates, lists and deletes subscriptions, and refuses an unknown event", async () => {
    const token = (await (await api("/webhooks/token")).json()) as { token: string };
    expect(token.token).toMatch(/^pswh_/);
    const created = await api("/webhooks", {
      method: "POST",
      body: JSON.stringify({ event: "shop.subscriber.opt_in", callback_url: callbackUrl }),
    });
    expect(created.status).toBe(200);
    const hook = (await created.json()) as { id: string; event: string; callback_url: string };
    expect(hook).toMatchObject({ event: "shop.subscriber.opt_in", callback_url: callbackUrl });
    const listed = (await (await api("/webhooks")).json()) as { webhook_subscriptions: { id: string }[] };
    expect(listed.webhook_subscriptions.map((h) => h.id)).toEqual([hook.id]);
    expect(
      (
        await api("/webhooks", {
          method: "POST",
          body: JSON.stringify({ event: "shop.nope", callback_url: callbackUrl }),
        })
      ).status,
    ).toBe(400);
    expect((await api(`/webhooks/${hook.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await api(`/webhooks/${hook.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("Reply Y on the inbox page opts the subscriber in and sends signed opt-in and incoming-message webhooks, retried until answered 200", async () => {
    for (const event of ["shop.subscriber.opt_in", "shop.incoming_message"]) {
      await api("/webhooks", { method: "POST", body: JSON.stringify({ event, callback_url: callbackUrl }) });
    }
    const keywords = (await (await api("/keywords")).json()) as { keywords: { id: string }[] };
    const created = await api("/subscribers", {
      method: "POST",
      body: JSON.stringify({ phone_number: "+12015550199", keyword_id: keywords.keywords[0]!.id }),
    });
    const { subscriber_id: id } = (await created.json()) as { subscriber_id: string };

    const page = await (await sandbox.app.request("/sandbox")).text();
    expect(page).toContain(`action="/sandbox/subscribers/${id}/reply"`);
    expect(page).toContain("Reply STOP");

    failNext = 1;
    const form = new URLSearchParams({ body: "Y" });
    const reply = await sandbox.app.request(`/sandbox/subscribers/${id}/reply`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    expect(reply.status).toBe(303);
    expect(sandbox.state.account(key)?.subscribers.find((s) => s.id === id)?.optInState).toBe("opted_in");

    await waitFor(() => received.length >= 2);
    const token = sandbox.webhooks.token(sandbox.state.account(key)!.resourceId);
    expect(received.every((r) => r.headers["postscript-signature"] === token)).toBe(true);
    expect(received.map((r) => r.body.event).sort()).toEqual(["shop.incoming_message", "shop.subscriber.opt_in"]);
    const optIn = received.find((r) => r.body.event === "shop.subscriber.opt_in")!;
    expect(optIn.body).toMatchObject({ resource_type: "shop", event_data: { id, phone_number: "+12015550199" } });
    expect(sandbox.webhooks.deliveries().some((d) => d.attempts === 2 && d.delivered)).toBe(true);
  });
});
