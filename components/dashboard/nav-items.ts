/** The merchant sidebar, in order; `href` is relative to /shops/<id>. */
export const NAV_ITEMS = [
  { href: "", label: "Overview" },
  { href: "/integrations", label: "Integrations" },
  { href: "/postscript", label: "Postscript setup" },
  { href: "/back-in-stock", label: "Back in stock" },
  { href: "/preorders", label: "Preorders" },
  { href: "/order-editing", label: "Order editing" },
  { href: "/upsells", label: "Upsell strategies" },
  { href: "/reports", label: "Reports" },
  { href: "/activity", label: "Activity" },
  { href: "/settings", label: "Settings" },
] as const;
