import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { recordOptIn, recordOptOut } from "@/lib/twilio/sms-opt-outs";
import { prisma } from "@/lib/db/prisma";
import { createVariant, createWaitlistEntry } from "@/lib/testing/catalog-fixtures";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { saveBackInStockSettingsSchema } from "./back-in-stock-settings-schema";
import { getBackInStockSettings } from "@/lib/restock/get-back-in-stock-settings";
import { listWaitlist } from "./list-waitlist";
import { saveBackInStockSettings } from "./save-back-in-stock-settings";
import { csvCell, waitlistCsv } from "./waitlist-csv";

async function collect(gen: AsyncGenerator<string>) {
  let out = "";
  for await (const chunk of gen) out += chunk;
  return out;
}

describe("restock rules", () => {
  it("defaults without writing, saves, and refuses bad values, other shops and support agents", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    expect(await getBackInStockSettings(shop.id)).toEqual({
      threshold: 0,
      batchPerUnit: null,
      reminderEnabled: true,
      reminderDelayMinutes: 1440,
    });
    expect(await prisma.backInStockSettings.count({ where: { shopId: shop.id } })).toBe(0);

    const input = { shopId: shop.id, threshold: 2, batchPerUnit: 3, reminderEnabled: false, reminderDelayMinutes: 720 };
    expect(await runShopAction(merchant, saveBackInStockSettingsSchema, saveBackInStockSettings, input)).toMatchObject({
      ok: true,
    });
    expect(await getBackInStockSettings(shop.id)).toMatchObject({
      threshold: 2,
      batchPerUnit: 3,
      reminderEnabled: false,
      reminderDelayMinutes: 720,
    });

    expect(
      await runShopAction(merchant, saveBackInStockSettingsSchema, saveBackInStockSettings, {
        ...input,
        threshold: -1,
      }),
    ).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "The threshold cannot be negative.",
    });
    expect(
      await runShopAction(merchant, saveBackInStockSettingsSchema, saveBackInStockSettings, {
        ...input,
        reminderDelayMinutes: 5,
      }),
    ).toMatchObject({
      ok: false,
      message: "Send reminders at least 15 minutes after the alert.",
    });
    const other = await createShop();
    expect(
      await runShopAction(merchant, saveBackInStockSettingsSchema, saveBackInStockSettings, {
        ...input,
        shopId: other.id,
      }),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await runShopAction(await createSupportAgent(), saveBackInStockSettingsSchema, saveBackInStockSettings, input),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect(await getBackInStockSettings(shop.id)).toMatchObject({ threshold: 2 });
    expect(await prisma.backInStockSettings.count({ where: { shopId: other.id } })).toBe(0);
  });
});

