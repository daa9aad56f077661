import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createMerchantAccount, query, signIn } from "./support/app";
import { setStock, stockStore } from "./support/shopify-store";

type StandinMessage = {
  sid: string;
  to: string;
  body: string;
  status: string;
  direction: string;
  num_segments: string;
};

const sandboxUrl = () => `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}`;

/** What the Twilio stand-in sent and received for one handset. */
async function handsetMessages(phone: string): Promise<StandinMessage[]> {
  const res = await fetch(`${sandboxUrl()}/sandbox/twilio/messages`);
  const { messages } = (await res.json()) as { messages: StandinMessage[] };
  return messages.filter((m) => m.to === phone);
}

test("built-in SMS: consent at signup, a restock texts the customer through Twilio, the receipt says delivered, STOP opts out", async ({
  page,
}) => {
  test.setTimeout(120_000); // a whole merchant-and-customer walk: a minute is tight on a busy machine
  const account = await createMerchantAccount({ plan: "FREE", shopName: "Texting Trail Co" });
  const [shop] = await query<{ domain: string }>(`SELECT domain FROM "Shop" WHERE id = $1`, [account.shopId]);
  const ids = {
    product: String(randomInt(1e12, 9e12)),
    variant: String(randomInt(1e13, 9e13)),
    item: String(randomInt(1e13, 9e13)),
  };
  const phone = `+1415555${randomInt(3000, 9999)}`;
  await stockStore(shop!.domain, [
    {
      shopifyProductId: ids.product,
      title: "Ridge Fleece",
      vendor: "Northwind",
      handle: "ridge-fleece",
      productType: "Fleece",
      tags: "",
      imageUrl: "/demo-products/trail-runner-jacket.svg",
      variants: [
        {
          shopifyVariantId: ids.variant,
          inventoryItemId: ids.item,
          title: "Small / Moss",
          sku: "RF-S-MO",
          price: "89.00",
          compareAtPrice: null,
          available: 0,
        },
      ],
    },
  ]);
  await signIn(page, account);

  // Quiet hours off for the test (the run may be at any hour); the panel shows this month's use on Free.
  await page.goto(`/shops/${account.shopId}/back-in-stock`);
  const panel = page.getByRole("form", { name: "Built-in SMS settings" });
  await expect(page.getByTestId("sms-usage")).toContainText("This month: 0 of 100 texts");
  await panel.getByRole("checkbox", { name: /Quiet hours/ }).uncheck();
  await panel.getByRole("button", { name: "Save built-in SMS settings" }).click();
  await expect(panel.getByRole("status")).toHaveText("Saved. New texts follow these settings.");

  // The shopper signs up with the consent box ticked: the disclosure shown is recorded with the signup.
  await page.goto(`/storefront-preview/${shop!.domain}`);
  const form = page.getByRole("form", { name: "Notify me: Ridge Fleece – Small / Moss" });
  await form.getByLabel("Name").fill("Robin Park");
  await form.getByLabel("Phone").fill(phone.replace("+1", ""));
  const consent = form.getByRole("checkbox", { name: /Text me when it's back/ });
  await expect(consent).toHaveAccessibleDescription(
    /Msg & data rates may apply\. Reply STOP to opt out, HELP for help\./,
  );
  await consent.check();
  await form.getByRole("button", { name: "Notify me when available" }).click();
  await expect(form.getByRole("status")).toContainText("You're on the waitlist!");
  const [recorded] = await query<{ consentText: string; pageUrl: string | null }>(
    `SELECT "consentText", "pageUrl" FROM "SmsSignupConsent" WHERE "shopId" = $1`,
    [account.shopId],
  );
  expect(recorded!.consentText).toContain("Texting Trail Co");
  expect(recorded!.pageUrl).toContain(`/storefront-preview/${shop!.domain}`);

  // Stock comes back: one text, with the shop's template filled in, and the carrier's receipt.
  await setStock(shop!.domain, ids.item, 3);
  await expect
    .poll(async () => (await handsetMessages(phone)).filter((m) => m.direction === "outbound-api").length, {
      timeout: 30_000,
    })
    .toBe(1);
  const [text] = await handsetMessages(phone);
  expect(text!.body).toContain("Texting Trail Co: Ridge Fleece - Small / Moss is back in stock!");
  // The short, signed purchase link (it counts the click, then forwards to the product page).
  expect(text!.body).toMatch(/ Shop now: http:\/\/127\.0\.0\.1:\d+\/r\/[\w-]+\.[\w-]+ Reply STOP/);

  await page.goto(`/shops/${account.shopId}/back-in-stock`);
  await expect(page.getByTestId("progress-received").first()).toHaveText(
    "1 of 1 texts delivered to the phone (the carrier confirmed each reached the handset)",
    { timeout: 20_000 },
  );
  await page.reload();
  const segments = Number(text!.num_segments);
  await expect(page.getByTestId("sms-usage")).toContainText(
    `This month: 1 of 100 texts (${segments} ${segments === 1 ? "segment" : "segments"} billed)`,
  );

  // On the stand-in's phone page the customer replies STOP: opted out, visible on the waitlist.
  await page.goto(`${sandboxUrl()}/sandbox/twilio/phone`);
  const handset = page.getByRole("region", { name: `Phone ${phone}` });
  await expect(handset).toContainText("Ridge Fleece");
  await handset.getByRole("button", { name: "Reply STOP" }).click();
  await expect(page.getByRole("region", { name: `Phone ${phone}` })).toContainText(
    "You have successfully been unsubscribed",
  );
  const [optOut] = await query<{ keyword: string }>(
    `SELECT keyword FROM "SmsOptOut" WHERE "shopId" = $1 AND phone = $2`,
    [account.shopId, phone],
  );
  expect(optOut).toEqual({ keyword: "STOP" });
});
