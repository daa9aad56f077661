/** How a check came out: fine, worth a look, or the reason texts are not going out. */
export type DiagnosticStatus = "ok" | "warning" | "problem";

/**
 * One automatic troubleshooting check, worded for the merchant (the support console shows the same text).
 * `fixHref` points at the merchant page where the fix is made. `blockedBy` names the check that must be fixed
 * before this one can be evaluated (its status is then "warning" and its detail says so).
 */
export type DiagnosticCheck = {
  id: DiagnosticId;
  title: string;
  status: DiagnosticStatus;
  detail: string;
  fix: string;
  fixHref?: string;
  blockedBy?: DiagnosticId;
};

/** Every check, in the order a merchant would fix things (the order used among checks of equal status). */
export const DIAGNOSTIC_IDS = [
  "key-not-configured",
  "key-unverified",
  "key-invalid",
  "setup-incomplete",
  "no-keywords",
  "flow-trigger-mismatch",
  "preorder-flow-missing",
  "upsell-postscript-not-selected",
  "subscriber-not-opted-in",
  "no-contact",
  "events-not-matching",
  "deliveries-failed",
  "events-delayed",
  "rate-limited",
  "webhooks-failed",
  "sends-unconfirmed",
] as const;

export type DiagnosticId = (typeof DIAGNOSTIC_IDS)[number];

/** Event-based checks look back this far (skips, 429s, email-only sends). */
export const RECENT_WINDOW_DAYS = 7;
