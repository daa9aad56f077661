"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { signIn } from "./auth";
import { clientAddress } from "./client-address";
import { signInSchema } from "./sign-in-schema";
import { signInRetryAfter } from "./sign-in-throttle";

export type SignInState = { error?: string; email?: string };

/** The sign-in form's action: a specific message for each way it can fail, a redirect home on success. */
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter your email and password.", email };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
    return {};
  } catch (error) {
    // signIn signals success by throwing Next's redirect, which must propagate.
    if (!(error instanceof AuthError)) throw error;
    const wait = await signInRetryAfter(parsed.data.email, clientAddress(await headers()));
    if (wait > 0) {
      const minutes = Math.max(1, Math.ceil(wait / 60));
      return { error: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, email };
    }
    return { error: "That email and password don't match an account.", email };
  }
}
