import { runDiagnostics } from "@/lib/diagnostics/run-diagnostics";
import type { SetupProgress } from "@/lib/setup/get-setup-progress";
import { DiagnosticsCard } from "./diagnostics-card";

/** Runs the shop's diagnostics and shows them (rendered inside a Suspense boundary: some checks ask Postscript). */
export async function DiagnosticsSection({ shopId, setupProgress }: { shopId: string; setupProgress?: SetupProgress }) {
  const report = await runDiagnostics(shopId, { setupProgress });
  return report ? <DiagnosticsCard report={report} /> : null;
}
