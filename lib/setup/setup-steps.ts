/** The five steps of Postscript setup for back-in-stock and preorder SMS, in the order merchants do them. */
export const SETUP_STEPS = [
  { key: "provider", title: "Send SMS through Postscript" },
  { key: "connect", title: "Connect Postscript" },
  { key: "keyword", title: "Select a keyword" },
  { key: "flows", title: "Create a Flow in Postscript" },
  { key: "test", title: "Test your setup" },
] as const;

export type SetupStepKey = (typeof SETUP_STEPS)[number]["key"];

/** The event types whose flows step 4 asks for (order-editing flows live on the Order editing page). */
export const SMS_FLOW_TYPES = [
  "back_in_stock_sms_alert",
  "back_in_stock_sms_reminder",
  "preorder_sms_confirmed",
] as const;
