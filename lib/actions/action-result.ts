import type { AppErrorCode } from "@/lib/errors/app-error";

/** What every server action returns: data, or an error whose message is safe to show. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors?: Record<string, string>; requestId?: string };
