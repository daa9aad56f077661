import { NextResponse } from "next/server";
import { AppError, type AppErrorCode } from "@/lib/errors/app-error";

/** The body of every error from `app/api/shops/*`: the code, a message safe to show, the reference when logged. */
export type ApiErrorBody = { error: { code: AppErrorCode; message: string; requestId?: string } };

/** The one error response of the shop API routes, with the status that belongs to the code. */
export function apiError(code: AppErrorCode, message: string, requestId?: string): NextResponse<ApiErrorBody> {
  return NextResponse.json(
    { error: { code, message, ...(requestId ? { requestId } : {}) } },
    { status: new AppError(code, message).status, headers: { "cache-control": "no-store" } },
  );
}
