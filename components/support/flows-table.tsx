import { Badge } from "@/components/ui/badge";
import { FlowTime } from "@/components/setup/flow-time";
import type { FlowRowView } from "@/lib/setup/get-flow-rows";
import { ResendTestEventButton } from "./resend-test-event-button";

/** Every event type with its evidence: last test event, whether one was ever accepted, and the flow confirmation. */
export function FlowsTable({
  shopId,
  flows,
  canSend,
  timeZone,
}: {
  shopId: string;
  flows: FlowRowView[];
  canSend: string | null;
  timeZone: string;
}) {
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">
              Event type
            </th>
            <th scope="col" className="py-2 pr-4">
              Test event
            </th>
            <th scope="col" className="py-2 pr-4">
              Flow
            </th>
            <th scope="col" className="py-2">
              Action
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {flows.map((f) => (
            <tr key={f.type} data-testid={`flow-${f.type}`}>
              <td className="py-3 pr-4">
                <p className="font-medium text-slate-900">{f.displayName}</p>
                <p className="font-mono text-xs text-slate-500">{f.type}</p>
              </td>
              <td className="py-3 pr-4 text-slate-700">
                {f.lastTest ? (
                  <>
                    <Badge tone={f.lastTest.status === "ACCEPTED" ? "success" : "danger"}>
                      {f.lastTest.status === "ACCEPTED" ? "accepted" : "failed"}
                    </Badge>{" "}
                    <span className="text-xs text-slate-500">
                      <FlowTime iso={f.lastTest.at} timeZone={timeZone} />
                      {f.lastTest.by ? ` by ${f.lastTest.by}` : ""}
                    </span>
                    {f.lastTest.error ? <p className="mt-1 text-xs text-red-700">{f.lastTest.error}</p> : null}
                    {f.lastTest.status === "FAILED" && f.testAccepted ? (
                      <p className="mt-1 text-xs text-slate-500">An earlier test was accepted.</p>
                    ) : null}
                  </>
                ) : (
                  <Badge tone="warning">never sent</Badge>
                )}
              </td>
              <td className="py-3 pr-4 text-slate-700">
                {f.confirmation ? (
                  <>
                    <Badge tone="success">confirmed</Badge>{" "}
                    <span className="text-xs text-slate-500">
                      by {f.confirmation.by}, <FlowTime iso={f.confirmation.at} timeZone={timeZone} />
                    </span>
                  </>
                ) : (
                  <Badge tone="warning">not confirmed</Badge>
                )}
              </td>
              <td className="py-3">
                <ResendTestEventButton
                  shopId={shopId}
                  eventType={f.type}
                  sent={Boolean(f.lastTest)}
                  disabledReason={canSend ?? undefined}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
