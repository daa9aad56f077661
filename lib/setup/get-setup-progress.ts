import { prisma } from "@/lib/db/prisma";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";
import { checkChosenKeyword } from "./check-chosen-keyword";
import { getFlowRows } from "./get-flow-rows";
import { SETUP_STEPS, SMS_FLOW_TYPES, type SetupStepKey } from "./setup-steps";

export type SetupStepStatus = { key: SetupStepKey; number: number; title: string; done: boolean; detail: string };

export type SetupProgress = { steps: SetupStepStatus[]; completed: number; firstIncomplete: SetupStepStatus | null };

/**
 * Each setup checkmark, computed from evidence rather than a stored "done" flag: Postscript is the active
 * provider; the key is verified; the chosen keyword still exists in Postscript; every SMS event type has an
 * accepted test event and a confirmed flow; and a real back-in-stock alert has been delivered.
 */
export async function getSetupProgress(shopId: string): Promise<SetupProgress> {
  const [settings, connection, keyword, flows, delivered] = await Promise.all([
    getSmsSettings(shopId),
    getPostscriptConnection(shopId),
    checkChosenKeyword(shopId),
    getFlowRows(shopId, SMS_FLOW_TYPES),
    prisma.delivery.findFirst({
      where: { shopId, provider: "POSTSCRIPT", eventType: "back_in_stock_sms_alert", status: "DELIVERED" },
      orderBy: { deliveredAt: "desc" },
      select: { deliveredAt: true },
    }),
  ]);
  const flowsDone = flows.filter((f) => f.done).length;
  const evidence: Record<SetupStepKey, { done: boolean; detail: string }> = {
    provider: {
      done: settings.provider === "POSTSCRIPT",
      detail: settings.provider === "POSTSCRIPT" ? "Postscript sends your back-in-stock and preorder SMS." : "Another provider is selected.",
    },
    connect: {
      done: connection.hasKey && connection.verification === "VERIFIED",
      detail: connection.banner.title,
    },
    keyword: {
      done: keyword.state === "present",
      detail:
        keyword.state === "none"
          ? "No keyword chosen yet."
          : keyword.state === "missing"
            ? `${keyword.keyword} no longer exists in Postscript.`
            : keyword.state === "unknown"
              ? `${keyword.keyword} (could not be checked just now).`
              : `${keyword.keyword}`,
    },
    flows: {
      done: flowsDone === flows.length,
      detail: `${flowsDone} of ${flows.length} flows registered and confirmed.`,
    },
    test: {
      done: Boolean(delivered),
      detail: delivered?.deliveredAt
        ? `A back-in-stock alert was delivered through Postscript on ${delivered.deliveredAt.toISOString().slice(0, 10)}.`
        : "No back-in-stock alert delivered through Postscript yet.",
    },
  };
  const steps = SETUP_STEPS.map((s, i) => ({ key: s.key, number: i + 1, title: s.title, ...evidence[s.key] }));
  return { steps, completed: steps.filter((s) => s.done).length, firstIncomplete: steps.find((s) => !s.done) ?? null };
}
