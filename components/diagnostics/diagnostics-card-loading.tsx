import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";

/** What the Diagnostics card shows while its checks run (some ask Postscript). */
export function DiagnosticsCardLoading() {
  return (
    <Card title="Diagnostics" description="Running the troubleshooting checks…">
      <div className="flex items-center gap-3 text-sm text-slate-600">
        <Spinner label="Running checks" />
        Checking the connection, setup, queue and recent events.
      </div>
    </Card>
  );
}
