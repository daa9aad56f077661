import { prisma } from "@/lib/db/prisma";
import { formatShopTime } from "@/lib/format/format-shop-time";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";
import { checkChosenKeyword } from "./check-chosen-keyword";
import { findTextedAlert } from "./find-texted-alert";
import { flowTypesInUse } from "./flow-types-in-use";
import { getFlowRows } from "./get-flow-rows";
import { SETUP_STEPS, type SetupStepKey } from "./setup-steps";

export type SetupStepStatus = { key: SetupStepKey; number: number; title: string; done: boolean; detail: string };

/** The one sentence every page leads with about the shop's Postscript setup, and its tone. */
export type SetupHeadline = { tone: "success" | "warning" | "neutral"; text: string };

export type SetupProgress = {
  steps: SetupStepStatus[];
  completed: number;
  firstIncomplete: SetupStepStatus | null;
  headline: SetupHeadline;
};

function flowsDetail(sms: { done: number; total: number }, editing: { done: number; total: number }): string {
  const smsPart = `${sms.done} of ${sms.total} back-in-stock and preorder flows`;
  return editing.total
    ? `${smsPart} and ${editing.done} of ${editing.total} order-editing flows registered and confirmed.`
    : `${smsPart} registered and confirmed.`;
}

/**
 * Each setup checkmark, computed from evidence rather than a stored "done" flag: Postscript is the active
 * provider; the integration is connected (a verified key, enabled); the chosen keyword still exists in Postscript;
 * every flow the shop uses (order editing included) has an accepted test event and a confirmed flow; and a real
 * back-in-stock alert reached a customer who had opted in, after step 4 was complete. The headline is what the
 * setup page, the Overview and its diagnostics all say, so no page can be green while another is not.
 */
export async function getSetupProgress(shopId: string): Promise<SetupProgress> {
  const [settings, connection, keyword, inUse, alert, shop] = await Promise.all([
    getSmsSettings(shopId),
    getPostscriptConnection(shopId),
    checkChosenKeyword(shopId),
    flowTypesInUse(shopId),
    findTextedAlert(shopId),
    prisma.shop.findUnique({ where: { id: shopId }, select: { timeZone: true } }),
  ]);
  const when = (date: Date) => formatShopTime(date, shop?.timeZone ?? "UTC");
  const [smsFlows, editingFlows] = await Promise.all([
    getFlowRows(shopId, inUse.sms),
    getFlowRows(shopId, inUse.orderEditing),
  ]);
  const count = (rows: { done: boolean }[]) => ({ done: rows.filter((r) => r.done).length, total: rows.length });
  const sms = count(smsFlows);
  const editing = count(editingFlows);
  const flowsDone = sms.done === sms.total && editing.done === editing.total;
  const banner = connection.banner;

  const evidence: Record<SetupStepKey, { done: boolean; detail: string }> = {
    provider: {
      done: settings.provider === "POSTSCRIPT",
      detail:
        settings.provider === "POSTSCRIPT"
          ? "Postscript sends your back-in-stock and preorder SMS."
          : "Another provider is selected.",
    },
    connect: {
      done: banner.status === "connected",
      detail: banner.status === "disabled" ? `${banner.title}: ${banner.detail}` : banner.title,
    },
    keyword: {
      done: keyword.state === "present",
      detail:
        keyword.state === "none"
          ? "No keyword chosen yet."
          : keyword.state === "missing"
            ? `${keyword.keyword} no longer exists in Postscript.`
            : keyword.state === "unknown"
              ? `${keyword.keyword}: could not be checked with Postscript just now.`
              : `${keyword.keyword}`,
    },
    flows: { done: flowsDone, detail: flowsDetail(sms, editing) },
    test: {
      done: Boolean(alert.texted) && flowsDone,
      detail: alert.texted
        ? flowsDone
          ? `A back-in-stock alert reached a customer who had replied Y, on ${when(alert.texted.deliveredAt)}.`
          : `A back-in-stock alert reached an opted-in customer on ${when(alert.texted.deliveredAt)}, but step 4 is not complete.`
        : alert.accepted
          ? `Postscript accepted an alert on ${when(alert.accepted.deliveredAt)}, but the customer had not replied Y to the opt-in text, so Postscript did not text them.`
          : "No back-in-stock alert has reached an opted-in customer yet.",
    },
  };
  const steps = SETUP_STEPS.map((s, i) => ({ key: s.key, number: i + 1, title: s.title, ...evidence[s.key] }));
  const completed = steps.filter((s) => s.done).length;
  const firstIncomplete = steps.find((s) => !s.done) ?? null;
  const headline: SetupHeadline =
    connection.hasKey && banner.status !== "connected"
      ? {
          tone: banner.status === "disabled" ? "neutral" : "warning",
          text: `${banner.title}: nothing is sent to Postscript. ${completed} of ${steps.length} steps have a green checkmark.`,
        }
      : firstIncomplete
        ? {
            tone: "warning",
            text: `Setup appears incomplete: ${completed} of ${steps.length} steps have a green checkmark. Next: ${firstIncomplete.number}. ${firstIncomplete.title}.`,
          }
        : { tone: "success", text: "Every step has a green checkmark: setup is complete." };
  return { steps, completed, firstIncomplete, headline };
}
