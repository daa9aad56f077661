import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { disconnectIntegration } from "@/lib/integrations/disconnect-integration";
import { TWILIO_SANDBOX_ACCOUNT, TWILIO_SANDBOX_SHOP_ACCOUNT } from "@/lib/postscript/sandbox/twilio-sandbox-state";
import { getPersonTimeline } from "@/lib/diagnostics/get-person-timeline";
import { reportLinkUrl } from "@/lib/reports/report-link-url";
import { getRestockProgress } from "@/lib/restock/get-restock-progress";
import { planRestock } from "@/lib/restock/plan-restock";
import { addWaitlist, createEngineShop, createEngineVariant, waitFor } from "@/lib/restock/restock-test-fixtures";
import { consentDisclosure } from "@/lib/storefront/consent-disclosure";
import { createMerchant } from "@/lib/testing/fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { connectTwilio } from "@/lib/twilio-connection/connect-twilio";
import { getTwilioConnection } from "@/lib/twilio-connection/get-twilio-connection";
import { connectTwilioSchema, twilioShopSchema } from "@/lib/twilio-connection/schemas";
import { receiveTwilioInbound, receiveTwilioStatus } from "@/lib/twilio/receive-twilio-webhook";
import { OPTED_OUT_REASON } from "@/lib/twilio/sms-opt-outs";
import { deliverDue } from "../deliver-due";
import { classifyTwilioFailure, QUIET_HOURS_REASON } from "./built-in-sms-provider";

// The app's two Twilio webhooks, served by the real handlers on a port of their own: the stand-in's signed
// status callbacks and inbound texts reach them exactly as Twilio's would reach the app.
let hooks: Server;
let appUrl: string;
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  hooks = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`${appUrl}${req.url}`, {
      method: "POST",
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: Buffer.concat(chunks),
    });
    const handler = req.url === "/api/webhooks/twilio/status" ? receiveTwilioStatus : receiveTwilioInbound;
    const reply = await handler(request);
    res.writeHead(reply.status, { "content-type": reply.contentType }).end(reply.body);
  });
  await new Promise<void>((resolve) => hooks.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
  process.env.SHOPIFY_APP_URL = appUrl;
  sandbox = await startTestSandbox({ timeoutMs: 2_000 });
  sandbox.twilio.inboundUrl = `${appUrl}/api/webhooks/twilio/inbound`;
  // One small restock first, so the measured tests do not pay for cold code (Prisma's first queries, the client).
  const warm = await smsShop(1);
  await planAndSend((await restock(warm.shopId, warm.variant.id)).id);
}, 60_000);
afterAll(async () => {
  await sandbox.close();
  hooks.close();
});
beforeEach(() => {
  sandbox.twilio.reset();
  sandbox.twilio.perSecond = 100;
  sandbox.twilio.faults.callbackDelayMs = 50;
});

const FAST = { maxDurationMs: 10_000, retry: { baseMs: 50, capMs: 400 } };

/** A built-in SMS shop (quiet hours off unless asked) with a sold-out variant and `count` consenting waiters. */
async function smsShop(
  count: number,
  options: { quietHours?: boolean; timeZone?: string; plan?: "FREE" | "PAID"; consent?: boolean } = {},
) {
  const shop = await createEngineShop({ provider: "BUILT_IN", reminderEnabled: false });
  await prisma.shop.update({
    where: { id: shop.shopId },
    data: { timeZone: options.timeZone ?? "UTC", plan: options.plan ?? "PAID" },
  });
  await prisma.smsSettings.update({
    where: { shopId: shop.shopId },
    data: { quietHoursEnabled: options.quietHours ?? false, sendPerSecond: 20 },
  });
  const variant = await createEngineVariant(shop.shopId, { available: 0 });
  const phones = await addWaitlist(shop.shopId, variant.id, count, {
    phonePrefix: Math.floor(Math.random() * 8_000_000),
  });
  if (options.consent ?? true) await consent(shop.shopId, phones);
  return { ...shop, variant, phones };
}

async function consent(shopId: string, phones: string[]) {
  await prisma.smsSignupConsent.createMany({
    data: phones.map((phone) => ({
      shopId,
      phone,
      consentText: consentDisclosure({ name: "Test shop" }),
      ipAddress: "203.0.113.9",
      pageUrl: "https://x.test/p",
    })),
  });
}

