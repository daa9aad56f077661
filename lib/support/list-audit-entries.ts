import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditEntryLabel } from "./audit-entry-label";
import { maskText } from "./mask-text";

export type AuditEntryView = {
  id: string;
  at: string;
  action: string;
  label: string;
  actor: string;
  actorType: "MERCHANT" | "SUPPORT_AGENT" | "SYSTEM";
  reason: string | null;
  /** The entry's metadata as short "key: value" pairs (never secrets: entries hold key last 4 at most). */
  details: string[];
};

export type AuditFilter = {
  /** Action prefixes, e.g. ["postscript.", "key_health."]. */
  prefixes?: string[];
  actorType?: "MERCHANT" | "SUPPORT_AGENT" | "SYSTEM";
  /** Only entries about this delivery (support replays and reveals record it). */
  deliveryId?: string;
  take?: number;
};

function details(metadata: Prisma.JsonValue): string[] {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return [];
  return Object.entries(metadata)
    .filter(([, v]) => v !== null && v !== "")
    .map(
      ([k, v]) =>
        `${k}: ${maskText(Array.isArray(v) ? v.join(", ") : typeof v === "object" ? JSON.stringify(v) : String(v))}`,
    );
}

/** A shop's audit log, newest first, with each actor's name, for the support console. */
export async function listAuditEntries(shopId: string, filter: AuditFilter = {}): Promise<AuditEntryView[]> {
  const rows = await prisma.auditLog.findMany({
    where: {
      shopId,
      ...(filter.prefixes ? { OR: filter.prefixes.map((p) => ({ action: { startsWith: p } })) } : {}),
      ...(filter.actorType ? { actorType: filter.actorType } : {}),
      ...(filter.deliveryId ? { metadata: { path: ["deliveryId"], equals: filter.deliveryId } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: filter.take ?? 50,
  });
  const userIds = [...new Set(rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))];
  const users = new Map(
    (await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map(
      (u) => [u.id, u],
    ),
  );
  return rows.map((r) => {
    const user = r.actorUserId ? users.get(r.actorUserId) : undefined;
    const actor =
      r.actorType === "SYSTEM" ? "Signalboard (automatic)" : user ? `${user.name} <${user.email}>` : "a removed user";
    return {
      id: r.id,
      at: r.createdAt.toISOString(),
      action: r.action,
      label: auditEntryLabel(r.action),
      actor,
      actorType: r.actorType,
      reason: r.reason,
      details: details(r.metadata),
    };
  });
}
