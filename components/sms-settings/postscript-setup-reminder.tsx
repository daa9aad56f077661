import Link from "next/link";
import type { StatusBanner } from "@/lib/postscript-connection/integration-status";

/** Shown where Postscript is the chosen provider but its connection cannot send yet, with the way to fix it. */
export function PostscriptSetupReminder({ shopId, banner }: { shopId: string; banner: StatusBanner }) {
  if (banner.status === "connected") return null;
  return (
    <div
      role="note"
      data-testid="postscript-setup-reminder"
      className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200"
    >
      <p className="font-medium">Postscript is selected but not ready to send: {banner.title}.</p>
      <p className="mt-1">{banner.detail}</p>
      <Link
        href={`/shops/${shopId}/postscript`}
        className="mt-2 inline-block font-medium underline underline-offset-2 hover:text-amber-700"
      >
        Finish Postscript setup →
      </Link>
    </div>
  );
}