async function restock(shopId: string, variantId: string, available = 100) {
  await prisma.variant.update({ where: { id: variantId }, data: { available } });
  return prisma.restock.create({ data: { shopId, variantId, trigger: "MANUAL", available } });
}

/** Plans the restock, then sends with fast retries until nothing is due soon (the fan-out job's work, sped up). */
async function planAndSend(restockId: string) {
  const { shopId } = await planRestock(restockId);
  return drain(shopId);
}

async function drain(shopId: string) {
  for (let i = 0; i < 60; i++) {
    const result = await deliverDue(shopId, FAST);
    const open = await prisma.delivery.count({
      where: { shopId, status: { in: ["PENDING", "RETRYING"] }, nextAttemptAt: { lte: new Date(Date.now() + 5_000) } },
    });
    if (result.paused || open === 0) return result;
  }
  throw new Error("deliveries did not drain");
}

const textsTo = (phones: string[]) =>
  sandbox.twilio.messages.filter((m) => m.direction === "outbound-api" && phones.includes(m.handset));

/** The stand-in signs a form the way Twilio does (X-Twilio-Signature over the URL and sorted params). */
function signed(path: string, params: Record<string, string>, token: string = TWILIO_SANDBOX_ACCOUNT.authToken) {
  const url = `${appUrl}${path}`;
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(token, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
}

describe("built-in SMS through Twilio", () => {
  it("a restock texts each waiting customer once with the filled template, and receipts mark them delivered", async () => {
    const shop = await smsShop(5);
    const r = await restock(shop.shopId, shop.variant.id);
    await planAndSend(r.id);

    const texts = textsTo(shop.phones);
    expect(texts.map((t) => t.handset).sort()).toEqual([...shop.phones].sort());
    // Merge tags filled from the delivery's properties: shop name, product and the purchase link; none left over.
    for (const text of texts) {
      expect(text.body).toContain(shop.name);
      expect(text.body).toContain(shop.variant.product.title);
      // The short, signed purchase link that counts the click (no personal data in it).
      expect(text.body).toContain(reportLinkUrl(r.id));
      expect(text.body).not.toMatch(/\{\{/);
    }
    const rows = await prisma.delivery.findMany({ where: { shopId: shop.shopId } });
    expect(rows.map((row) => row.status)).toEqual(Array(5).fill("DELIVERED"));
    // Receipts: sent, then delivered, each with its encoding and segments recorded.
    const messages = await waitFor(async () => {
      const all = await prisma.smsMessage.findMany({ where: { shopId: shop.shopId } });
      return all.length === 5 && all.every((m) => m.status === "delivered") ? all : null;
    });
    expect(await getRestockProgress(shop.shopId, r.id)).toMatchObject({
      total: 5,
      delivered: 5,
      texted: 5,
      received: 5,
      quietHours: 0,
      paused: null,
    });
    for (const message of messages) {
      expect(message.encoding).toBe("GSM-7");
      expect(message.segments).toBeGreaterThanOrEqual(1);
      expect(texts.map((t) => t.sid)).toContain(message.sid);
    }
  });

  it("a late 'sent' receipt racing the 'delivered' one never moves a delivered text back", async () => {
    const shop = await smsShop(8);
    await planAndSend((await restock(shop.shopId, shop.variant.id)).id);
    const messages = await waitFor(async () => {
      const all = await prisma.smsMessage.findMany({ where: { shopId: shop.shopId } });
      return all.length === 8 && all.every((m) => m.status === "delivered") ? all : null;
    });
    // Each text back to queued, then its two receipts at once, the newer first: both read "queued" side by side.
    await prisma.smsMessage.updateMany({ where: { shopId: shop.shopId }, data: { status: "queued" } });
    const receipt = (sid: string, status: string) =>
      receiveTwilioStatus(
        signed("/api/webhooks/twilio/status", {
          AccountSid: TWILIO_SANDBOX_ACCOUNT.accountSid,
          MessageSid: sid,
          MessageStatus: status,
        }),
      );
    const replies = await Promise.all(messages.flatMap((m) => [receipt(m.sid, "delivered"), receipt(m.sid, "sent")]));
    expect(replies.map((reply) => reply.status)).toEqual(Array(16).fill(200));
    const after = await prisma.smsMessage.findMany({ where: { shopId: shop.shopId }, select: { status: true } });
    expect(after.map((m) => m.status)).toEqual(Array(8).fill("delivered"));
  });

  it("an undelivered receipt marks the row failed with Twilio's error code and its meaning", async () => {
    const shop = await smsShop(2);
    sandbox.twilio.faults.failNumbers = { [shop.phones[0]!]: 30003 };
    await planAndSend((await restock(shop.shopId, shop.variant.id)).id);
    const failed = await waitFor(() =>
      prisma.delivery.findFirst({ where: { shopId: shop.shopId, recipientPhone: shop.phones[0]!, status: "FAILED" } }),
    );
    expect(failed.error).toBe("Undelivered: 30003 Unreachable: the handset is off or out of coverage.");
    const message = await prisma.smsMessage.findFirstOrThrow({
      where: { shopId: shop.shopId, toPhone: shop.phones[0]! },
    });
    expect(message).toMatchObject({ status: "undelivered", errorCode: 30003 });
    await waitFor(() =>
      prisma.smsMessage.findFirst({ where: { shopId: shop.shopId, toPhone: shop.phones[1]!, status: "delivered" } }),
    );
  });

  it("STOP mid fan-out: the rest of that person's texts are skipped with the reason; START lets them through again", async () => {
    const shop = await smsShop(3);
    const [stopper] = shop.phones;
    await planAndSend((await restock(shop.shopId, shop.variant.id)).id);
    expect(textsTo([stopper!])).toHaveLength(1);

    // The same customer waits for a second variant; that restock is planned, then they text STOP.
    const second = await createEngineVariant(shop.shopId, { available: 0 });
    await prisma.waitlistEntry.create({
      data: { shopId: shop.shopId, variantId: second.id, customerKey: stopper!, phone: stopper! },
    });
    const other = "+15550000999";
    await prisma.waitlistEntry.create({
      data: { shopId: shop.shopId, variantId: second.id, customerKey: other, phone: other },
    });
    await consent(shop.shopId, [other]);
    const r2 = await restock(shop.shopId, second.id);
    await planRestock(r2.id);
    await sandbox.twilio.reply(stopper!, "stop");

    const skipped = await prisma.delivery.findFirstOrThrow({ where: { restockId: r2.id, recipientPhone: stopper! } });
    expect(skipped).toMatchObject({ status: "SKIPPED", skipReason: OPTED_OUT_REASON });
    await drain(shop.shopId);
    expect(textsTo([stopper!])).toHaveLength(1);
    expect(textsTo([other])).toHaveLength(1);
    expect(
      await prisma.smsOptOut.findUniqueOrThrow({ where: { shopId_phone: { shopId: shop.shopId, phone: stopper! } } }),
    ).toMatchObject({ keyword: "STOP", optedInAt: null });

    // The person timeline shows the consent, the text and its receipt, the STOP, and stops the chain there.
    const timeline = await getPersonTimeline(shop.shopId, stopper!);
    expect(timeline?.stop?.title).toBe("The customer opted out of this shop's texts");
    const titles = timeline!.entries.map((entry) => entry.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        "Agreed to receive texts",
        "Text delivered to the phone",
        "Replied STOP: opted out of this shop's texts",
      ]),
    );

    await sandbox.twilio.reply(stopper!, "START");
    expect(
      (await prisma.smsOptOut.findUniqueOrThrow({ where: { shopId_phone: { shopId: shop.shopId, phone: stopper! } } }))
        .optedInAt,
    ).not.toBeNull();
  });

  it("HELP is answered with the shop's name and how to stop", async () => {
    const shop = await smsShop(1);
    await planAndSend((await restock(shop.shopId, shop.variant.id)).id);
    await sandbox.twilio.reply(shop.phones[0]!, "HELP");
    const reply = sandbox.twilio.messages.find((m) => m.direction === "outbound-reply" && m.handset === shop.phones[0]);
    expect(reply?.body).toContain(shop.name);
    expect(reply?.body).toContain("Reply STOP");
  });

  it("no consent recorded at signup: skipped with that reason, nothing texted", async () => {
    const shop = await smsShop(2, { consent: false });
    await planAndSend((await restock(shop.shopId, shop.variant.id)).id);
    const rows = await prisma.delivery.findMany({ where: { shopId: shop.shopId } });
    expect(rows.every((row) => row.status === "SKIPPED" && row.skipReason?.startsWith("No SMS consent"))).toBe(true);
    expect(textsTo(shop.phones)).toHaveLength(0);
  });

  it("quiet hours: a 23:00 restock waits until 08:00 in the recipient's time zone, without an attempt", async () => {
    // A zone where it is 23:xx right now; +1555 numbers have no area-code zone, so the shop's zone applies.
    const hour = new Date().getUTCHours();
    const offset = 23 - hour; // local = UTC + offset; Etc/GMT signs are inverted.
    const normalized = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
    const zone = normalized === 0 ? "UTC" : `Etc/GMT${normalized > 0 ? "-" : "+"}${Math.abs(normalized)}`;
    const shop = await smsShop(3, { quietHours: true, timeZone: zone });
    const r = await restock(shop.shopId, shop.variant.id);
    const before = new Date();
    await planAndSend(r.id);

    expect(textsTo(shop.phones)).toHaveLength(0);
    const rows = await prisma.delivery.findMany({ where: { shopId: shop.shopId } });
    const minutesToEight = 9 * 60 - before.getUTCMinutes();
    for (const row of rows) {
      expect(row.status).toBe("PENDING");
      expect(row.attempts).toBe(0);
      expect(row.error).toContain(QUIET_HOURS_REASON);
      const waitMinutes = (row.nextAttemptAt!.getTime() - before.getTime()) / 60_000;
      expect(Math.abs(waitMinutes - minutesToEight)).toBeLessThan(2);
    }
    expect(await getRestockProgress(shop.shopId, r.id)).toMatchObject({
      total: 3,
      pending: 3,
      quietHours: 3,
      delivered: 0,
    });
  });

  it("a forged status callback or inbound text is refused and changes nothing", async () => {
    const shop = await smsShop(1);
    await planAndSend((await restock(shop.shopId, shop.variant.id)).id);
    const message = await waitFor(() =>
      prisma.smsMessage.findFirst({ where: { shopId: shop.shopId, status: "delivered" } }),
    );
    const forgedStatus = {
      AccountSid: TWILIO_SANDBOX_ACCOUNT.accountSid,
      MessageSid: message.sid,
      MessageStatus: "undelivered",
      ErrorCode: "30007",
    };
    const wrongToken = await receiveTwilioStatus(signed("/api/webhooks/twilio/status", forgedStatus, "0".repeat(32)));
    expect(wrongToken.status).toBe(403);
    const noSignature = await receiveTwilioStatus(
      new Request(`${appUrl}/api/webhooks/twilio/status`, {
        method: "POST",
        body: new URLSearchParams(forgedStatus).toString(),
      }),
    );
    expect(noSignature.status).toBe(403);
    expect(await prisma.smsMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: "delivered",
      errorCode: null,
    });

    const forgedStop = {
      AccountSid: TWILIO_SANDBOX_ACCOUNT.accountSid,
      From: shop.phones[0]!,
      Body: "STOP",
      To: TWILIO_SANDBOX_ACCOUNT.fromNumber,
    };
    expect(
      (await receiveTwilioInbound(signed("/api/webhooks/twilio/inbound", forgedStop, "f".repeat(32)))).status,
    ).toBe(403);
    expect(await prisma.smsOptOut.count({ where: { shopId: shop.shopId } })).toBe(0);
    // The same STOP, signed with the account's token, is accepted.
    expect((await receiveTwilioInbound(signed("/api/webhooks/twilio/inbound", forgedStop))).status).toBe(200);
    expect(await prisma.smsOptOut.count({ where: { shopId: shop.shopId } })).toBe(1);
  });

  it("allowance exhausted: concurrent senders stop exactly at the allowance, with a clear reason, and the texts wait", async () => {
    const shop = await smsShop(10, { plan: "FREE" });
    await prisma.smsSettings.update({ where: { shopId: shop.shopId }, data: { sendPerSecond: 100 } });
    // 95 texts already this month on Free (100 a month): five more go out, then it stops.
    await prisma.smsMessage.createMany({
      data: Array.from({ length: 95 }, (_, i) => ({
        shopId: shop.shopId,
        deliveryId: `pre-${shop.shopId}-${i}`,
        sid: `SMpre${shop.shopId}${i}`,
        toPhone: "+15550000000",
        body: "x",
        encoding: "GSM-7",
        segments: 1,
        status: "delivered",
      })),
    });
    const r = await restock(shop.shopId, shop.variant.id);
    await planRestock(r.id);
    const result = await deliverDue(shop.shopId, { ...FAST, workers: 4 });
    expect(result.paused).toMatch(
      /^Built-in SMS has used this month's allowance of 100 texts \(100 sent\): waiting texts go out on .* or when you upgrade to Paid\.$/,
    );
    expect(textsTo(shop.phones)).toHaveLength(5);
    expect(await prisma.delivery.count({ where: { shopId: shop.shopId, status: "PENDING" } })).toBe(5);
    expect((await getRestockProgress(shop.shopId, r.id))?.paused).toContain("allowance of 100 texts");
    const again = await deliverDue(shop.shopId, FAST);
    expect(again.paused).toContain("allowance");
    expect(textsTo(shop.phones)).toHaveLength(5);
    // Upgrading lifts the stop: the waiting texts go out.
    await prisma.shop.update({ where: { id: shop.shopId }, data: { plan: "PAID" } });
    await drain(shop.shopId);
    expect(textsTo(shop.phones)).toHaveLength(10);
  });

  it("a 429 storm (rate and chosen 20429s): every customer texted exactly once, none lost", async () => {
    const shop = await smsShop(30);
    sandbox.twilio.perSecond = 5;
    sandbox.twilio.faults.share429 = 0.3;
    const r = await restock(shop.shopId, shop.variant.id);
    await planRestock(r.id);
    await drain(shop.shopId);
    sandbox.twilio.faults.share429 = 0;
    await drain(shop.shopId);

    const texts = textsTo(shop.phones);
    const perPhone = new Map<string, number>();
    for (const text of texts) perPhone.set(text.handset, (perPhone.get(text.handset) ?? 0) + 1);
    expect([...perPhone.values()].every((n) => n === 1)).toBe(true);
    expect(perPhone.size).toBe(30);
    const rows = await prisma.delivery.findMany({ where: { shopId: shop.shopId } });
    expect(rows.every((row) => row.status === "DELIVERED")).toBe(true);
    expect(rows.some((row) => row.rateLimitedAttempts > 0)).toBe(true);
  });

  it("switching provider mid-restock sends nothing twice: planned rows keep the provider they were planned for", async () => {
    const shop = await smsShop(6);
    const r = await restock(shop.shopId, shop.variant.id);
    await planRestock(r.id);
    // Two texts go out, then the merchant switches to Postscript before the rest.
    sandbox.twilio.perSecond = 2;
    await deliverDue(shop.shopId, { ...FAST, maxDurationMs: 600, workers: 1 });
    await prisma.smsSettings.update({ where: { shopId: shop.shopId }, data: { provider: "POSTSCRIPT" } });
    sandbox.twilio.perSecond = 100;
    await drain(shop.shopId);

    const postscriptPhones = sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) }).map((event) => event.phone);
    const twilioPhones = textsTo(shop.phones).map((text) => text.handset);
    expect([...twilioPhones, ...postscriptPhones].sort()).toEqual([...shop.phones].sort());
    expect(new Set(twilioPhones).size).toBe(twilioPhones.length);
  });
});

