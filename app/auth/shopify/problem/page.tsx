import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { readSignedNotice } from "@/lib/auth/signed-notice";

export const metadata: Metadata = { title: "Could not open Signalboard" };

/** Why opening the app from Shopify failed, in words the merchant can act on; Shopify's admin may frame it. */
export default async function ShopifyProblemPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { message, sig } = await searchParams;
  const text = readSignedNotice(message, sig) ?? "Signalboard could not confirm your Shopify session.";
  return (
    <AuthCard title="Could not open Signalboard">
      <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <p role="alert" className="text-sm text-slate-800">
          {text}
        </p>
        <p className="mt-4 text-sm text-slate-600">
          Open Signalboard again from <strong>Apps</strong> in your Shopify admin, or{" "}
          <a href="/sign-in" target="_top" className="font-medium text-brand-700 underline">
            log in with your store&apos;s domain
          </a>
          .
        </p>
      </div>
    </AuthCard>
  );
}
