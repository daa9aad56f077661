import { randomBytes } from "node:crypto";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/prisma";
import { clientAddress } from "./client-address";
import { hashPassword, verifyPassword } from "./password";
import { signInSchema } from "./sign-in-schema";
import { clearFailedSignIns, recordFailedSignIn, signInRetryAfter } from "./sign-in-throttle";

declare module "next-auth" {
  interface Session {
    user: { id: string; isSupportAgent: boolean } & DefaultSession["user"];
  }
  interface User {
    isSupportAgent?: boolean;
  }
}

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}

class TooManyAttempts extends CredentialsSignin {
  override code = "too_many_attempts";
}

// Unknown emails are checked against a real hash too, so they cost the same time as wrong passwords.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return decoyHash;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  // A wrong password is an expected outcome, answered on the form; only real failures belong in the log.
  logger: {
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const { email, password } = parsed.data;
        const address = clientAddress(request.headers);
        if ((await signInRetryAfter(email, address)) > 0) throw new TooManyAttempts();

        const user = await prisma.user.findUnique({ where: { email }, include: { supportAgent: true } });
        const ok = await verifyPassword(user?.passwordHash ?? (await decoy()), password);
        if (!user || !ok) {
          await recordFailedSignIn(email, address);
          throw new InvalidCredentials();
        }
        await clearFailedSignIns(email, address);
        return { id: user.id, email: user.email, name: user.name, isSupportAgent: Boolean(user.supportAgent) };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.isSupportAgent = Boolean(user.isSupportAgent);
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.isSupportAgent = Boolean(token.isSupportAgent);
      return session;
    },
  },
});
