"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { shopAction } from "@/lib/actions/shop-action";
import { clientAddress } from "@/lib/auth/client-address";
import { previewSignupSchema } from "./preview-signup-schema";
import { submitPreviewSignup } from "./submit-preview-signup";

/** What the preview's "Notify me" form shows after a submit. */
export type PreviewSignupState = {
  /** Which variant's form was submitted (each product card has its own). */
  variantId: string;
  ok: boolean;
  /** The endpoint's HTTP status, shown for the demo. */
  httpStatus?: number;
  message: string;
  /** Given back on a refusal so the shopper can correct the field instead of retyping everything. */
  values: { name: string; phone: string; email: string; smsConsent: boolean };
  submittedAt: number;
};

const previewSignup = shopAction(previewSignupSchema, async (input, ctx) => {
  const outcome = await submitPreviewSignup(input, ctx, clientAddress(await headers()));
  if (outcome.httpStatus < 300) revalidatePath(`/storefront-preview/${ctx.shop.domain}`);
  return outcome;
});

/** The storefront preview's form action (members of the shop only; support agents are read-only). */
export async function previewSignupAction(
  _prev: PreviewSignupState | null,
  form: FormData,
): Promise<PreviewSignupState> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const values = {
    name: text("name"),
    phone: text("phone"),
    email: text("email"),
    smsConsent: text("smsConsent") === "on",
  };
  const variantId = text("variantId");
  const result = await previewSignup({
    shopId: text("shopId"),
    variantId,
    ...values,
    pageUrl: (await headers()).get("referer") ?? "",
  });
  const submittedAt = Date.now();
  if (!result.ok) return { variantId, ok: false, message: result.message, values, submittedAt };
  const { httpStatus, body } = result.data;
  return {
    variantId,
    ok: httpStatus < 300,
    httpStatus,
    message: body.message,
    values: httpStatus < 300 ? { name: "", phone: "", email: "", smsConsent: false } : values,
    submittedAt,
  };
}
