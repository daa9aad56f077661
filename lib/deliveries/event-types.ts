/** The event types the restock and preorder engine sends (ids as Postscript's flow builder shows them). */
export const BACK_IN_STOCK_ALERT = "back_in_stock_sms_alert";
export const BACK_IN_STOCK_REMINDER = "back_in_stock_sms_reminder";
export const PREORDER_CONFIRMED = "preorder_sms_confirmed";

/** Transactional messages the customer is waiting for right now go ahead of a restock's bulk queue. */
export const PRIORITY_EVENT_TYPES: readonly string[] = [PREORDER_CONFIRMED];

/** The ledger key of one message: the same cause and person always give the same key, so it is sent once. */
export function idempotencyKey(shopId: string, eventType: string, ...cause: string[]): string {
  return [shopId, eventType, ...cause].join(":");
}

export const NO_CONTACT_REASON = "customer has no phone and no email";
