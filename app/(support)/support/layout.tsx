import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/dashboard/user-menu";
import { requireSupportAgent } from "@/lib/auth/require-support-agent";

export default async function SupportLayout({ children }: { children: ReactNode }) {
  const agent = await requireSupportAgent();
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-6 py-3">
        <Link href="/support" className="flex items-center gap-2">
          <span
            className="flex h-8 w-8 items-center justify-center rounded-md bg-slate-900 font-bold text-white"
            aria-hidden
          >
            S
          </span>
          <span className="font-semibold">Signalboard Support</span>
        </Link>
        <UserMenu name={agent.name} email={agent.email} canSignOut />
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
