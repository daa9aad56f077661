import { EVENT_CATALOG, type EventProperty, type EventType } from "@/lib/setup/event-catalog";

export type SmsTemplateDefinition = {
  label: string;
  description: string;
  /** The event the same message is sent as when Klaviyo or Postscript sends it. */
  eventType: EventType;
  defaultText: string;
  /** The event's properties: the built-in editor offers exactly these as {{merge_tags}}. */
  mergeTags: readonly EventProperty[];
};

function propertiesOf(type: EventType): readonly EventProperty[] {
  return EVENT_CATALOG.find((e) => e.type === type)!.properties;
}

/**
 * The built-in SMS messages a shop can write, keyed as SmsSettings stores them. Merge tags come from the event
 * catalog so a template written for built-in SMS uses the same names as a Klaviyo or Postscript flow.
 */
export const SMS_TEMPLATES = {
  backInStock: {
    label: "Back in stock alert",
    description: "Sent the moment a variant a customer is waiting for is restocked.",
    eventType: "back_in_stock_sms_alert",
    defaultText:
      "{{shop_name}}: {{title_incl_variant}} is back in stock! Shop now: {{purchase_link}} Reply STOP to opt out.",
    mergeTags: propertiesOf("back_in_stock_sms_alert"),
  },
  reminder: {
    label: "Back in stock reminder",
    description: "Sent a day later if the variant is still in stock and the customer has not bought it.",
    eventType: "back_in_stock_sms_reminder",
    defaultText:
      "{{shop_name}}: {{title_incl_variant}} is still in stock, but not for long. Get yours: {{purchase_link}} Reply STOP to opt out.",
    mergeTags: propertiesOf("back_in_stock_sms_reminder"),
  },
  preorder: {
    label: "Preorder confirmation",
    description: "Sent when a customer places an order containing preorder items.",
    eventType: "preorder_sms_confirmed",
    defaultText:
      "{{shop_name}}: your preorder {{order_name}} for {{products}} is confirmed. Expected shipping: {{shipping_timeline}}. Reply STOP to opt out.",
    mergeTags: propertiesOf("preorder_sms_confirmed"),
  },
} as const satisfies Record<string, SmsTemplateDefinition>;

export type SmsTemplateKind = keyof typeof SMS_TEMPLATES;

export const SMS_TEMPLATE_KINDS = Object.keys(SMS_TEMPLATES) as [SmsTemplateKind, ...SmsTemplateKind[]];

/** Longest template we accept: Twilio's and most carriers' limit for one message body (ten segments). */
export const SMS_TEMPLATE_MAX_LENGTH = 1_600;
