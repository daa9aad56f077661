"use client";

import {
  connectKlaviyoAction,
  disconnectKlaviyoAction,
  setKlaviyoEnabledAction,
  verifyKlaviyoKeyAction,
} from "@/lib/klaviyo-connection/actions";
import type { KlaviyoStatus } from "@/lib/klaviyo-connection/klaviyo-status";
import { IntegrationConnectionPanel, type IntegrationPanelText } from "./integration-connection-panel";

/** What the panel shows of the connection; dates arrive formatted in the shop's time zone. */
export type KlaviyoPanelView = {
  status: KlaviyoStatus;
  keyLast4: string | null;
  accountName: string | null;
  lastVerified: string | null;
  lastError: string | null;
};

const TEXT: IntegrationPanelText = {
  label: "Klaviyo",
  keyTestId: "klaviyo-key-last4",
  toggle: {
    enable: "Enable Klaviyo",
    disable: "Disable Klaviyo",
    enabled: "Klaviyo enabled: waiting events are on their way.",
    disabled: "Klaviyo disabled: events for Klaviyo wait until you enable it again.",
  },
  disconnectWarning: "Events for Klaviyo will wait until you connect again.",
  keyForm: {
    label: "Klaviyo Private API Key",
    placeholder: "pk_…",
    help: "Signalboard checks the key with Klaviyo right away, stores it encrypted and only ever shows its last 4 characters.",
  },
};

/** Connect, verify, enable/disable, replace or disconnect the shop's Klaviyo Private API Key. */
export function KlaviyoConnectionPanel({
  shopId,
  view,
  canWrite,
}: {
  shopId: string;
  view: KlaviyoPanelView;
  canWrite: boolean;
}) {
  return (
    <IntegrationConnectionPanel
      canWrite={canWrite}
      text={TEXT}
      view={{ ...view, hasKey: view.status !== "not_configured", enabled: view.status !== "disabled" }}
      actions={{
        connect: (apiKey) => connectKlaviyoAction({ shopId, apiKey }),
        verify: () => verifyKlaviyoKeyAction({ shopId }),
        setEnabled: (enabled) => setKlaviyoEnabledAction({ shopId, enabled }),
        disconnect: () => disconnectKlaviyoAction({ shopId }),
        outcomeNotice: (outcome) => {
          if (outcome.result === "saved_unverified") {
            return {
              tone: "warning",
              text: `Key saved but Klaviyo could not be reached to verify it: ${outcome.reason}`,
            };
          }
          const to = outcome.accountName ? `Connected to ${outcome.accountName}.` : "Connected to Klaviyo.";
          return { tone: "success", text: `${to} Your key ending in ${outcome.keyLast4} is verified.` };
        },
      }}
    />
  );
}
