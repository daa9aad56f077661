import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<string, BadgeTone> = {
  DELIVERED: "success",
  UNCONFIRMED: "warning",
  FAILED: "danger",
  RETRYING: "warning",
  SENDING: "info",
  PENDING: "neutral",
  SKIPPED: "neutral",
};

/** A ledger row's status as a badge, in words. */
export function DeliveryStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status] ?? "neutral"}>{status.toLowerCase()}</Badge>;
}
