import type { ReactNode } from "react";
import { CheckMark } from "@/components/ui/check-mark";

/** One numbered step of the setup page, with its computed checkmark and an anchor other pages link to. */
export function SetupStep({
  id,
  number,
  title,
  done,
  detail,
  children,
}: {
  id: string;
  number: number;
  title: string;
  done: boolean;
  detail?: string;
  children: ReactNode;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="scroll-mt-6 rounded-xl bg-white px-5 py-5 shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex gap-4">
        <CheckMark done={done} step={number} />
        <div className="min-w-0 flex-1">
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            Step {number}: {title}
          </h2>
          {detail ? <p className="mt-0.5 text-sm text-slate-500">{detail}</p> : null}
          <div className="mt-4">{children}</div>
        </div>
      </div>
    </section>
  );
}
