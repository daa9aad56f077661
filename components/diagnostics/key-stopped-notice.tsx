import Link from "next/link";
import { FlowTime } from "@/components/setup/flow-time";

/**
 * The dashboard's notice when the saved Postscript key stopped working (refused by Postscript, found by the daily
 * check, a restock or a send) or could not be verified: sending is paused and nothing is lost.
 */
export function KeyStoppedNotice({
  shopId,
  keyLast4,
  verification,
  since,
  timeZone,
  held,
}: {
  shopId: string;
  keyLast4: string | null;
  verification: "UNVERIFIED" | "INVALID";
  since: string | null;
  timeZone: string;
  held: number;
}) {
  const refused = verification === "INVALID";
  return (
    <div role="alert" data-testid="key-stopped-notice" className="rounded-xl bg-red-50 px-5 py-4 ring-1 ring-red-200">
      <h2 className="text-base font-semibold text-red-900">
        {refused ? "Your Postscript key stopped working" : "Your Postscript key could not be verified"}
      </h2>
      <p className="mt-1 text-sm text-red-800">
        API key saved but connection could not be verified
        {refused
          ? `: Postscript no longer accepts the key ending ${keyLast4 ?? "????"}`
          : ` (key ending ${keyLast4 ?? "????"})`}
        {since ? (
          <>
            , since <FlowTime iso={since} timeZone={timeZone} />
          </>
        ) : null}
        . It may have been regenerated or expired.
      </p>
      <p className="mt-1 text-sm text-red-800">
        Sending is paused and nothing is lost:{" "}
        {held ? (
          <strong>
            {held.toLocaleString("en-US")} message{held === 1 ? "" : "s"} will go out
          </strong>
        ) : (
          "messages go out"
        )}{" "}
        as soon as a working key is saved.
      </p>
      <Link
        href={`/shops/${shopId}/postscript#step-connect`}
        className="mt-3 inline-block rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800"
      >
        {refused ? "Paste a new key" : "Check the key"}
      </Link>
    </div>
  );
}
