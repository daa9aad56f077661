import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { AppBridgeScript } from "@/components/shopify/app-bridge-script";
import { SessionTokenBounce } from "@/components/shopify/session-token-bounce";
import { normalizeShopDomain } from "@/lib/shopify/normalize-shop-domain";

export const metadata: Metadata = { title: "Opening Signalboard" };

/** An embedded load without a session token (a reload inside the admin): App Bridge supplies a fresh one. */
export default async function BouncePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { shop, host } = await searchParams;
  const domain = normalizeShopDomain(shop ?? "");
  return (
    <>
      <AppBridgeScript />
      <AuthCard title="Opening Signalboard">
        {domain ? (
          <SessionTokenBounce shop={domain} host={host ?? null} />
        ) : (
          <p role="alert" className="text-center text-sm text-slate-700">
            This link does not name a Shopify store. Open Signalboard from your Shopify admin.
          </p>
        )}
      </AuthCard>
    </>
  );
}
