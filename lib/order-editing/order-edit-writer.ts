import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrderLineItem } from "@/lib/shopify/order-line-item";
import type { ShippingAddress } from "./shipping-address";

export type AppliedOrderEdit = {
  orderId: string;
  /** The order's lines after the edit; removed lines are gone. */
  lineItems: OrderLineItem[];
  shippingAddress: ShippingAddress | null;
  totalPrice: string;
  editedAt: Date;
};

/**
 * Where a saved edit is written. INTERFACE FOR SHOPIFY: in production this is Shopify's order-edit GraphQL
 * sequence (orderEditBegin → orderEditAddVariant / orderEditSetQuantity / orderEditAddLineItemDiscount →
 * orderEditCommit, and orderUpdate for the address), which needs the app's Admin API access token. This build has
 * no Shopify store to call, so `localOrderEditWriter` writes the local order only; the events, the deadline and
 * the portal are real either way.
 */
export interface OrderEditWriter {
  apply(edit: AppliedOrderEdit, tx: Prisma.TransactionClient): Promise<void>;
}

/** Writes the edit to the local order, inside the caller's transaction (with the edit session's own update). */
export const localOrderEditWriter: OrderEditWriter = {
  async apply(edit, tx) {
    await tx.order.update({
      where: { id: edit.orderId },
      data: {
        lineItems: edit.lineItems,
        ...(edit.shippingAddress ? { shippingAddress: edit.shippingAddress } : {}),
        totalPrice: edit.totalPrice,
        lastEditedAt: edit.editedAt,
      },
    });
  },
};
