"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the page every 1.5 s for up to 30 s while a signup's Postscript sync is still pending. */
export function RefreshWhileSyncing({ active, stamp }: { active: boolean; stamp: string }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    let rounds = 0;
    const timer = setInterval(() => {
      rounds += 1;
      if (rounds > 20) clearInterval(timer);
      else router.refresh();
    }, 1_500);
    return () => clearInterval(timer);
  }, [active, stamp, router]);
  return null;
}
