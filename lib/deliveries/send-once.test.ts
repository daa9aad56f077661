import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { createShop } from "@/lib/testing/fixtures";
import { STALE_CLAIM_NOTE } from "./resolve-stale-claims";
import { sendOnce } from "./send-once";

const input = (shopId: string, key: string) => ({
  shopId,
  provider: "POSTSCRIPT" as const,
  eventType: "integration_connected",
  idempotencyKey: key,
  recipientEmail: "a@b.co",
  properties: { a: "1" },
});

describe("sendOnce", () => {
  it("sends once per key", async () => {
    const shop = await createShop();
    let calls = 0;
    const transport = async () => ({ responseStatus: 202, responseBody: `{"n":${++calls}}` });
    expect(await sendOnce(input(shop.id, `${shop.id}:k1`), transport)).toMatchObject({
      status: "DELIVERED",
      alreadyDelivered: false,
    });
    expect(await sendOnce(input(shop.id, `${shop.id}:k1`), transport)).toMatchObject({
      status: "DELIVERED",
      alreadyDelivered: true,
    });
    expect(calls).toBe(1);
  });

  it("records a timeout as UNCONFIRMED and never sends it again on its own", async () => {
    const shop = await createShop();
    let calls = 0;
    const outcome = await sendOnce(input(shop.id, `${shop.id}:k2`), async () => {
      calls++;
      throw new PostscriptError({ kind: "timeout" });
    });
    expect(outcome).toMatchObject({ status: "UNCONFIRMED" });
    await sendOnce(input(shop.id, `${shop.id}:k2`), async () => ({ responseStatus: 202, responseBody: "" }));
    expect(calls).toBe(1);
    expect(await prisma.delivery.findUnique({ where: { idempotencyKey: `${shop.id}:k2` } })).toMatchObject({
      status: "UNCONFIRMED",
      error: expect.stringMatching(/^Unconfirmed/),
    });
  });

  it("resolves a claim left by a dead process as unconfirmed instead of resending", async () => {
    const shop = await createShop();
    const key = `${shop.id}:k3`;
    await prisma.delivery.create({
      data: { ...input(shop.id, key), status: "SENDING", attempts: 1, lastAttemptAt: new Date(Date.now() - 3_600_000) },
    });
    let calls = 0;
    const outcome = await sendOnce(input(shop.id, key), async () => {
      calls++;
      return { responseStatus: 202, responseBody: "" };
    });
    expect(outcome).toMatchObject({ status: "UNCONFIRMED", alreadyDelivered: true });
    expect(calls).toBe(0);
    expect(await prisma.delivery.findUnique({ where: { idempotencyKey: key } })).toMatchObject({
      error: STALE_CLAIM_NOTE,
    });
  });

  it("keeps a refused event FAILED with its reason, to be tried again", async () => {
    const shop = await createShop();
    const key = `${shop.id}:k4`;
    const failed = await sendOnce(input(shop.id, key), async () => {
      throw new PostscriptError({ kind: "server_error", status: 500 });
    });
    expect(failed).toMatchObject({ status: "FAILED", error: expect.stringMatching(/HTTP 500/) });
    expect(await sendOnce(input(shop.id, key), async () => ({ responseStatus: 202, responseBody: "" }))).toMatchObject({
      status: "DELIVERED",
      alreadyDelivered: false,
    });
  });
});
