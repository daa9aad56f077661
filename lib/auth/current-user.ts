import { redirect } from "next/navigation";
import { auth } from "./auth";
import type { SessionUser } from "./shop-context";

/** The signed-in user, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  return {
    id: session.user.id,
    email: session.user.email,
    name: session.user.name,
    isSupportAgent: session.user.isSupportAgent,
  };
}

/** The signed-in user; sends anyone else to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}
