const LABELS: Record<string, string> = {
  "postscript.connected": "Connected a Postscript key",
  "postscript.key_rejected": "Tried a key Postscript refused",
  "postscript.key_saved_unverified": "Saved a key that could not be verified",
  "postscript.key_verified": "Verified the key again",
  "postscript.enabled": "Enabled the integration",
  "postscript.disabled": "Disabled the integration",
  "postscript.disconnected": "Disconnected Postscript",
  "postscript.keyword_selected": "Chose a keyword",
  "key_health.stopped_working": "Key stopped working (automatic check)",
  "key_health.restored": "Key works again (automatic check)",
  "key_health.klaviyo_stopped_working": "Klaviyo key stopped working (automatic check)",
  "key_health.klaviyo_restored": "Klaviyo key works again (automatic check)",
  "support.key_reverified": "Support re-verified the key",
  "support.delivery_replayed": "Support replayed a failed or unconfirmed delivery",
  "delivery.unconfirmed_resent": "Resent an unconfirmed delivery (a duplicate was possible)",
  "support.test_event_resent": "Support resent a test event",
  "support.recipient_revealed": "Support revealed a recipient",
  "support.person_looked_up": "Support looked up a customer",
  "setup.test_event_sent": "Sent a test event",
  "setup.flow_confirmed": "Confirmed a flow",
  "setup.flow_unconfirmed": "Withdrew a flow confirmation",
  "sms.provider_changed": "Changed the SMS provider",
};

/** The audit log's action id in words, for the support console (unknown ids are shown as they are). */
export function auditEntryLabel(action: string): string {
  return LABELS[action] ?? action;
}
