"use server";

import { auth, signOut } from "./auth";
import { endSessions } from "./end-sessions";

/** Ends this and every other session of the user (a copied cookie stops working too), then returns to sign-in. */
export async function signOutAction(): Promise<void> {
  const session = await auth();
  if (session?.user?.id) await endSessions(session.user.id);
  await signOut({ redirectTo: "/sign-in" });
}
