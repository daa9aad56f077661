import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createVariant } from "@/lib/testing/catalog-fixtures";
import { createShop } from "@/lib/testing/fixtures";

/** Every signup whose copied consent differs from its phone's SubscriberConsent (none when the triggers hold). */
async function mismatches(shopId: string) {
  return prisma.$queryRaw<{ phone: string; copied: string | null; actual: string | null }[]>`
    SELECT e.phone, e.consent::text AS copied, c.state::text AS actual FROM "WaitlistEntry" e
      LEFT JOIN "SubscriberConsent" c ON c."shopId" = e."shopId" AND c.phone = e.phone
     WHERE e."shopId" = ${shopId} AND e.consent IS DISTINCT FROM c.state`;
}

describe("a signup's copy of its phone's consent", () => {
  it("follows the consent when a signup and an opt-in for the same phone commit at the same time", async () => {
    const shop = await createShop();
    const variant = await createVariant(shop.id);
    const phone = (i: number) => `+1555${String(2_000_000 + i)}`;
    const pause = () => sleep(Math.random() * 30);
    // Each pair's two transactions overlap: each writes, then stays open a moment before committing, so each runs
    // while the other's row is not yet committed (the window a copy without the lock would lose).
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => [
        prisma.$transaction(async (tx) => {
          await pause();
          await tx.waitlistEntry.create({
            data: { shopId: shop.id, variantId: variant.id, customerKey: phone(i), phone: phone(i) },
          });
          await pause();
        }),
        prisma.$transaction(async (tx) => {
          await pause();
          await tx.subscriberConsent.create({
            data: {
              shopId: shop.id,
              phone: phone(i),
              state: i % 3 ? "OPTED_IN" : "OPTED_OUT",
              lastEventAt: new Date(),
            },
          });
          await pause();
        }),
      ]).flat(),
    );
    expect(await mismatches(shop.id)).toEqual([]);
    expect(await prisma.waitlistEntry.count({ where: { shopId: shop.id, consent: "OPTED_OUT" } })).toBe(10);

    // An opt-out, a redaction of a consent, an email-only signup gaining a phone, and another shop's same phone.
    await prisma.subscriberConsent.update({
      where: { shopId_phone: { shopId: shop.id, phone: phone(1) } },
      data: { state: "OPTED_OUT" },
    });
    await prisma.subscriberConsent.delete({ where: { shopId_phone: { shopId: shop.id, phone: phone(2) } } });
    const another = await createVariant(shop.id);
    const emailOnly = await prisma.waitlistEntry.create({
      data: { shopId: shop.id, variantId: another.id, customerKey: "jamie@example.com", email: "jamie@example.com" },
    });
    expect(emailOnly.consent).toBeNull();
    await prisma.waitlistEntry.update({
      where: { id: emailOnly.id },
      data: { customerKey: phone(4), phone: phone(4) },
    });
    const other = await createShop();
    await prisma.subscriberConsent.create({
      data: { shopId: other.id, phone: phone(5), state: "OPTED_OUT", lastEventAt: new Date() },
    });
    expect(await mismatches(shop.id)).toEqual([]);
    const byPhone = async (i: number) =>
      (
        await prisma.waitlistEntry.findMany({ where: { shopId: shop.id, phone: phone(i) }, select: { consent: true } })
      ).map((e) => e.consent);
    expect(await byPhone(1)).toEqual(["OPTED_OUT"]);
    expect(await byPhone(2)).toEqual([null]);
    expect(await byPhone(4)).toEqual(["OPTED_IN", "OPTED_IN"]);
    expect(await byPhone(5)).toEqual(["OPTED_IN"]);
  });
});
