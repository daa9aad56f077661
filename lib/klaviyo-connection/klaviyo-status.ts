import type { Integration } from "@/lib/generated/prisma/client";

export type KlaviyoStatus = "connected" | "not_configured" | "unverified" | "invalid" | "disabled";

export type KlaviyoStatusText = { title: string; detail: string; tone: "success" | "neutral" | "warning" };

/** What each status tells the merchant, and what to do about it. */
export const KLAVIYO_STATUS_TEXT: Record<KlaviyoStatus, KlaviyoStatusText> = {
  connected: {
    title: "Connected",
    detail: "Signalboard sends events to your Klaviyo account for the strategies and settings that select Klaviyo.",
    tone: "success",
  },
  not_configured: {
    title: "Not connected",
    detail: "Paste a Klaviyo Private API Key to send events to Klaviyo.",
    tone: "neutral",
  },
  unverified: {
    title: "Key not verified",
    detail:
      "The key is saved but Klaviyo could not be reached to check it. Events for Klaviyo wait until it is verified: use Verify again.",
    tone: "warning",
  },
  invalid: {
    title: "Key no longer accepted",
    detail:
      "Klaviyo refuses this key (it was revoked or lost a scope). Events for Klaviyo wait: paste a new Private API Key.",
    tone: "warning",
  },
  disabled: {
    title: "Integration disabled",
    detail:
      "Your key is saved, but nothing is sent to Klaviyo until you enable the integration. Events for Klaviyo wait meanwhile.",
    tone: "neutral",
  },
};

/** The one status of a shop's Klaviyo connection; a disabled integration says so before any key problem. */
export function klaviyoStatus(
  row: Pick<Integration, "encryptedKey" | "enabled" | "verification"> | null,
): KlaviyoStatus {
  if (!row?.encryptedKey) return "not_configured";
  if (!row.enabled) return "disabled";
  if (row.verification === "INVALID") return "invalid";
  if (row.verification === "UNVERIFIED") return "unverified";
  return "connected";
}
