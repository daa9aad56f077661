"use server";

import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { containsNul, NUL_MESSAGE } from "@/lib/actions/contains-nul";
import { AppError } from "@/lib/errors/app-error";
import { beginOrderEdit } from "./begin-order-edit";
import { saveOrderEdit, type EditBalance } from "./save-order-edit";
import { portalTokenSchema, saveOrderEditSchema } from "./save-order-edit-schema";

// The customer portal has no sign-in: the signed link is the credential, checked again by every action.
async function run<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof AppError)
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    const requestId = randomUUID();
    console.error(`[portal] request ${requestId} failed:`, error instanceof Error ? error.stack : error);
    return {
      ok: false,
      code: "INTERNAL",
      message: `Something went wrong on our side (reference ${requestId}). Your order was not changed.`,
      requestId,
    };
  }
}

function invalid(error: z.ZodError): AppError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
  return new AppError("BAD_REQUEST", error.issues[0]?.message ?? "Check your changes.", fieldErrors);
}

/** Input PostgreSQL cannot even compare is refused before any lookup, with its own message rather than a 500. */
function refuseNul(input: unknown): void {
  if (containsNul(input)) throw new AppError("BAD_REQUEST", NUL_MESSAGE);
}

/** The customer pressed "Edit order". */
export async function beginOrderEditAction(token: unknown): Promise<ActionResult<{ orderEditId: string }>> {
  return run(async () => {
    refuseNul(token);
    const parsed = portalTokenSchema.safeParse(token);
    if (!parsed.success) throw invalid(parsed.error);
    const { orderEditId } = await beginOrderEdit(parsed.data);
    return { orderEditId };
  });
}

/** The customer pressed "Save changes". */
export async function saveOrderEditAction(
  input: unknown,
): Promise<ActionResult<{ summary: string; totalPrice: string; balance: EditBalance }>> {
  return run(async () => {
    refuseNul(input);
    const parsed = saveOrderEditSchema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error);
    const { changes, totalPrice, balance } = await saveOrderEdit(parsed.data);
    return { summary: changes.summary, totalPrice, balance };
  });
}
