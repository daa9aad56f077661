import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { ShopDomainForm } from "@/components/auth/shop-domain-form";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser } from "@/lib/auth/current-user";
import { readSignedNotice } from "@/lib/auth/signed-notice";
import { normalizeShopDomain } from "@/lib/shopify/normalize-shop-domain";

export const metadata: Metadata = { title: "Sign in" };

/** Merchants log in through Shopify (their store's domain); only support agents use a password. */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  if (await currentUser()) redirect("/");
  const { shop, message, sig } = await searchParams;
  const problem = readSignedNotice(message, sig);
  return (
    <AuthCard title="Sign in to Signalboard" subtitle="SMS events for your Shopify store, through Postscript.">
      <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        {problem ? (
          <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {problem}
          </p>
        ) : null}
        <ShopDomainForm defaultShop={normalizeShopDomain(shop ?? "") ?? undefined} />
        <p className="mt-4 text-xs text-slate-500">
          Already installed? Open Signalboard from <strong>Apps</strong> in your Shopify admin: no separate login
          needed.
        </p>
      </div>
      <details className="mt-6 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Signalboard support agents</summary>
        <div className="mt-4">
          <SignInForm />
        </div>
      </details>
    </AuthCard>
  );
}
