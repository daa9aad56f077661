"use client";

import type { ActionResult } from "@/lib/actions/action-result";
import { useAction } from "@/lib/actions/use-action";

/** Runs a support server action with a reason; refreshes the page's data after it succeeds. */
export function useSupportAction<T>(
  run: (reason: string) => Promise<ActionResult<T>>,
  options: { refresh?: boolean } = {},
) {
  const action = useAction(run, { refresh: options.refresh });
  return {
    submit: (reason: string) => void action.execute(reason),
    pending: action.pending,
    error: action.error,
    data: action.data,
    reset: action.reset,
  };
}
