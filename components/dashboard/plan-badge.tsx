import { Badge } from "@/components/ui/badge";

/** The shop's plan as a badge: paid plans unlock Postscript. */
export function PlanBadge({ plan }: { plan: "FREE" | "PAID" }) {
  return plan === "PAID" ? <Badge tone="info">Paid plan</Badge> : <Badge tone="neutral">Free plan</Badge>;
}
