import type { SmsProvider } from "@/lib/generated/prisma/enums";

export type SmsProviderDefinition = {
  label: string;
  description: string;
  /** Set when a free plan may not choose it: the reason shown beside the disabled option and in the refusal. */
  paidPlanReason?: string;
};

/** The "Send SMS through" choices, in the order the panel lists them. */
export const SMS_PROVIDERS = {
  BUILT_IN: {
    label: "Built-in SMS",
    description: "Signalboard sends the SMS, with the text you write for each message in Signalboard.",
  },
  KLAVIYO: {
    label: "Klaviyo",
    description: "Signalboard sends each alert as an event; your Klaviyo flows write and send the SMS.",
  },
  POSTSCRIPT: {
    label: "Postscript",
    description: "Signalboard sends each alert as an event; your Postscript flows write and send the SMS.",
    paidPlanReason: "Postscript is available on paid plans. Upgrade your plan to send SMS through Postscript.",
  },
} as const satisfies Record<SmsProvider, SmsProviderDefinition>;
