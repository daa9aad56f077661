import { randomBytes } from "node:crypto";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/prisma";
import { clientAddress } from "./client-address";
import { hashPassword, verifyPassword } from "./password";
import { verifySignInTicket } from "./sign-in-ticket";
import { signInSchema } from "./sign-in-schema";
import { clearFailedSignIns, recordFailedSignIn, signInRetryAfter } from "./sign-in-throttle";

declare module "next-auth" {
  interface Session {
    user: { id: string; isSupportAgent: boolean } & DefaultSession["user"];
  }
  interface User {
    isSupportAgent?: boolean;
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    isSupportAgent?: boolean;
    sessionVersion?: number;
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

// Inside Shopify's admin the app is a third-party iframe: over HTTPS the session cookie must be SameSite=None,
// Secure and Partitioned (CHIPS) to be sent at all. Plain-HTTP development keeps the default Lax cookie. Read raw
// (not through env()) because this runs at import, also during `next build`, where no settings exist.
const embeddedCookies = process.env.SHOPIFY_APP_URL?.startsWith("https://")
  ? {
      sessionToken: {
        name: "__Secure-authjs.session-token",
        options: { httpOnly: true, sameSite: "none" as const, secure: true, partitioned: true, path: "/" },
      },
      csrfToken: {
        name: "__Host-authjs.csrf-token",
        options: { httpOnly: true, sameSite: "none" as const, secure: true, partitioned: true, path: "/" },
      },
      callbackUrl: {
        name: "__Secure-authjs.callback-url",
        options: { sameSite: "none" as const, secure: true, partitioned: true, path: "/" },
      },
    }
  : undefined;

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // Short sessions renewed while in use; sign-out and access changes end them at once through sessionVersion.
  session: { strategy: "jwt", maxAge: 12 * 60 * 60, updateAge: 60 * 60 },
  cookies: embeddedCookies,
  pages: { signIn: "/sign-in" },
  // A wrong password is an expected outcome, answered on the form; only real failures belong in the log.
  logger: {
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    // Merchants: a staff member Shopify vouched for (session token or OAuth), through a ticket minted on our server.
    Credentials({
      id: "shopify",
      credentials: { ticket: {} },
      async authorize(raw) {
        const userId = await verifySignInTicket(raw.ticket);
        if (!userId) return null;
        const user = await prisma.user.findUnique({ where: { id: userId }, include: { supportAgent: true } });
        if (!user) return null;
        return {
          id: user.id,
          email: user.email,
          name: user.name,
          isSupportAgent: Boolean(user.supportAgent),
          sessionVersion: user.sessionVersion,
        };
      },
    }),
    // Support agents only: merchants have no password (they sign in through Shopify).
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const { email, password } = parsed.data;
        const address = clientAddress(request.headers);
        if ((await signInRetryAfter(email, address)) > 0) throw new TooManyAttempts();

        const found = await prisma.user.findUnique({ where: { email }, include: { supportAgent: true } });
        const user = found?.supportAgent && found.passwordHash ? found : null;
        const ok = await verifyPassword(user?.passwordHash ?? (await decoy()), password);
        if (!user || !ok) {
          await recordFailedSignIn(email, address);
          throw new InvalidCredentials();
        }
        await clearFailedSignIns(email, address);
        return {
          id: user.id,
          email: user.email,
          name: user.name,
          isSupportAgent: true,
          sessionVersion: user.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    // Every request re-reads the user's session version: a bumped one (sign-out anywhere, access removed) or a
    // deleted user ends this session, however long its cookie would still live.
    async jwt({ token, user }) {
      if (user) {
        token.isSupportAgent = Boolean(user.isSupportAgent);
        token.sessionVersion = user.sessionVersion ?? 0;
        return token;
      }
      if (!token.sub) return null;
      const current = await prisma.user.findUnique({ where: { id: token.sub }, select: { sessionVersion: true } });
      if (!current || current.sessionVersion !== (token.sessionVersion ?? 0)) return null;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.isSupportAgent = Boolean(token.isSupportAgent);
      return session;
    },
  },
});
