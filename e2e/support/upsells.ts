import { expect, type Page } from "@playwright/test";
import { query } from "./app";

export type UpsellStrategyOptions = {
  name: string;
  placement?: "During order editing" | "Order Status page (new orders)";
  productRule?: "Specific products" | "Same vendor as the order" | "Same product type as the order";
  /** Product titles to tick, in the order they should be offered (Specific products only). */
  products?: string[];
  discountType?: "Percentage" | "Fixed amount";
  /** The Discount field as typed: "20", "4.50", "0". */
  discount?: string;
  offerUpTo?: 1 | 2 | 3;
  postscript?: boolean;
  klaviyo?: boolean;
  enabled?: boolean;
};

/** Picks an option of one of the form's Radix selects by its label. */
export async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
  await expect(page.getByRole("combobox", { name: label, exact: true })).toContainText(option);
}

/** Opens Advanced settings (if closed) and sets the Postscript and Klaviyo checkboxes. */
export async function setUpsellIntegrations(page: Page, integrations: { postscript?: boolean; klaviyo?: boolean }) {
  const advanced = page.getByRole("button", { name: "Advanced settings" });
  if ((await advanced.getAttribute("aria-expanded")) !== "true") await advanced.click();
  if (integrations.postscript !== undefined)
    await page.getByRole("checkbox", { name: "Postscript", exact: true }).setChecked(integrations.postscript);
  if (integrations.klaviyo !== undefined)
    await page.getByRole("checkbox", { name: "Klaviyo", exact: true }).setChecked(integrations.klaviyo);
}

/**
 * Creates an upsell strategy through the dashboard form as the signed-in merchant and returns its id. Defaults:
 * during order editing, the given products (or the first rule's), 10% off, up to 3 offers, Postscript only, enabled.
 */
export async function createUpsellStrategy(
  page: Page,
  shopId: string,
  options: UpsellStrategyOptions,
): Promise<string> {
  await page.goto(`/shops/${shopId}/upsells/new`);
  await page.getByLabel("Strategy name", { exact: true }).fill(options.name);
  await page
    .getByRole("radiogroup", { name: "Where it fires" })
    .getByRole("radio", { name: options.placement ?? "During order editing", exact: true })
    .check();
  if (options.productRule && options.productRule !== "Specific products")
    await chooseOption(page, "Products to offer", options.productRule);
  for (const title of options.products ?? []) await page.getByRole("checkbox", { name: title, exact: true }).check();
  if (options.offerUpTo)
    await chooseOption(page, "Offer up to", `${options.offerUpTo} ${options.offerUpTo === 1 ? "product" : "products"}`);
  if (options.discountType) await chooseOption(page, "Discount type", options.discountType);
  if (options.discount !== undefined)
    await page.getByRole("spinbutton", { name: "Discount", exact: true }).fill(options.discount);
  if (options.enabled === false) await page.getByRole("checkbox", { name: "Enabled", exact: true }).uncheck();
  await setUpsellIntegrations(page, { postscript: options.postscript ?? true, klaviyo: options.klaviyo ?? false });
  await page.getByRole("button", { name: "Save strategy" }).click();
  await expect(page).toHaveURL(new RegExp(`/shops/${shopId}/upsells$`));
  await expect(page.getByRole("listitem", { name: options.name, exact: true })).toBeVisible();
  const [row] = await query<{ id: string }>(`SELECT id FROM "UpsellStrategy" WHERE "shopId" = $1 AND name = $2`, [
    shopId,
    options.name,
  ]);
  if (!row) throw new Error(`Upsell strategy ${options.name} was not saved`);
  return row.id;
}
