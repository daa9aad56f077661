import { describe, expect, it } from "vitest";
import { createSandbox } from "./create-sandbox";
import { TWILIO_SANDBOX_ACCOUNT, TWILIO_SANDBOX_SHOP_ACCOUNT } from "./twilio-sandbox-state";

const { accountSid, authToken, messagingServiceSid } = TWILIO_SANDBOX_ACCOUNT;
const path = `/twilio/2010-04-01/Accounts/${accountSid}/Messages.json`;
const basic = (sid: string, token: string) => `Basic ${Buffer.from(`${sid}:${token}`).toString("base64")}`;

function send(
  app: ReturnType<typeof createSandbox>["app"],
  form: Record<string, string>,
  auth = basic(accountSid, authToken),
) {
  return app.request(path, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}

describe("the sandbox's Twilio stand-in", () => {
  it("creates a message as Twilio answers it, with its segments", async () => {
    const sandbox = createSandbox();
    const res = await send(sandbox.app, {
      To: "+14155552671",
      Body: "Back in stock: ✓",
      MessagingServiceSid: messagingServiceSid,
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      to: "+14155552671",
      messaging_service_sid: messagingServiceSid,
      status: "accepted",
      num_segments: "1",
      error_code: null,
    });
    expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it("answers with Twilio's error shapes: 20003, 21211, 21602, 21610, 429 / 20429", async () => {
    const sandbox = createSandbox({ twilioPerSecond: 2 });
    const ok = { To: "+14155552671", Body: "hi", MessagingServiceSid: messagingServiceSid };
    expect(await (await send(sandbox.app, ok, basic(accountSid, "0".repeat(32)))).json()).toEqual({
      code: 20003,
      message: "Authenticate",
      more_info: "https://www.twilio.com/docs/errors/20003",
      status: 401,
    });
    expect(await (await send(sandbox.app, { ...ok, To: "415-555" })).json()).toMatchObject({
      code: 21211,
      status: 400,
    });
    expect(await (await send(sandbox.app, { ...ok, Body: "" })).json()).toMatchObject({ code: 21602, status: 400 });
    // Over the account's rate: 429 with 20429 (the two calls above that passed auth count).
    const third = await send(sandbox.app, ok);
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({ code: 20429, message: "Too Many Requests" });
    sandbox.twilio.perSecond = 100;
    await sandbox.twilio.reply("+14155552671", "STOP");
    expect(await (await send(sandbox.app, ok)).json()).toMatchObject({ code: 21610, status: 400 });
  });

  it("the phones page shows each handset's texts, and its Reply STOP form opts the handset out", async () => {
    const sandbox = createSandbox();
    await send(sandbox.app, { To: "+14155552671", Body: "Back <b>soon</b>", MessagingServiceSid: messagingServiceSid });
    const page = await (await sandbox.app.request("/sandbox/twilio/phone")).text();
    expect(page).toContain("Back &lt;b&gt;soon&lt;/b&gt;");
    expect(page).toContain('<input type="hidden" name="body" value="STOP"><button type="submit">Reply STOP</button>');
    const reply = await sandbox.app.request("/sandbox/twilio/reply", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ handset: "+14155552671", body: "STOP" }).toString(),
    });
    expect(reply.status).toBe(303);
    expect(sandbox.twilio.isStopped(accountSid, "+14155552671")).toBe(true);
    expect(sandbox.twilio.messages.at(-1)?.body).toContain("You have successfully been unsubscribed");
  });

  it("holds several accounts: each answers to its own SID and token only, and sends from its own senders", async () => {
    const sandbox = createSandbox();
    const shop = TWILIO_SANDBOX_SHOP_ACCOUNT;
    const account = (sid: string, token: string) =>
      sandbox.app.request(`/twilio/2010-04-01/Accounts/${sid}.json`, { headers: { authorization: basic(sid, token) } });
    expect(await (await account(shop.accountSid, shop.authToken)).json()).toMatchObject({
      sid: shop.accountSid,
      friendly_name: shop.friendlyName,
      status: "active",
    });
    // Another account's token, as Twilio: 401 / 20003.
    const wrong = await account(shop.accountSid, authToken);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 20003 });
    const service = (sid: string) =>
      sandbox.app.request(`/twilio/v1/Services/${sid}`, {
        headers: { authorization: basic(shop.accountSid, shop.authToken) },
      });
    expect((await service(shop.messagingServiceSid)).status).toBe(200);
    expect(await (await service(messagingServiceSid)).json()).toMatchObject({ code: 20404, status: 404 });

    const shopPath = `/twilio/2010-04-01/Accounts/${shop.accountSid}/Messages.json`;
    const create = (form: Record<string, string>) =>
      sandbox.app.request(shopPath, {
        method: "POST",
        headers: {
          authorization: basic(shop.accountSid, shop.authToken),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(form).toString(),
      });
    const fromNumber = await create({ To: "+14155552671", Body: "hi", From: shop.fromNumber });
    expect(fromNumber.status).toBe(201);
    expect(await fromNumber.json()).toMatchObject({ account_sid: shop.accountSid, from: shop.fromNumber });
    expect(await (await create({ To: "+14155552671", Body: "hi", From: "+15005550006" })).json()).toMatchObject({
      code: 21606,
    });
    // The app's Messaging Service is not this account's.
    expect(
      await (await create({ To: "+14155552671", Body: "hi", MessagingServiceSid: messagingServiceSid })).json(),
    ).toMatchObject({ code: 21701 });
  });
});
