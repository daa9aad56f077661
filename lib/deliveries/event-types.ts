/** The event types the restock and preorder engine sends (ids as Postscript's flow builder shows them). */
export const BACK_IN_STOCK_ALERT = "back_in_stock_sms_alert";
export const BACK_IN_STOCK_REMINDER = "back_in_stock_sms_reminder";
export const PREORDER_CONFIRMED = "preorder_sms_confirmed";

/** The order-editing events (seed 000), plus the two moments this app adds: abandoned edits and deadline nudges. */
export const ORDER_EDITING_STARTED = "order_editing_started";
export const ORDER_EDITING_SAVED = "order_editing_saved";
export const UPSELL_RECOMMENDATIONS = "upsell_recommendations";
export const UPSELL_OFFERS_AVAILABLE = "upsell_offers_available";
export const ORDER_EDITING_ABANDONED = "order_editing_abandoned";
export const ORDER_EDITING_DEADLINE_APPROACHING = "order_editing_deadline_approaching";

/** Events that only make sense while the customer can still edit: skipped, not sent, once the deadline passed. */
export const EDIT_WINDOW_EVENT_TYPES: readonly string[] = [
  UPSELL_RECOMMENDATIONS,
  UPSELL_OFFERS_AVAILABLE,
  ORDER_EDITING_ABANDONED,
  ORDER_EDITING_DEADLINE_APPROACHING,
];

/** Transactional messages the customer is waiting for right now go ahead of a restock's bulk queue. */
export const PRIORITY_EVENT_TYPES: readonly string[] = [
  PREORDER_CONFIRMED,
  ORDER_EDITING_STARTED,
  ORDER_EDITING_SAVED,
  ...EDIT_WINDOW_EVENT_TYPES,
];

/** The ledger key of one message: the same cause and person always give the same key, so it is sent once. */
export function idempotencyKey(shopId: string, eventType: string, ...cause: string[]): string {
  return [shopId, eventType, ...cause].join(":");
}

export const NO_CONTACT_REASON = "customer has no phone and no email";

export const EDITING_CLOSED_REASON = "order editing closed before the event could be sent";

/** Recorded (as a SKIPPED Postscript row) when an upsell strategy matched but Postscript is not ticked on it. */
export const POSTSCRIPT_NOT_SELECTED_REASON = "Postscript is not selected in this upsell strategy's Advanced settings";
