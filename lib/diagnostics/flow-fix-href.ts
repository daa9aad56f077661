import { findEvent } from "@/lib/setup/event-catalog";

/** Where a merchant sends the test event and confirms the flow of an event type. */
export function flowFixHref(base: string, type: string): string {
  const page = findEvent(type)?.feature === "order_editing" ? "order-editing" : "postscript";
  return `${base}/${page}#flow-${type}`;
}
