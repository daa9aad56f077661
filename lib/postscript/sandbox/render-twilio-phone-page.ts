import type { TwilioSandboxMessage } from "@/lib/postscript/sandbox/twilio-sandbox-state";

function escapeHtml(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );
}

function bubble(message: TwilioSandboxMessage): string {
  const mine = message.direction === "inbound";
  const meta = mine
    ? "sent"
    : `${message.status}${message.errorCode ? ` (error ${message.errorCode})` : ""} · ${message.segments} segment${message.segments === 1 ? "" : "s"}`;
  return `<li class="${mine ? "me" : "them"}"><p>${escapeHtml(message.body)}</p><small>${escapeHtml(new Date(message.createdAt).toLocaleTimeString("en-US"))} · ${escapeHtml(meta)}</small></li>`;
}

/** The stand-in's "phone" page: one conversation per handset, with a box to text the shop back (STOP, HELP, …). */
export function renderTwilioPhonePage(
  handsets: { handset: string; messages: TwilioSandboxMessage[]; stopped: boolean }[],
): string {
  const phones = handsets.length
    ? handsets
        .map(
          ({
            handset,
            messages,
            stopped,
          }) => `<section class="phone" id="${escapeHtml(handset)}" aria-label="Phone ${escapeHtml(handset)}">
  <h2>${escapeHtml(handset)}${stopped ? ' <span class="badge">STOPped</span>' : ""}</h2>
  <ol>${messages.map(bubble).join("")}</ol>
  <form method="post" action="/sandbox/twilio/reply">
    <input type="hidden" name="handset" value="${escapeHtml(handset)}">
    <label>Reply from ${escapeHtml(handset)} <input name="body" required maxlength="1600" placeholder="STOP, HELP, START…"></label>
    <button type="submit">Send</button>
  </form>
  <div class="quick">${["STOP", "HELP", "START"]
    .map(
      (word) =>
        `<form method="post" action="/sandbox/twilio/reply"><input type="hidden" name="handset" value="${escapeHtml(handset)}"><input type="hidden" name="body" value="${word}"><button type="submit">Reply ${word}</button></form>`,
    )
    .join("")}</div>
</section>`,
        )
        .join("\n")
    : '<p class="empty">No texts yet. Restock a variant someone is waiting for: each handset that gets a text shows up here.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Twilio stand-in · phones</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;background:#f4f4f5;color:#18181b}
.phones{display:flex;flex-wrap:wrap;gap:16px}
.phone{background:#fff;border:1px solid #d4d4d8;border-radius:16px;padding:12px;width:320px}
h2{font-size:15px;margin:0 0 8px}.badge{background:#fee2e2;color:#991b1b;border-radius:8px;padding:0 6px;font-size:12px}
ol{list-style:none;padding:0;margin:0 0 8px;display:flex;flex-direction:column;gap:6px}
li p{margin:0;padding:6px 10px;border-radius:12px;white-space:pre-wrap}
li.them p{background:#e4e4e7}li.me{align-self:flex-end;text-align:right}li.me p{background:#2563eb;color:#fff}
small{color:#52525b;font-size:11px}form{display:flex;flex-wrap:wrap;gap:4px}.quick{display:flex;gap:4px;margin-top:4px}label{width:100%}input{width:100%;box-sizing:border-box}
</style></head><body>
<h1>Twilio stand-in: phones</h1>
<p>Each handset that received a text from the Messaging Service. Replies are sent to the app's inbound webhook, signed as Twilio signs them. Reload to see new texts and delivery receipts.</p>
<div class="phones">${phones}</div>
</body></html>`;
}
