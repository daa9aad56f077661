"use client";

import { useEffect, useState } from "react";
import { Spinner } from "@/components/ui/spinner";

type AppBridge = { idToken?: () => Promise<string> };
const WAIT_MS = 5_000;

/**
 * Asks App Bridge for a fresh session token and comes back to the session route with it, as Shopify's admin does on
 * first load. When App Bridge never appears (not inside the admin, or its script could not load), says so and
 * offers the way in that does not need it.
 */
export function SessionTokenBounce({ shop, host }: { shop: string; host: string | null }) {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const started = Date.now();
    const attempt = async () => {
      const bridge = (window as unknown as { shopify?: AppBridge }).shopify;
      if (bridge?.idToken) {
        try {
          const idToken = await bridge.idToken();
          const query = new URLSearchParams({ shop, id_token: idToken });
          if (host) query.set("host", host);
          if (!cancelled) window.location.replace(`/auth/shopify/session?${query}`);
          return;
        } catch {
          // Falls through to waiting: App Bridge may still be starting.
        }
      }
      if (Date.now() - started > WAIT_MS) setFailed(true);
      else setTimeout(attempt, 200);
    };
    void attempt();
    return () => {
      cancelled = true;
    };
  }, [shop, host]);

  if (!failed) {
    return (
      <p role="status" className="flex items-center justify-center gap-2 text-sm text-slate-600">
        <Spinner /> Connecting to your Shopify admin…
      </p>
    );
  }
  return (
    <div role="alert" className="rounded-xl bg-white p-6 text-sm text-slate-800 shadow-sm ring-1 ring-slate-200">
      <p>Signalboard could not reach Shopify App Bridge, so it cannot confirm who you are from here.</p>
      <p className="mt-3 text-slate-600">
        Open Signalboard from <strong>Apps</strong> in your Shopify admin, or{" "}
        <a
          href={`/sign-in?${new URLSearchParams({ shop })}`}
          target="_top"
          className="font-medium text-brand-700 underline"
        >
          log in with your store&apos;s domain
        </a>
        .
      </p>
    </div>
  );
}
