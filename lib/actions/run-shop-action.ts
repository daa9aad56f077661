import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { resolveShopContext, type SessionUser, type ShopContext } from "@/lib/auth/shop-context";
import type { ActionResult } from "./action-result";
import { containsNul, NUL_MESSAGE } from "./contains-nul";

export type ShopActionOptions = {
  /** Support agents may run it (audited by the handler). Default: members only. */
  allowSupportAgent?: boolean;
};

export type ShopActionHandler<I, R> = (input: I, ctx: ShopContext) => Promise<R>;

function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Runs a shop-scoped action for a user: validates the input with its zod schema, resolves the shop from the
 * database for this user (never trusting anything else the client sent), refuses read-only roles, and turns
 * errors into a safe ActionResult. Unexpected errors are logged with a request id the user is shown.
 */
export async function runShopAction<S extends z.ZodType<{ shopId: string }>, R>(
  user: SessionUser | null,
  schema: S,
  handler: ShopActionHandler<z.infer<S>, R>,
  rawInput: unknown,
  options: ShopActionOptions = {},
): Promise<ActionResult<R>> {
  if (!user) return { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." };
  // Refused up front with its own message: otherwise the database fails mid-handler and it is a generic 500.
  if (containsNul(rawInput)) {
    return { ok: false, code: "BAD_REQUEST", message: NUL_MESSAGE };
  }
  const parsed = schema.safeParse(rawInput);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    if (errors.shopId) return { ok: false, code: "NOT_FOUND", message: "Shop not found." };
    return {
      ok: false,
      code: "BAD_REQUEST",
      message: Object.values(errors)[0] ?? "Invalid input.",
      fieldErrors: errors,
    };
  }
  const ctx = await resolveShopContext(user, parsed.data.shopId);
  if (!ctx) return { ok: false, code: "NOT_FOUND", message: "Shop not found." };
  if (!ctx.canWrite && !options.allowSupportAgent) {
    return {
      ok: false,
      code: "FORBIDDEN",
      message: "Support access is read-only: ask the merchant to make this change.",
    };
  }
  try {
    return { ok: true, data: await handler(parsed.data, ctx) };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    }
    const requestId = randomUUID();
    console.error(`[action] request ${requestId} failed:`, error instanceof Error ? error.stack : error);
    return {
      ok: false,
      code: "INTERNAL",
      message: `Something went wrong on our side (reference ${requestId}).`,
      requestId,
    };
  }
}
