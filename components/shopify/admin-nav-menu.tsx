import { NAV_ITEMS } from "@/components/dashboard/nav-items";
import { embeddedQuery } from "@/lib/shopify/embedded-query";

/**
 * The app's pages in the Shopify admin's own navigation (App Bridge's `ui-nav-menu`; the first link, `rel="home"`,
 * is the app's name). Links carry `shop` and `host`, which a full reload inside the admin needs.
 */
export function AdminNavMenu({ shopId, shopDomain }: { shopId: string; shopDomain: string }) {
  const query = embeddedQuery(shopDomain);
  return (
    <ui-nav-menu>
      {NAV_ITEMS.map((item) => (
        <a key={item.href} href={`/shops/${shopId}${item.href}?${query}`} rel={item.href === "" ? "home" : undefined}>
          {item.label}
        </a>
      ))}
    </ui-nav-menu>
  );
}
