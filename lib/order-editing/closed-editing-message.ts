import type { EditingState } from "./edit-deadline";
import { formatShopTime } from "@/lib/format/format-shop-time";

/** What the customer reads when the order can no longer be edited. */
export function closedEditingMessage(state: Extract<EditingState, { open: false }>, timeZone: string): string {
  switch (state.reason) {
    case "cancelled":
      return "This order was cancelled, so it can no longer be edited.";
    case "fulfilled":
      return "This order has already been fulfilled, so it can no longer be edited. Contact the store if something is wrong.";
    case "deadline_passed":
      return `Editing for this order closed on ${formatShopTime(state.deadline!, timeZone)}. Contact the store if you still need a change.`;
  }
}
