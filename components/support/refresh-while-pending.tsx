"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the page every second while a delivery is still on its way, so its outcome appears by itself. */
export function RefreshWhilePending({ pending }: { pending: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => router.refresh(), 1_000);
    return () => clearInterval(timer);
  }, [pending, router]);
  return null;
}