describe("classifyTwilioFailure", () => {
  it("maps Twilio's answers to the ledger's next step", () => {
    const rest = (status: number, code: number) => Object.assign(new Error("x"), { status, code });
    expect(classifyTwilioFailure(rest(429, 20429))).toMatchObject({ outcome: "retry", rateLimited: true });
    expect(classifyTwilioFailure(rest(503, 0))).toMatchObject({ outcome: "retry", rateLimited: false });
    expect(classifyTwilioFailure(rest(401, 20003))).toMatchObject({ outcome: "pause" });
    expect(classifyTwilioFailure(rest(400, 21211))).toEqual({
      outcome: "failed",
      error: "Twilio refused this text: 21211 Invalid phone number.",
      responseStatus: 400,
    });
    expect(classifyTwilioFailure(rest(400, 21610))).toMatchObject({ outcome: "unsubscribed" });
    expect(classifyTwilioFailure(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toMatchObject({
      outcome: "retry",
    });
    expect(classifyTwilioFailure(Object.assign(new Error("timeout"), { code: "ECONNABORTED" }))).toMatchObject({
      outcome: "unconfirmed",
    });
  });
});

describe("a shop's own Twilio account", () => {
  const own = TWILIO_SANDBOX_SHOP_ACCOUNT;

  async function ownAccountShop(count: number) {
    const shop = await smsShop(count);
    const merchant = await createMerchant(shop.shopId);
    const connect = (input: { accountSid?: string; authToken?: string; sender?: string }) =>
      runShopAction(merchant, connectTwilioSchema, connectTwilio, {
        shopId: shop.shopId,
        accountSid: own.accountSid,
        authToken: own.authToken,
        sender: own.messagingServiceSid,
        ...input,
      });
    const disconnect = () =>
      runShopAction(merchant, twilioShopSchema, (_input, ctx) => disconnectIntegration("TWILIO", ctx), {
        shopId: shop.shopId,
      });
    return { ...shop, connect, disconnect };
  }

  const twilioRow = (shopId: string) =>
    prisma.integration.findUnique({ where: { shopId_provider: { shopId, provider: "TWILIO" } } });

  it("a wrong Auth Token, or a sender of another account, is refused with a clear error and nothing is stored", async () => {
    const shop = await ownAccountShop(1);
    // The app's token with the shop's SID: Twilio answers 401 / 20003.
    const wrongToken = await shop.connect({ authToken: TWILIO_SANDBOX_ACCOUNT.authToken });
    expect(wrongToken).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(!wrongToken.ok && wrongToken.message).toContain("Twilio did not accept this Account SID and Auth Token");
    const wrongSender = await shop.connect({ sender: TWILIO_SANDBOX_ACCOUNT.messagingServiceSid });
    expect(!wrongSender.ok && wrongSender.message).toContain("that account has no such Messaging Service");
    const wrongNumber = await shop.connect({ sender: TWILIO_SANDBOX_ACCOUNT.fromNumber });
    expect(!wrongNumber.ok && wrongNumber.message).toContain("that account has no such Messaging Service");
    expect(await twilioRow(shop.shopId)).toBeNull();
    expect((await getTwilioConnection(shop.shopId)).connected).toBe(false);

    // Texts still go out through the app's Messaging Service.
    await planAndSend((await restock(shop.shopId, shop.variant.id)).id);
    expect(textsTo(shop.phones).map((t) => t.accountSid)).toEqual([TWILIO_SANDBOX_ACCOUNT.accountSid]);
  });

  it("once saved, texts go through the shop's account and its receipts, signed with its token, are accepted", async () => {
    const shop = await ownAccountShop(3);
    const saved = await shop.connect({});
    expect(saved).toEqual({
      ok: true,
      data: { result: "connected", keyLast4: own.authToken.slice(-4), accountName: own.friendlyName },
    });
    const row = await twilioRow(shop.shopId);
    expect(row).toMatchObject({
      accountId: own.accountSid,
      keyLast4: own.authToken.slice(-4),
      verification: "VERIFIED",
      settings: { messagingServiceSid: own.messagingServiceSid },
    });
    expect(row!.encryptedKey).not.toContain(own.authToken);
    expect(decryptSecret(row!.encryptedKey!)).toBe(own.authToken);
    // What the page may show: the SID, the sender and the token's last 4, never the token.
    const view = await getTwilioConnection(shop.shopId);
    expect(view).toMatchObject({
      connected: true,
      accountSid: own.accountSid,
      sender: `Messaging Service ${own.messagingServiceSid}`,
      authTokenLast4: own.authToken.slice(-4),
    });
    expect(JSON.stringify(view)).not.toContain(own.authToken);

    await planAndSend((await restock(shop.shopId, shop.variant.id)).id);
    const texts = textsTo(shop.phones);
    expect(texts).toHaveLength(3);
    expect(
      texts.every((t) => t.accountSid === own.accountSid && t.messagingServiceSid === own.messagingServiceSid),
    ).toBe(true);
    const messages = await waitFor(async () => {
      const all = await prisma.smsMessage.findMany({ where: { shopId: shop.shopId } });
      return all.length === 3 && all.every((m) => m.status === "delivered") ? all : null;
    });
    expect(messages.every((m) => m.accountSid === own.accountSid)).toBe(true);

    // A STOP to the shop's own sender, signed by its account, opts the number out of this shop.
    await sandbox.twilio.reply(shop.phones[0]!, "STOP");
    expect(
      await prisma.smsOptOut.findUnique({ where: { shopId_phone: { shopId: shop.shopId, phone: shop.phones[0]! } } }),
    ).toMatchObject({ keyword: "STOP", optedInAt: null });
  });

  it("a From number works as the sender too", async () => {
    const shop = await ownAccountShop(1);
    expect(await shop.connect({ sender: own.fromNumber })).toMatchObject({ ok: true, data: { result: "connected" } });
    await planAndSend((await restock(shop.shopId, shop.variant.id)).id);
    expect(textsTo(shop.phones)).toMatchObject([
      { accountSid: own.accountSid, messagingServiceSid: null, from: own.fromNumber },
    ]);
  });

  it("a callback signed with the wrong account's token is refused (403) and changes nothing", async () => {
    const shop = await ownAccountShop(1);
    await shop.connect({});
    await planAndSend((await restock(shop.shopId, shop.variant.id)).id);
    const message = await waitFor(() =>
      prisma.smsMessage.findFirst({ where: { shopId: shop.shopId, status: "delivered" } }),
    );
    const forged = { MessageSid: message.sid, MessageStatus: "undelivered", ErrorCode: "30007" };
    const path = "/api/webhooks/twilio/status";
    // Claims the shop's account but is signed with the app's token.
    const wrongToken = await receiveTwilioStatus(
      signed(path, { ...forged, AccountSid: own.accountSid }, TWILIO_SANDBOX_ACCOUNT.authToken),
    );
    expect(wrongToken.status).toBe(403);
    // Validly signed by the app's account, about a text the shop's account sent.
    const otherAccount = await receiveTwilioStatus(
      signed(path, { ...forged, AccountSid: TWILIO_SANDBOX_ACCOUNT.accountSid }),
    );
    expect(otherAccount.status).toBe(403);
    expect(await prisma.smsMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: "delivered",
      errorCode: null,
    });
    // Signed by the shop's account: accepted.
    const genuine = await receiveTwilioStatus(signed(path, { ...forged, AccountSid: own.accountSid }, own.authToken));
    expect(genuine.status).toBe(200);
    expect(await prisma.smsMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: "undelivered",
      errorCode: 30007,
    });
  });

  it("disconnecting deletes the token and sends through the app's Messaging Service again", async () => {
    const shop = await ownAccountShop(2);
    await shop.connect({});
    await planAndSend((await restock(shop.shopId, shop.variant.id)).id);
    expect(textsTo(shop.phones).every((t) => t.accountSid === own.accountSid)).toBe(true);

    expect(await shop.disconnect()).toEqual({ ok: true, data: { disconnected: true } });
    expect(await twilioRow(shop.shopId)).toMatchObject({ encryptedKey: null, keyLast4: null });
    expect((await getTwilioConnection(shop.shopId)).connected).toBe(false);
    const second = await createEngineVariant(shop.shopId, { available: 0 });
    for (const phone of shop.phones)
      await prisma.waitlistEntry.create({
        data: { shopId: shop.shopId, variantId: second.id, customerKey: phone, phone },
      });
    await planAndSend((await restock(shop.shopId, second.id)).id);
    const after = textsTo(shop.phones).filter((t) => t.accountSid === TWILIO_SANDBOX_ACCOUNT.accountSid);
    expect(after.map((t) => t.handset).sort()).toEqual([...shop.phones].sort());
    expect(after.every((t) => t.messagingServiceSid === TWILIO_SANDBOX_ACCOUNT.messagingServiceSid)).toBe(true);
  });
});
