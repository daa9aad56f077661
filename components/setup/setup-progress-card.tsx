import Link from "next/link";
import { Card } from "@/components/ui/card";
import { CheckMark } from "@/components/ui/check-mark";
import type { SetupProgress } from "@/lib/setup/get-setup-progress";
import { SetupHeadlineText } from "./setup-headline-text";

export const STEP_ANCHORS = {
  provider: "step-provider",
  connect: "step-connect",
  keyword: "step-keyword",
  flows: "flows",
  test: "step-test",
} as const;

/** Setup progress for the Overview: every step's checkmark and a link to the first unfinished one. */
export function SetupProgressCard({ shopId, progress }: { shopId: string; progress: SetupProgress }) {
  const next = progress.firstIncomplete;
  return (
    <Card
      title="Postscript setup"
      description={<SetupHeadlineText headline={progress.headline} />}
      actions={
        next ? (
          <Link
            href={`/shops/${shopId}/postscript#${STEP_ANCHORS[next.key]}`}
            className="whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
          >
            Continue: {next.title}
          </Link>
        ) : (
          <Link
            href={`/shops/${shopId}/postscript`}
            className="text-sm font-medium text-brand-600 hover:text-brand-700"
          >
            Manage →
          </Link>
        )
      }
    >
      <div
        role="progressbar"
        aria-label="Setup progress"
        aria-valuemin={0}
        aria-valuemax={progress.steps.length}
        aria-valuenow={progress.completed}
        className="mb-4 h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className="h-full rounded-full bg-emerald-500"
          style={{ width: `${(progress.completed / progress.steps.length) * 100}%` }}
        />
      </div>
      <ol className="space-y-3">
        {progress.steps.map((step) => (
          <li key={step.key} className="flex items-start gap-3">
            <CheckMark done={step.done} step={step.number} />
            <div>
              <Link
                href={`/shops/${shopId}/postscript#${STEP_ANCHORS[step.key]}`}
                className="text-sm font-medium text-slate-900 hover:text-brand-700"
              >
                {step.title}
              </Link>
              <p className="text-xs text-slate-500">{step.detail}</p>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
