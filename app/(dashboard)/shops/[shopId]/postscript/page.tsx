import type { Metadata } from "next";
import { ConnectionPanel } from "@/components/postscript/connection-panel";
import { IntegrationConnectedCard } from "@/components/postscript/integration-connected-card";
import { StatusBanner } from "@/components/postscript/status-banner";
import { FlowRows } from "@/components/setup/flow-rows";
import { KeywordStep } from "@/components/setup/keyword-step";
import { STEP_ANCHORS } from "@/components/setup/setup-progress-card";
import { SetupHeadlineText } from "@/components/setup/setup-headline-text";
import { SetupStep } from "@/components/setup/setup-step";
import { TestStep } from "@/components/setup/test-step";
import { SendSmsThroughPanel } from "@/components/sms-settings/send-sms-through-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";
import { checkChosenKeyword } from "@/lib/setup/check-chosen-keyword";
import { flowTypesInUse } from "@/lib/setup/flow-types-in-use";
import { getFlowRows } from "@/lib/setup/get-flow-rows";
import { getSetupProgress } from "@/lib/setup/get-setup-progress";
import { getTestStages } from "@/lib/setup/get-test-stages";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";

export const metadata: Metadata = { title: "Postscript setup" };

export default async function PostscriptSetupPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const [view, settings, keyword, flowRows, progress, testStages] = await Promise.all([
    getPostscriptConnection(ctx.shop.id),
    getSmsSettings(ctx.shop.id),
    checkChosenKeyword(ctx.shop.id),
    // Every flow step 4 counts, order editing included, so each one it asks for can be acted on here.
    flowTypesInUse(ctx.shop.id).then((inUse) => getFlowRows(ctx.shop.id, [...inUse.sms, ...inUse.orderEditing])),
    getSetupProgress(ctx.shop.id),
    getTestStages(ctx.shop.id),
  ]);
  const step = Object.fromEntries(progress.steps.map((s) => [s.key, s])) as Record<
    (typeof progress.steps)[number]["key"],
    (typeof progress.steps)[number]
  >;
  const connected = view.hasKey && view.verification === "VERIFIED";
  return (
    <>
      <PageHeader
        title="Postscript setup"
        description="Send back-in-stock and preorder SMS through your Postscript account, and let order-editing events trigger your Postscript flows."
      />
      <div className="space-y-6">
        <StatusBanner banner={view.banner} />
        <SetupHeadlineText headline={progress.headline} />

        <SetupStep
          id={STEP_ANCHORS.provider}
          number={1}
          title={step.provider.title}
          done={step.provider.done}
          detail={step.provider.detail}
        >
          <SendSmsThroughPanel
            shopId={ctx.shop.id}
            provider={settings.provider}
            plan={ctx.shop.plan}
            canWrite={ctx.canWrite}
          />
        </SetupStep>

        <SetupStep id={STEP_ANCHORS.connect} number={2} title={step.connect.title} done={step.connect.done}>
          <ol className="mb-4 list-decimal space-y-1 pl-5 text-sm text-slate-600">
            <li>
              In your Postscript dashboard go to <strong>Shop Settings → API</strong>.
            </li>
            <li>
              Click <strong>Create a Security Key Pair</strong>, then <strong>Show</strong>, and copy the{" "}
              <strong>Private Key</strong> (it starts with <code>sk_</code>, not <code>pk_</code>).
            </li>
            <li>
              Paste it below. Signalboard validates it with Postscript immediately; a green checkmark means the
              connection works.
            </li>
          </ol>
          <ConnectionPanel shopId={ctx.shop.id} view={view} canWrite={ctx.canWrite} timeZone={ctx.shop.timeZone} />
        </SetupStep>

        <SetupStep
          id={STEP_ANCHORS.keyword}
          number={3}
          title={step.keyword.title}
          done={step.keyword.done}
          detail="Keywords control which Postscript subscriber list your alert signups join."
        >
          <KeywordStep shopId={ctx.shop.id} chosen={keyword} connected={connected} canWrite={ctx.canWrite} />
        </SetupStep>

        <SetupStep
          id={STEP_ANCHORS.flows}
          number={4}
          title={step.flows.title}
          done={step.flows.done}
          detail={step.flows.detail}
        >
          <FlowRows
            shopId={ctx.shop.id}
            rows={flowRows}
            canWrite={ctx.canWrite}
            connection={view.banner.status}
            timeZone={ctx.shop.timeZone}
          />
        </SetupStep>

        <SetupStep id={STEP_ANCHORS.test} number={5} title={step.test.title} done={step.test.done}>
          <TestStep shopId={ctx.shop.id} shopDomain={ctx.shop.domain} initial={testStages} />
        </SetupStep>

        {view.firstConnectedAt ? (
          <IntegrationConnectedCard firstConnectedAt={view.firstConnectedAt} timeZone={ctx.shop.timeZone} />
        ) : null}
      </div>
    </>
  );
}
