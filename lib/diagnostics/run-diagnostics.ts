import { checkDeliveriesFailed } from "./checks/check-deliveries-failed";
import { checkEventsDelayed } from "./checks/check-events-delayed";
import { checkEventsNotMatching } from "./checks/check-events-not-matching";
import { checkFlowTriggerMismatch } from "./checks/check-flow-trigger-mismatch";
import { checkKeyInvalid } from "./checks/check-key-invalid";
import { checkKeyNotConfigured } from "./checks/check-key-not-configured";
import { checkKeyUnverified } from "./checks/check-key-unverified";
import { checkNoContact } from "./checks/check-no-contact";
import { checkNoKeywords } from "./checks/check-no-keywords";
import { checkPreorderFlowMissing } from "./checks/check-preorder-flow-missing";
import { checkRateLimited } from "./checks/check-rate-limited";
import { checkSendsUnconfirmed } from "./checks/check-sends-unconfirmed";
import { checkSetupIncomplete } from "./checks/check-setup-incomplete";
import { checkSubscriberNotOptedIn } from "./checks/check-subscriber-not-opted-in";
import { checkUpsellPostscriptNotSelected } from "./checks/check-upsell-postscript-not-selected";
import { checkWebhooksFailed } from "./checks/check-webhooks-failed";
import { DIAGNOSTIC_IDS, type DiagnosticCheck, type DiagnosticId } from "./diagnostic-check";
import {
  loadDiagnosticsContext,
  type DiagnosticsContext,
  type PreloadedSetupProgress,
} from "./load-diagnostics-context";

/** Every check, one per troubleshooting row of the Postscript guides. */
export const CHECKS: Record<DiagnosticId, (ctx: DiagnosticsContext) => Promise<DiagnosticCheck>> = {
  "key-not-configured": checkKeyNotConfigured,
  "key-unverified": checkKeyUnverified,
  "key-invalid": checkKeyInvalid,
  "setup-incomplete": checkSetupIncomplete,
  "no-keywords": checkNoKeywords,
  "flow-trigger-mismatch": checkFlowTriggerMismatch,
  "preorder-flow-missing": checkPreorderFlowMissing,
  "upsell-postscript-not-selected": checkUpsellPostscriptNotSelected,
  "subscriber-not-opted-in": checkSubscriberNotOptedIn,
  "no-contact": checkNoContact,
  "events-not-matching": checkEventsNotMatching,
  "deliveries-failed": checkDeliveriesFailed,
  "events-delayed": checkEventsDelayed,
  "rate-limited": checkRateLimited,
  "webhooks-failed": checkWebhooksFailed,
  "sends-unconfirmed": checkSendsUnconfirmed,
};

const RANK = { problem: 0, warning: 1, ok: 2 } as const;

function failed(id: DiagnosticId, error: unknown): DiagnosticCheck {
  console.error(`[diagnostics] check ${id} failed:`, error instanceof Error ? error.stack : error);
  return {
    id,
    status: "warning",
    title: "Check could not run",
    detail: "This check failed to run just now; the others are unaffected.",
    fix: "Reload the page. If it keeps failing, contact Signalboard support.",
  };
}

export type DiagnosticsReport = {
  checks: DiagnosticCheck[];
  problems: number;
  warnings: number;
  checkedAt: string;
  /** The shop's, for writing moments. */
  timeZone: string;
};

/**
 * Runs every troubleshooting check for a shop (in parallel; one failing check does not hide the others) and
 * returns them problems first, then warnings (those waiting on another fix last), then passing checks; within a
 * status, in the order a merchant would fix them. Null when the shop does not exist. `live: false` skips calls
 * to Postscript (the keyword list).
 */
export async function runDiagnostics(
  shopId: string,
  options: { live?: boolean; now?: Date; setupProgress?: PreloadedSetupProgress } = {},
): Promise<DiagnosticsReport | null> {
  const ctx = await loadDiagnosticsContext(shopId, options);
  if (!ctx) return null;
  const checks = await Promise.all(
    DIAGNOSTIC_IDS.map((id) => CHECKS[id](ctx).catch((error: unknown) => failed(id, error))),
  );
  const order = (c: DiagnosticCheck) => RANK[c.status] * 100 + (c.blockedBy ? 50 : 0) + DIAGNOSTIC_IDS.indexOf(c.id);
  checks.sort((a, b) => order(a) - order(b));
  return {
    checks,
    problems: checks.filter((c) => c.status === "problem").length,
    warnings: checks.filter((c) => c.status === "warning").length,
    checkedAt: ctx.now.toISOString(),
    timeZone: ctx.shop.timeZone,
  };
}
