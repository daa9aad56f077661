import { afterAll, beforeAll, beforeEach } from "vitest";
import type { SandboxFaults } from "@/lib/postscript/sandbox/sandbox-state";
import { startTestSandbox } from "./start-test-sandbox";

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/** No outage, no errors, no slow answers: what `faults: "clear"` restores before each test. */
export const NO_FAULTS = {
  down: false,
  share429: 0,
  share500: 0,
  slowShare: 0,
  slowMs: 0,
} as const satisfies Partial<SandboxFaults>;

/**
 * The Postscript sandbox (with its Klaviyo mode) for one test file, instead of the same hooks in every file:
 * started before the file's tests (pointing the app code at it), closed after them, and with `faults` set
 * before each test ("clear" for NO_FAULTS, or the exact settings, e.g. with a `seed` so runs repeat). Call it
 * at the top of the file; the returned sandbox is usable inside hooks and tests.
 */
export function sandboxPerFile(
  options: { timeoutMs?: number; faults?: "clear" | (Partial<SandboxFaults> & { seed?: number }) } = {},
): TestSandbox {
  const sandbox = {} as TestSandbox;
  beforeAll(async () => {
    Object.assign(sandbox, await startTestSandbox({ timeoutMs: options.timeoutMs }));
  });
  afterAll(async () => {
    await sandbox.close?.();
  });
  const faults = options.faults === "clear" ? NO_FAULTS : options.faults;
  if (faults) {
    beforeEach(() => {
      sandbox.state.setFaults(faults);
    });
  }
  return sandbox;
}
