import { STEP_ANCHORS } from "@/lib/diagnostics/step-anchors";
import type { DiagnosticCheck } from "../diagnostic-check";
import type { DiagnosticsContext } from "../load-diagnostics-context";

const PROVIDER_NAMES = { BUILT_IN: "built-in SMS", KLAVIYO: "Klaviyo", POSTSCRIPT: "Postscript" } as const;

/** Troubleshooting: "Setup appears incomplete (missing green checkmarks)". */
export async function checkSetupIncomplete(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  if (ctx.provider !== "POSTSCRIPT") {
    return {
      id: "setup-incomplete",
      status: "ok",
      title: "Postscript setup not in use for SMS",
      detail: `Back-in-stock and preorder SMS are sent through ${PROVIDER_NAMES[ctx.provider]}, so the Postscript setup steps do not apply to them.`,
      fix: "To send them through Postscript, choose Postscript under Send SMS through.",
      fixHref: `${ctx.base}/postscript#step-provider`,
    };
  }
  const progress = await ctx.setupProgress();
  const missing = progress.steps.filter((s) => !s.done);
  const next = progress.firstIncomplete;
  if (!next) {
    return {
      id: "setup-incomplete",
      status: "ok",
      title: "Setup complete",
      detail: "Every Postscript setup step has a green checkmark.",
      fix: "Nothing to do.",
    };
  }
  return {
    id: "setup-incomplete",
    status: "warning",
    title: "Setup appears incomplete",
    detail: `${progress.headline.text} Missing: ${missing.map((s) => `${s.number}. ${s.title}: ${s.detail.replace(/\.$/, "")}`).join("; ")}.`,
    fix: `Open Postscript setup and complete each step without a green checkmark, starting with step ${next.number}: ${next.title}.`,
    fixHref: `${ctx.base}/postscript#${STEP_ANCHORS[next.key]}`,
  };
}
