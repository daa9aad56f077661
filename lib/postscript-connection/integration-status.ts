import type { Integration } from "@/lib/generated/prisma/client";

export type IntegrationStatus = "connected" | "disabled" | "not_configured" | "not_complete";

export type StatusBanner = {
  status: IntegrationStatus;
  title: string;
  detail: string;
  tone: "success" | "neutral" | "warning";
};

/**
 * The one status banner a shop's Postscript connection shows, in the wording merchants know from Postscript's
 * own guides: Connected, Integration disabled, API key not configured, or Integration not complete.
 */
export function integrationStatus(
  row: Pick<Integration, "encryptedKey" | "enabled" | "verification" | "lastError"> | null | undefined,
): StatusBanner {
  if (!row?.encryptedKey) {
    return {
      status: "not_configured",
      title: "API key not configured",
      detail: "Paste your Postscript Private API Key (Postscript → Settings → API) to connect.",
      tone: "warning",
    };
  }
  if (!row.enabled) {
    return {
      status: "disabled",
      title: "Integration disabled",
      detail: "Your key is saved, but no events are sent to Postscript until you enable the integration.",
      tone: "neutral",
    };
  }
  if (row.verification !== "VERIFIED") {
    return {
      status: "not_complete",
      title: "Integration not complete",
      detail:
        row.verification === "INVALID"
          ? "API key saved but connection could not be verified: Postscript no longer accepts this key. It may have been regenerated or expired; paste a new Private API Key."
          : "API key saved but connection could not be verified. Check the key in Postscript, then verify again.",
      tone: "warning",
    };
  }
  return {
    status: "connected",
    title: "Connected",
    detail: "Signalboard is sending events to your Postscript account.",
    tone: "success",
  };
}
