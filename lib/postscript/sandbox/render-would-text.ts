// What a merchant's flow for each event type would plausibly text, using the properties the app sends.
// Back-in-stock and preorder names follow the STOQ spec; order-editing ones are this app's own.
const TEMPLATES: Readonly<Record<string, string>> = {
  back_in_stock_sms_alert: "{shop_name}: {title_incl_variant} is back in stock! {purchase_link}",
  back_in_stock_sms_reminder:
    "{shop_name}: Reminder, {title_incl_variant} is back in stock and selling fast. {purchase_link}",
  preorder_sms_confirmed:
    "{shop_name}: Thanks {customer_name}, your preorder {order_name} ({products}) is confirmed. " +
    "Expected to ship: {shipping_timeline}.",
  order_editing_started: "{shop_name}: You started editing order {order_name}. Finish your changes: {edit_url}",
  order_editing_saved: "{shop_name}: Your changes to order {order_name} are saved.",
  order_editing_abandoned:
    "{shop_name}: You didn't finish editing order {order_name}. Pick up where you left off: {edit_url}",
  order_editing_deadline_approaching:
    "{shop_name}: Last chance to edit order {order_name}, editing closes {edit_deadline}. {edit_url}",
  upsell_recommendations: "{shop_name}: Add {product_title} to order {order_name} for {price}. {edit_url}",
  upsell_offers_available:
    "{shop_name}: Offers are waiting for order {order_name}. Add to it before {edit_deadline}: {edit_url}",
  integration_connected: "{shop_name}: Postscript is connected. Flows can now be triggered by this shop's events.",
};

/**
 * Renders the SMS a flow for `type` would send. A placeholder whose property is missing stays visible as
 * `{name}`, which shows a developer exactly which property the app forgot to send.
 */
export function renderWouldText(type: string, properties: Readonly<Record<string, string | number | boolean>>): string {
  const template = TEMPLATES[type];
  if (!template) {
    const details = Object.entries(properties).map(([name, value]) => `${name}=${String(value)}`);
    return `[${type}]${details.length ? ` ${details.join(", ")}` : ""}`;
  }
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(properties, name) ? String(properties[name]) : placeholder,
  );
}