describe("current waitlist", () => {
  it("groups signups per variant with counts by status, oldest waiting signup, search and filter", async () => {
    const shop = await createShop();
    const jacket = await createVariant(shop.id, { productTitle: "Trail Jacket", title: "M / Blue", sku: "TJ-M-BL" });
    const beanie = await createVariant(shop.id, { productTitle: "Merino Beanie", title: "One size", available: 4 });
    await createWaitlistEntry(shop.id, jacket.id);
    await createWaitlistEntry(shop.id, jacket.id);
    await createWaitlistEntry(shop.id, jacket.id, { status: "NOTIFIED" });
    await createWaitlistEntry(shop.id, beanie.id, { status: "PURCHASED" });
    const otherShop = await createShop();
    await createWaitlistEntry(otherShop.id, (await createVariant(otherShop.id, { productTitle: "Trail Jacket" })).id);

    const rows = await listWaitlist(shop.id);
    expect(rows.map((r) => [r.productTitle, r.waiting, r.notified, r.purchased, r.total, r.inStock])).toEqual([
      ["Trail Jacket", 2, 1, 0, 3, false],
      ["Merino Beanie", 0, 0, 1, 1, true],
    ]);
    expect(rows[0]!.oldestWaitingAt).not.toBeNull();
    expect((await listWaitlist(shop.id, { q: "tj-m" })).map((r) => r.productTitle)).toEqual(["Trail Jacket"]);
    expect((await listWaitlist(shop.id, { q: "beanie" })).map((r) => r.productTitle)).toEqual(["Merino Beanie"]);
    expect((await listWaitlist(shop.id, { status: "purchased" })).map((r) => r.productTitle)).toEqual([
      "Merino Beanie",
    ]);
    expect(await listWaitlist(shop.id, { q: "nothing like this" })).toEqual([]);
  });

  it("exports every entry as CSV with spreadsheet formulas neutralised", async () => {
    const shop = await createShop();
    const variant = await createVariant(shop.id, { productTitle: 'Trail Jacket, "Pro"' });
    await createWaitlistEntry(shop.id, variant.id, {
      name: '=HYPERLINK("http://evil")',
      phone: "+15555550100",
      email: "a@example.com",
    });
    for (let i = 0; i < 4; i++) await createWaitlistEntry(shop.id, variant.id);
    const csv = await collect(waitlistCsv(shop.id, 2));
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe(
      "product,variant,sku,name,phone,email,status,channel,postscript_sync,signed_up_at,notified_at,sms_consent_at,sms_consent_ip,sms_consent_page,sms_opted_out_at",
    );
    expect(lines).toHaveLength(6);
    expect(csv).toContain('"Trail Jacket, ""Pro"""');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain("+15555550100,a@example.com,waiting,storefront,not_needed");
  });

  it("shows and exports built-in SMS consent and opt-outs (STOP)", async () => {
    const shop = await createShop();
    const variant = await createVariant(shop.id, { productTitle: "Rain Shell" });
    await createWaitlistEntry(shop.id, variant.id, { phone: "+15555550111" });
    await createWaitlistEntry(shop.id, variant.id, { phone: "+15555550112" });
    const consentedAt = new Date("2026-12-01T10:00:00Z");
    await prisma.smsSignupConsent.create({
      data: {
        shopId: shop.id,
        phone: "+15555550111",
        consentText: "…",
        ipAddress: "198.51.100.4",
        pageUrl: "https://s.test/p/rain",
        consentedAt,
      },
    });
    const optedOutAt = new Date("2026-12-02T10:00:00Z");
    await recordOptOut(shop.id, "+15555550111", "STOP", optedOutAt);

    expect((await listWaitlist(shop.id)).map((r) => [r.productTitle, r.waiting, r.optedOut])).toEqual([
      ["Rain Shell", 2, 1],
    ]);
    const csv = await collect(waitlistCsv(shop.id));
    expect(csv).toContain(`+15555550111,,waiting,storefront,not_needed,`);
    expect(csv).toContain(`,2026-12-01T10:00:00.000Z,198.51.100.4,https://s.test/p/rain,2026-12-02T10:00:00.000Z\n`);
    // START lifts the opt-out: no longer counted nor exported as opted out.
    await recordOptIn(shop.id, "+15555550111");
    expect((await listWaitlist(shop.id))[0]!.optedOut).toBe(0);
    expect(await collect(waitlistCsv(shop.id))).not.toContain("2026-12-02T10:00:00.000Z");
  });

  it("quotes a cell holding ; and guards every part that a ;-splitting spreadsheet would read as a formula", () => {
    expect(csvCell("Eve;=1+1;x")).toBe(`"Eve;'=1+1;x"`);
    expect(csvCell("a,@SUM(A1)")).toBe(`"a,'@SUM(A1)"`);
    expect(csvCell("tab\t-2")).toBe(`"tab\t'-2"`);
    expect(csvCell("=1")).toBe("'=1");
    expect(csvCell("Trail Jacket")).toBe("Trail Jacket");
    expect(csvCell(null)).toBe("");
  });
});
