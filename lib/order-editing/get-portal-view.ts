import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { readOrderLineItems } from "@/lib/shopify/order-line-item";
import { matchUpsellStrategy, type UpsellOffer } from "@/lib/upsell/match-upsell-strategy";
import { closedEditingMessage } from "./closed-editing-message";
import { editingState } from "./edit-deadline";
import { findPortalOrder, INVALID_LINK_MESSAGE } from "./find-portal-order";
import { formatShopTime } from "@/lib/format/format-shop-time";
import { orderProductLines } from "./order-product-lines";
import { readShippingAddress, type ShippingAddress } from "./shipping-address";

export type PortalLine = {
  index: number;
  title: string;
  variantTitle: string | null;
  quantity: number;
  price: string | null;
  imageUrl: string | null;
};
export type AddableVariant = {
  variantId: string;
  productTitle: string;
  variantTitle: string | null;
  price: string;
  imageUrl: string | null;
  available: number;
  preorder: boolean;
};

export type PortalView =
  | { kind: "invalid"; message: string }
  | { kind: "closed"; shopName: string; orderName: string; message: string }
  | {
      kind: "open";
      shopName: string;
      orderName: string;
      customerName: string | null;
      currency: string;
      deadline: string | null;
      deadlineLocal: string | null;
      lines: PortalLine[];
      shippingAddress: ShippingAddress | null;
      totalPrice: string | null;
      openEditId: string | null;
      lastSaved: { at: string; summary: string } | null;
      offers: (UpsellOffer & { strategyName: string })[];
      catalog: AddableVariant[];
    };

const CATALOG_LIMIT = 60;

/** Everything the portal page shows for a link, read-only: opening the page sends nothing (link previews open it too). */
export async function getPortalView(token: string, now: Date = new Date()): Promise<PortalView> {
  let order;
  try {
    order = await findPortalOrder(token);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND")
      return { kind: "invalid", message: INVALID_LINK_MESSAGE };
    throw error;
  }
  const shopName = order.shop.name;
  if (order.shop.uninstalledAt)
    return {
      kind: "closed",
      shopName,
      orderName: order.name,
      message: `${shopName} no longer offers order editing. Contact the store for changes.`,
    };
  const state = editingState(order, now);
  if (!state.open)
    return {
      kind: "closed",
      shopName,
      orderName: order.name,
      message: closedEditingMessage(state, order.shop.timeZone),
    };

  const lines = readOrderLineItems(order.lineItems);
  const variantIds = lines.map((l) => l.variantId).filter((id): id is string => Boolean(id));
  const [images, productLines, openEdit, lastSavedEdit, variants] = await Promise.all([
    prisma.variant.findMany({
      where: { shopId: order.shopId, id: { in: variantIds } },
      select: { id: true, product: { select: { imageUrl: true } } },
    }),
    orderProductLines(order.shopId, lines),
    prisma.orderEdit.findFirst({
      where: { orderId: order.id, status: { in: ["OPEN", "ABANDONED"] } },
      orderBy: { startedAt: "desc" },
      select: { id: true, status: true },
    }),
    prisma.orderEdit.findFirst({
      where: { orderId: order.id, status: "SAVED" },
      orderBy: { savedAt: "desc" },
      select: { savedAt: true, changes: true },
    }),
    prisma.variant.findMany({
      where: { shopId: order.shopId, product: { published: true }, OR: [{ available: { gt: 0 } }, { preorder: true }] },
      include: { product: { select: { title: true, imageUrl: true } } },
      orderBy: [{ product: { title: "asc" } }, { title: "asc" }],
      take: CATALOG_LIMIT,
    }),
  ]);
  const imageOf = new Map(images.map((v) => [v.id, v.product.imageUrl]));
  const matched = await matchUpsellStrategy(order.shopId, "DURING_EDITING", productLines);
  const summary = (lastSavedEdit?.changes as { summary?: unknown } | null)?.summary;

  return {
    kind: "open",
    shopName,
    orderName: order.name,
    customerName: order.customerName,
    currency: order.currency ?? order.shop.currency,
    deadline: state.deadline?.toISOString() ?? null,
    deadlineLocal: state.deadline ? formatShopTime(state.deadline, order.shop.timeZone) : null,
    lines: lines.map((line, index) => ({
      index,
      title: line.title,
      variantTitle: line.variantTitle && line.variantTitle !== "Default Title" ? line.variantTitle : null,
      quantity: line.quantity,
      price: line.price,
      imageUrl: (line.variantId && imageOf.get(line.variantId)) || null,
    })),
    shippingAddress: readShippingAddress(order.shippingAddress),
    totalPrice: order.totalPrice,
    // An abandoned session can still be saved: the customer came back before the window closed.
    openEditId: openEdit?.id ?? null,
    lastSaved:
      lastSavedEdit?.savedAt && typeof summary === "string"
        ? { at: lastSavedEdit.savedAt.toISOString(), summary }
        : null,
    offers: matched ? matched.offers.map((offer) => ({ ...offer, strategyName: matched.strategy.name })) : [],
    catalog: variants.map((v) => ({
      variantId: v.id,
      productTitle: v.product.title,
      variantTitle: v.title === "Default Title" ? null : v.title,
      price: v.price,
      imageUrl: v.product.imageUrl,
      available: v.available,
      preorder: v.preorder,
    })),
  };
}
