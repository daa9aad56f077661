/** The figures kept per shop and day in ReportDay (`metric`), each with what its `key` holds. */
export const REPORT_METRICS = {
  /** key: the signup's channel (storefront, manual…). */
  signup: "signup",
  /** key: `eventType|status|skipReason` of back-in-stock alerts, reminders and preorder confirmations. */
  send: "send",
  /** key: variant id; delivered back-in-stock alerts (the base of the conversion rate). */
  alerted: "alerted",
  /** key: variant id. */
  click: "click",
  /** key: variant id; count = orders, amount = revenue, minutes = sum of alert-to-order minutes. */
  conversion: "conversion",
  /** key: ""; recovered orders, each counted once however many alerted variants it holds. */
  recoveredOrder: "recovered_order",
  /** key: variant id; count = orders, amount = revenue. */
  preorder: "preorder",
  /** key: variant id; units preordered. */
  preorderUnits: "preorder_units",
  editStarted: "edit_started",
  editSaved: "edit_saved",
  editAbandoned: "edit_abandoned",
  /** key: quantities | additions | removals | address; saved edits with that kind of change. */
  editChange: "edit_change",
  /** key: upsell strategy id; edits (or orders, for Order Status offers) that were shown the offers. */
  upsellShown: "upsell_shown",
  /** key: upsell strategy id; saved edits that added offered items, amount = their revenue. */
  upsellAccepted: "upsell_accepted",
} as const;

/** The ledger rows a "send" figure counts: what the customer of a back-in-stock or preorder alert receives. */
export const REPORTED_SEND_TYPES = [
  "back_in_stock_sms_alert",
  "back_in_stock_sms_reminder",
  "preorder_sms_confirmed",
] as const;
