import type { SetupStepKey } from "@/lib/setup/setup-steps";

/** The element ids of the Postscript setup page's steps, for fix links (the same anchors the setup card uses). */
export const STEP_ANCHORS: Record<SetupStepKey, string> = {
  provider: "step-provider",
  connect: "step-connect",
  keyword: "step-keyword",
  flows: "flows",
  test: "step-test",
};
