import { runDiagnostics, type DiagnosticsReport } from "@/lib/diagnostics/run-diagnostics";
import type { SetupProgress } from "@/lib/setup/get-setup-progress";
import { DiagnosticsCard } from "./diagnostics-card";

/**
 * Runs the shop's diagnostics, or waits for a run the page started earlier (`started`), and shows them (rendered
 * inside a Suspense boundary: some checks ask Postscript).
 */
export async function DiagnosticsSection({
  shopId,
  setupProgress,
  started,
}: {
  shopId: string;
  setupProgress?: SetupProgress;
  started?: Promise<DiagnosticsReport | null>;
}) {
  const report = await (started ?? runDiagnostics(shopId, { setupProgress }));
  return report ? <DiagnosticsCard report={report} /> : null;
}
