import type { KlaviyoSandboxEvent, KlaviyoSandboxSnapshot } from "@/lib/postscript/sandbox/klaviyo-sandbox-state";
import type {
  SandboxFaults,
  SandboxInboxEntry,
  SandboxSnapshot,
  SandboxSubscriber,
} from "@/lib/postscript/sandbox/sandbox-state";
import type { SandboxWebhookDelivery } from "@/lib/postscript/sandbox/sandbox-webhooks";

// The page shows customer-supplied strings (names, properties), so every value goes through this.
function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function table(headings: string[], rows: string[][], empty: string): string {
  if (!rows.length) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const head = headings.map((heading) => `<th>${escapeHtml(heading)}</th>`).join("");
  const body = rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function recipient(entry: SandboxInboxEntry): string {
  const parts = [entry.phone, entry.email, entry.subscriberId].filter((part): part is string => Boolean(part));
  return parts.map(escapeHtml).join("<br>");
}

function outcome(entry: SandboxInboxEntry): string {
  if (entry.wouldText !== null) return `<div class="sms">${escapeHtml(entry.wouldText)}</div>`;
  return `<span class="skip">Not texted: ${escapeHtml(entry.notTextedReason ?? "")}</span>`;
}

function properties(entry: { properties: Record<string, unknown> }): string {
  const items = Object.entries(entry.properties).map(
    ([name, value]) =>
      `<div><code>${escapeHtml(name)}</code> ${escapeHtml(value !== null && typeof value === "object" ? JSON.stringify(value) : value)}</div>`,
  );
  return `<details><summary>${items.length} properties</summary>${items.join("")}</details>`;
}

const INBOX_HEADINGS = [
  "Received (UTC)",
  "Key",
  "Type",
  "Recipient",
  "Matched subscriber",
  "Would text",
  "Properties",
  "External id",
];

const KLAVIYO_HEADINGS = ["Received (UTC)", "Key", "Metric", "Profile", "Properties", "unique_id", "time"];

function klaviyoProfile(event: KlaviyoSandboxEvent): string {
  const { email, phoneNumber, externalId, id } = event.profile;
  const parts = [email, phoneNumber, externalId].filter((part): part is string => Boolean(part)).map(escapeHtml);
  return `${parts.join("<br>")}<br><span class="meta">${escapeHtml(id)}</span>`;
}

/** Klaviyo events, each marked as such, and per account the metrics they created. */
function klaviyoSection(klaviyo: KlaviyoSandboxSnapshot): string {
  const rows = klaviyo.events.map((event) => [
    escapeHtml(event.receivedAt.replace("T", " ").slice(0, 19)),
    escapeHtml(`…${event.keyLast4}`),
    `<span class="klaviyo">Klaviyo</span> ${escapeHtml(event.metric)}`,
    klaviyoProfile(event),
    properties(event),
    escapeHtml(event.uniqueId ?? ""),
    escapeHtml(event.time ?? "(received time)"),
  ]);
  const accounts = klaviyo.accounts.map((account) => {
    const metrics = table(
      ["Metric", "First seen", "Count"],
      account.metrics.map((metric) => [
        escapeHtml(metric.name),
        escapeHtml(metric.firstSeenAt),
        escapeHtml(metric.count),
      ]),
      "No metrics yet: the first event with a name creates its metric.",
    );
    return `<h3>${escapeHtml(account.organizationName)} <span class="meta">(Klaviyo, key …${escapeHtml(account.keyLast4)}, account ${escapeHtml(account.accountId)})</span></h3>
<p class="meta">Profiles: ${escapeHtml(account.profiles.length)}. Duplicates ignored (same unique_id, profile and metric): ${escapeHtml(account.duplicatesIgnored)}. Rate-limited answers: ${escapeHtml(account.rateLimited429Count)}.</p>
${metrics}`;
  });
  return `<h2 id="klaviyo">Klaviyo events (${klaviyo.events.length})</h2>
<p class="meta">API at /klaviyo/api. Limits per key: burst ${escapeHtml(klaviyo.burstPerSecond)}/s, steady ${escapeHtml(klaviyo.steadyPerMinute)}/min.
<a href="/sandbox/klaviyo/events">Klaviyo events JSON</a></p>
${table(KLAVIYO_HEADINGS, rows, "No Klaviyo events received yet.")}
${accounts.join("\n")}`;
}

// A plain form post (the page allows no scripts): the customer's text reply, then back to this page.
function replyButtons(subscriber: SandboxSubscriber): string {
  const action = `/sandbox/subscribers/${encodeURIComponent(subscriber.id)}/reply`;
  const button = (body: string, label: string) =>
    `<form method="post" action="${escapeHtml(action)}" class="reply"><input type="hidden" name="body" value="${body}">` +
    `<button type="submit" aria-label="${escapeHtml(`${label} from ${subscriber.phoneNumber}`)}">${label}</button></form>`;
  return button("Y", "Reply Y") + button("STOP", "Reply STOP");
}

function webhookSection(deliveries: SandboxWebhookDelivery[]): string {
  const rows = deliveries.map((delivery) => [
    escapeHtml(delivery.eventTime.replace("T", " ").slice(0, 19)),
    `<code>${escapeHtml(delivery.event)}</code>`,
    escapeHtml(delivery.callbackUrl),
    escapeHtml(delivery.attempts),
    delivery.delivered
      ? "200"
      : `<span class="skip">${escapeHtml(delivery.lastStatus ?? delivery.lastError ?? "sending…")} (retried every 5 minutes for an hour)</span>`,
  ]);
  return `<h2 id="webhooks">Webhooks sent (${deliveries.length})</h2>
<p class="meta">Signed with the account's token in <code>Postscript-Signature</code>. <a href="/sandbox/webhooks">webhooks JSON</a></p>
${table(["Event time (UTC)", "Event", "Callback", "Attempts", "Answer"], rows, "No webhooks sent yet: the app subscribes when a key connects; Reply Y or Reply STOP sends them.")}`;
}

const STYLE = `
  body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1f2328; background: #f6f8fa; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; }
  .meta { color: #59636e; } a { color: #0969da; }
  table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #d1d9e0; }
  th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid #d1d9e0; }
  th { background: #f0f3f6; font-weight: 600; }
  .sms { background: #dff7e3; border-radius: 12px; padding: .4rem .65rem; max-width: 32rem; }
  .skip { color: #9a6700; } .empty { color: #59636e; font-style: italic; }
  code { background: #eff1f3; padding: 0 .25rem; border-radius: 4px; }
  .reply { display: inline; margin-right: .35rem; } .reply button { font: inherit; padding: .15rem .5rem; cursor: pointer; }
  .klaviyo { background: #1f2328; color: #fff; border-radius: 4px; padding: 0 .35rem; font-size: .8rem; font-weight: 600; }
`;

/**
 * Renders the sandbox's read-only dashboard: every Postscript event received (newest first) with the text a flow
 * would send, each account's event-type registry and subscribers (with Reply Y / Reply STOP), the webhooks sent, then the Klaviyo events and metrics. All
 * values are HTML-escaped.
 */
export function renderSandboxPage(
  snapshot: SandboxSnapshot,
  inbox: SandboxInboxEntry[],
  webhookDeliveries: SandboxWebhookDelivery[] = [],
): string {
  const describe = (faults: SandboxFaults, whose: string) =>
    faults.dropConnections
      ? "outage: connections accepted, then dropped without an answer"
      : faults.down
        ? `DOWN (${whose} API requests get 503)`
        : `429 share ${faults.share429}, 500 share ${faults.share500}, ` +
          `slow share ${faults.slowShare} (${faults.slowMs} ms)`;
  const faultSummary = [
    describe(snapshot.faults, "every"),
    ...Object.entries(snapshot.keyFaults).map(
      ([last4, faults]) => `key …${last4}: ${describe({ ...snapshot.faults, ...faults }, "its")}`,
    ),
  ].join("; ");

  const inboxRows = inbox.map((entry) => [
    escapeHtml(entry.receivedAt.replace("T", " ").slice(0, 19)),
    escapeHtml(`…${entry.keyLast4}`),
    `<code>${escapeHtml(entry.type)}</code>`,
    recipient(entry),
    entry.matchedSubscriber
      ? `${escapeHtml(entry.matchedSubscriber.id)}<br>` +
        `<span class="meta">${escapeHtml(entry.matchedSubscriber.optInState)}</span>`
      : "none",
    outcome(entry),
    properties(entry),
    escapeHtml(entry.externalId ?? ""),
  ]);

  const accounts = snapshot.accounts.map((account) => {
    const eventTypes = table(
      ["Event type", "Flow trigger", "First seen", "Count"],
      account.eventTypes.map((eventType) => [
        `<code>${escapeHtml(eventType.type)}</code>`,
        escapeHtml(eventType.flowTriggerName),
        escapeHtml(eventType.firstSeenAt),
        escapeHtml(eventType.count),
      ]),
      "No events yet: the first event of a type creates it.",
    );
    const subscribers = table(
      ["Subscriber", "Phone", "Email", "Opt-in", "Customer texts back"],
      account.subscribers.map((subscriber) => [
        escapeHtml(subscriber.id),
        escapeHtml(subscriber.phoneNumber),
        escapeHtml(subscriber.email ?? ""),
        escapeHtml(subscriber.optInState),
        replyButtons(subscriber),
      ]),
      "No subscribers.",
    );
    const keywords = account.keywords.map((keyword) => escapeHtml(keyword.keyword)).join(", ") || "none";
    const identity = `key …${escapeHtml(account.keyLast4)}, ${escapeHtml(account.resourceId)}`;
    return `<h2>${escapeHtml(account.resourceName)} <span class="meta">(${identity})</span></h2>
<p class="meta">Keywords: ${keywords}. Rate-limited answers: ${escapeHtml(account.rateLimited429Count)}.</p>
${eventTypes}
<h3 id="subscribers">Subscribers</h3>
${subscribers}`;
  });

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Postscript sandbox</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Postscript sandbox</h1>
<p class="meta">Rate limit ${escapeHtml(snapshot.rateLimitPerSecond)}/s per key. Faults: ${escapeHtml(faultSummary)}.
<a href="/sandbox">Refresh</a> · <a href="/sandbox/state">state JSON</a> · <a href="/sandbox/inbox">inbox JSON</a></p>
<h2>Inbox (${inbox.length})</h2>
${table(INBOX_HEADINGS, inboxRows, "No events received yet.")}
${accounts.join("\n")}
${webhookSection(webhookDeliveries)}
${klaviyoSection(snapshot.klaviyo)}
</body>
</html>`;
}
