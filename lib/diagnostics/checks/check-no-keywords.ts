import { cachedKeywordList } from "@/lib/setup/list-shop-keywords";
import type { DiagnosticCheck } from "../diagnostic-check";
import type { DiagnosticsContext } from "../load-diagnostics-context";

/** How many keywords the shop's Postscript account had when last listed (a stale listing refreshes in the background). */
async function countKeywords(shopId: string): Promise<{ count: number } | { error: string }> {
  const { keywords } = await cachedKeywordList(shopId);
  return keywords ? { count: keywords.length } : { error: "not listed from Postscript yet" };
}

/**
 * Troubleshooting: "No keywords appear in the dropdown" (none created in Postscript), and a chosen keyword that
 * was deleted in Postscript since. Only for shops sending SMS through Postscript (signups join the keyword).
 */
export async function checkNoKeywords(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const fixHref = `${ctx.base}/postscript#step-keyword`;
  const fix =
    "Create a keyword in your Postscript dashboard under Subscribers → Keywords (for example RESTOCK), then click Refresh in Postscript setup step 3 and choose it.";
  if (ctx.provider !== "POSTSCRIPT") {
    return {
      id: "no-keywords",
      status: "ok",
      title: "Keyword not needed",
      detail: "Back-in-stock SMS are not sent through Postscript, so no keyword is needed.",
      fix: "Nothing to do.",
    };
  }
  const integration = ctx.integration;
  if (!integration?.hasKey || integration.verification !== "VERIFIED") {
    return {
      id: "no-keywords",
      status: "warning",
      title: "Keywords not checked yet",
      detail: "Postscript's keywords can only be read with a verified key.",
      fix: "Fix the Postscript key first; this check then runs by itself.",
      fixHref: `${ctx.base}/postscript#step-connect`,
      blockedBy: !integration?.hasKey
        ? "key-not-configured"
        : integration.verification === "INVALID"
          ? "key-invalid"
          : "key-unverified",
    };
  }
  const chosen = await ctx.keyword();
  if (chosen.state === "present") {
    return {
      id: "no-keywords",
      status: "ok",
      title: "Keyword chosen",
      detail: `Signups join the Postscript keyword ${chosen.keyword}.`,
      fix: "Nothing to do.",
    };
  }
  if (chosen.state === "missing") {
    return {
      id: "no-keywords",
      status: "problem",
      title: "Chosen keyword no longer exists",
      detail: `The keyword ${chosen.keyword} was deleted or deactivated in Postscript, so new waitlist signups cannot be added as subscribers.`,
      fix,
      fixHref,
    };
  }
  if (chosen.state === "unknown") {
    return {
      id: "no-keywords",
      status: "warning",
      title: "Keyword could not be checked",
      detail: `${chosen.keyword} is chosen, but Postscript did not answer just now (${chosen.reason ?? "no answer"}).`,
      fix: "Reload in a minute. If it keeps failing, check the connection in Postscript setup step 2.",
      fixHref,
    };
  }
  if (!ctx.live) {
    return {
      id: "no-keywords",
      status: "warning",
      title: "No keyword chosen",
      detail: "No Postscript keyword is chosen, so waitlist signups cannot be added as subscribers.",
      fix,
      fixHref,
    };
  }
  const listed = await countKeywords(ctx.shopId);
  if ("error" in listed) {
    return {
      id: "no-keywords",
      status: "warning",
      title: "No keyword chosen",
      detail: `No Postscript keyword is chosen, and Postscript's keyword list could not be read just now (${listed.error}).`,
      fix,
      fixHref,
    };
  }
  return listed.count === 0
    ? {
        id: "no-keywords",
        status: "problem",
        title: "No keywords in Postscript",
        detail:
          "Your Postscript account has no active keywords, so the keyword dropdown is empty and waitlist signups cannot be added as subscribers. Signalboard cannot create keywords for you.",
        fix,
        fixHref,
      }
    : {
        id: "no-keywords",
        status: "warning",
        title: "No keyword chosen",
        detail: `Your Postscript account has ${listed.count} keyword${listed.count === 1 ? "" : "s"}, but none is chosen, so waitlist signups cannot be added as subscribers.`,
        fix: "Choose a keyword in Postscript setup step 3.",
        fixHref,
      };
}
