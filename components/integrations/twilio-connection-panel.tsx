"use client";

import {
  connectTwilioAction,
  disconnectTwilioAction,
  setTwilioEnabledAction,
  verifyTwilioAction,
} from "@/lib/twilio-connection/actions";
import { IntegrationConnectionPanel, type IntegrationPanelText } from "./integration-connection-panel";

/** What the panel shows of the shop's own Twilio account; dates arrive formatted in the shop's time zone. */
export type TwilioPanelView = {
  connected: boolean;
  accountSid: string | null;
  sender: string | null;
  authTokenLast4: string | null;
  accountName: string | null;
  lastVerified: string | null;
  enabled: boolean;
  lastError: string | null;
};

const TEXT: IntegrationPanelText = {
  label: "Twilio",
  keyName: "Auth Token",
  keyTestId: "twilio-token-last4",
  toggle: {
    enable: "Enable my Twilio account",
    disable: "Disable my Twilio account",
    enabled: "Your Twilio account is enabled: waiting texts go out through it.",
    disabled: "Your Twilio account is disabled: built-in texts wait until you enable it again.",
  },
  disconnectWarning: "Built-in texts then go out through Signalboard's Twilio sender again.",
  keyForm: {
    label: "Auth Token",
    placeholder: "32 characters",
    help: "Signalboard checks the account and sender with Twilio right away, stores the Auth Token encrypted and only ever shows its last 4 characters.",
    fields: [
      { name: "accountSid", label: "Account SID", placeholder: "AC…" },
      { name: "sender", label: "Messaging Service SID or phone number", placeholder: "MG… or +14155550100" },
    ],
  },
};

/** Connect, verify, enable/disable, replace or disconnect the shop's own Twilio account for built-in SMS. */
export function TwilioConnectionPanel({
  shopId,
  view,
  canWrite,
}: {
  shopId: string;
  view: TwilioPanelView;
  canWrite: boolean;
}) {
  return (
    <IntegrationConnectionPanel
      canWrite={canWrite}
      text={TEXT}
      view={{
        hasKey: view.connected,
        keyLast4: view.authTokenLast4,
        accountName: view.accountName,
        lastVerified: view.lastVerified,
        enabled: view.enabled,
        lastError: view.lastError,
        details: [
          { label: "Account SID", value: view.accountSid ?? "", testId: "twilio-account-sid" },
          { label: "Texts from", value: view.sender ?? "not saved", testId: "twilio-sender" },
        ],
      }}
      actions={{
        connect: (authToken, fields) =>
          connectTwilioAction({
            shopId,
            authToken,
            accountSid: fields.accountSid ?? "",
            sender: fields.sender ?? "",
          }),
        verify: () => verifyTwilioAction({ shopId }),
        setEnabled: (enabled) => setTwilioEnabledAction({ shopId, enabled }),
        disconnect: () => disconnectTwilioAction({ shopId }),
        outcomeNotice: (outcome) => {
          if (outcome.result === "saved_unverified") {
            return {
              tone: "warning",
              text: `Twilio account saved but it could not be verified: ${outcome.reason} Texts wait until it is.`,
            };
          }
          const to = outcome.accountName ? `Connected to ${outcome.accountName}.` : "Connected to Twilio.";
          return {
            tone: "success",
            text: `${to} Built-in texts now go out through your Twilio account (Auth Token ending in ${outcome.keyLast4}).`,
          };
        },
      }}
    />
  );
}
