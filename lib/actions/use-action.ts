"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "./action-result";
import { beginRefresh, refreshesSettled } from "./refresh-gate";

/** Shown when the action never answered (offline, server down): the request may not have reached us. */
export const UNREACHABLE_MESSAGE = "Could not reach Signalboard. Check your connection and try again.";

// A refresh that has not committed by then is treated as ended, so one stuck refresh never blocks every action.
const REFRESH_GATE_LIMIT_MS = 15_000;

export type UseActionOptions<I, T> = {
  /**
   * Re-read the page's server data after a successful run (default true); "always" also after a refused run, for
   * pages whose server data the refusal itself changed (a key check that recorded its problem, a plan that changed).
   */
  refresh?: boolean | "always";
  /** Runs after a successful result, before the refresh. */
  onSuccess?: (data: T, input: I) => void;
  /** Runs after a refused or failed run, with the message the hook shows. */
  onError?: (message: string, input: I) => void;
};

export type UseAction<I, T> = {
  /** Runs the action; resolves with its result (or null when it could not be reached). */
  execute: (input: I) => Promise<ActionResult<T> | null>;
  /** True from the call until the result is in and the page's refresh has committed. */
  pending: boolean;
  /** The last run's safe message when it was refused or failed, else null. */
  error: string | null;
  /** Field-level messages of the last refused run (keys are schema paths). */
  fieldErrors: Record<string, string>;
  /** The last successful run's data, else null. */
  data: T | null;
  /** The last run's result (null before the first and when it could not be reached). */
  result: ActionResult<T> | null;
  /** Forgets the last result (closing a dialog, editing again). */
  reset: () => void;
};

/**
 * The one way client components run a server action (modelled on dub's `useAction`): pending state, the safe
 * error message, field errors, and a page refresh after success. Actions wait for refreshes other useAction calls
 * started: a click on one row while another row's refresh is in flight is run after it, never lost.
 */
export function useAction<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  options: UseActionOptions<I, T> = {},
): UseAction<I, T> {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const endRefresh = useRef<(() => void) | null>(null);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  // The transition stays pending until the refreshed page has committed; then the gate opens for waiting actions.
  useEffect(() => {
    if (!refreshing && endRefresh.current) {
      endRefresh.current();
      endRefresh.current = null;
    }
  }, [refreshing]);
  useEffect(() => () => endRefresh.current?.(), []);

  const execute = useCallback(
    async (input: I): Promise<ActionResult<T> | null> => {
      // Like a new mutation: the previous run's message goes as soon as the merchant tries again.
      setRunning(true);
      setResult(null);
      setUnreachable(false);
      try {
        await refreshesSettled();
        let next: ActionResult<T>;
        try {
          next = await action(input);
        } catch {
          setResult(null);
          setUnreachable(true);
          latest.current.onError?.(UNREACHABLE_MESSAGE, input);
          return null;
        }
        setUnreachable(false);
        setResult(next);
        if (next.ok) latest.current.onSuccess?.(next.data, input);
        else latest.current.onError?.(next.message, input);
        const refresh = latest.current.refresh ?? true;
        if (refresh === "always" || (refresh && next.ok)) {
          endRefresh.current?.();
          const end = beginRefresh();
          endRefresh.current = end;
          setTimeout(end, REFRESH_GATE_LIMIT_MS);
          startRefresh(() => router.refresh());
        }
        return next;
      } finally {
        setRunning(false);
      }
    },
    [action, router],
  );

  const reset = useCallback(() => {
    setResult(null);
    setUnreachable(false);
  }, []);

  return {
    execute,
    pending: running || refreshing,
    error: unreachable ? UNREACHABLE_MESSAGE : result && !result.ok ? result.message : null,
    fieldErrors: result && !result.ok ? (result.fieldErrors ?? {}) : {},
    data: result?.ok ? result.data : null,
    result,
    reset,
  };
}
