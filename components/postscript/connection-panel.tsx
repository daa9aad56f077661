"use client";

import {
  IntegrationConnectionPanel,
  type IntegrationPanelText,
} from "@/components/integrations/integration-connection-panel";
import { formatShopTime } from "@/lib/format/format-shop-time";
import {
  connectPostscriptAction,
  disconnectPostscriptAction,
  setPostscriptEnabledAction,
  verifyPostscriptKeyAction,
} from "@/lib/postscript-connection/actions";
import type { PostscriptConnectionView } from "@/lib/postscript-connection/get-postscript-connection";

const TEXT: IntegrationPanelText = {
  label: "Postscript",
  keyTestId: "key-last4",
  toggle: {
    enable: "Enable integration",
    disable: "Disable integration",
    enabled: "Integration enabled.",
    disabled: "Integration disabled: no events will be sent to Postscript.",
  },
  disconnectWarning: "",
  keyForm: {
    label: "Private API Key",
    placeholder: "sk_…",
    help: "We check the key with Postscript right away, store it encrypted and only ever show its last 4 characters.",
  },
};

/** Step 2 of setup: connect, verify, enable/disable, replace or disconnect the shop's Postscript key. */
export function ConnectionPanel({
  shopId,
  view,
  canWrite,
  timeZone,
}: {
  shopId: string;
  view: PostscriptConnectionView;
  canWrite: boolean;
  timeZone: string;
}) {
  return (
    <IntegrationConnectionPanel
      canWrite={canWrite}
      text={TEXT}
      view={{ ...view, lastVerified: view.lastVerifiedAt ? formatShopTime(view.lastVerifiedAt, timeZone) : null }}
      actions={{
        connect: (apiKey) => connectPostscriptAction({ shopId, apiKey }),
        verify: () => verifyPostscriptKeyAction({ shopId }),
        setEnabled: (enabled) => setPostscriptEnabledAction({ shopId, enabled }),
        disconnect: () => disconnectPostscriptAction({ shopId }),
        outcomeNotice: (outcome) =>
          outcome.result === "connected"
            ? {
                tone: "success",
                text: `Connected to ${outcome.accountName}. Your key ending in ${outcome.keyLast4} is verified.`,
              }
            : { tone: "warning", text: `API key saved but connection could not be verified: ${outcome.reason}` },
      }}
    />
  );
}
