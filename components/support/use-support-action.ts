"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/action-result";

const UNREACHABLE = "Could not reach Signalboard. Check your connection and try again.";

/** Runs a support server action with a reason; refreshes the page's data after it succeeds. */
export function useSupportAction<T>(run: (reason: string) => Promise<ActionResult<T>>, options: { refresh?: boolean } = {}) {
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      if (result.ok && options.refresh !== false) router.refresh();
    },
  });
  const result = mutation.data;
  return {
    submit: (reason: string) => mutation.mutate(reason),
    pending: mutation.isPending,
    error: result && !result.ok ? result.message : mutation.isError ? UNREACHABLE : null,
    data: result?.ok ? result.data : null,
    reset: mutation.reset,
  };
}
