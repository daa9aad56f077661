import { prisma } from "@/lib/db/prisma";
import { editingState } from "./edit-deadline";
import { portalUrl } from "./portal-url";

export type RecentOrder = {
  id: string;
  name: string;
  customerName: string | null;
  placedAt: Date;
  deadline: Date | null;
  editing: "open" | "closed";
  closedReason: string | null;
  lastEdit: { status: "OPEN" | "SAVED" | "ABANDONED"; at: Date; summary: string | null } | null;
  portalUrl: string;
};

const CLOSED: Record<string, string> = {
  deadline_passed: "Window over",
  fulfilled: "Fulfilled",
  cancelled: "Cancelled",
};

/** The shop's latest orders with their editing state and portal link, newest first. */
export async function listRecentOrders(shopId: string, take = 15, now: Date = new Date()): Promise<RecentOrder[]> {
  const orders = await prisma.order.findMany({
    where: { shopId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      name: true,
      customerName: true,
      placedAt: true,
      createdAt: true,
      editDeadline: true,
      fulfilledAt: true,
      cancelledAt: true,
      edits: {
        orderBy: { startedAt: "desc" },
        take: 1,
        select: { status: true, startedAt: true, savedAt: true, abandonedAt: true, changes: true },
      },
    },
  });
  return orders.map((order) => {
    const state = editingState(order, now);
    const edit = order.edits[0];
    const summary = (edit?.changes as { summary?: unknown } | null)?.summary;
    return {
      id: order.id,
      name: order.name,
      customerName: order.customerName,
      placedAt: order.placedAt ?? order.createdAt,
      deadline: order.editDeadline,
      editing: state.open ? "open" : "closed",
      closedReason: state.open ? null : CLOSED[state.reason]!,
      lastEdit: edit
        ? {
            status: edit.status,
            at: edit.savedAt ?? edit.abandonedAt ?? edit.startedAt,
            summary: typeof summary === "string" ? summary : null,
          }
        : null,
      portalUrl: portalUrl(order.id),
    };
  });
}
