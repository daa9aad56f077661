import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { StandinSubscription } from "./standin-state";
import { storeHandle, type StandinStaff, type StandinStore } from "./standin-stores";

type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = raw(`<style>
  *{box-sizing:border-box} body{margin:0;font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;background:#f1f1f1;color:#303030}
  .topbar{height:56px;background:#1a1a1a;color:#e3e3e3;display:flex;align-items:center;gap:16px;padding:0 16px}
  .topbar .logo{font-weight:700;color:#fff}.topbar .search{flex:1;max-width:560px;background:#303030;border-radius:8px;padding:6px 12px;color:#8a8a8a}
  .topbar form{margin-left:auto;display:flex;gap:6px;align-items:center}
  .layout{display:flex;min-height:calc(100vh - 56px)} nav.side{width:240px;background:#ebebeb;padding:12px 8px}
  nav.side a,nav.side span{display:block;padding:5px 10px;border-radius:8px;color:#303030;text-decoration:none}
  nav.side a:hover{background:#fafafa} nav.side .app{margin-top:14px;font-weight:650} nav.side .sub a{padding-left:24px}
  main{flex:1;padding:16px} iframe{width:100%;height:calc(100vh - 90px);border:0;background:#fff;border-radius:12px}
  .card{background:#fff;border-radius:12px;box-shadow:0 1px 0 rgba(26,26,26,.07);padding:20px;max-width:640px;margin:24px auto}
  h1{font-size:20px;margin:0 0 12px} ul.scopes{padding-left:18px} .muted{color:#616161}
  button,.button{font:inherit;border:0;border-radius:8px;padding:7px 14px;cursor:pointer;background:#303030;color:#fff;text-decoration:none;display:inline-block}
  button.secondary{background:#e3e3e3;color:#303030} button.danger{background:#c70a24}
  table{border-collapse:collapse;width:100%} td,th{padding:8px;border-bottom:1px solid #ebebeb;text-align:left}
</style>`);

function layout(title: string, body: Page): Page {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title} · Shopify stand-in</title>
        <!-- No icon: the browser would otherwise ask for /favicon.ico and log a 404 on every admin page. -->
        <link rel="icon" href="data:," />
        ${STYLE}
      </head>
      <body>
        ${body}
      </body>
    </html>`;
}

function scopeList(scope: string): Page {
  return html`<ul class="scopes">
    ${scope
      .split(",")
      .filter(Boolean)
      .map((s) => html`<li><code>${s}</code></li>`)}
  </ul>`;
}

/** GET /: every store, each linking to its simulated admin with the app. */
export function renderStoreList(stores: StandinStore[], apiKey: string, installed: (domain: string) => boolean): Page {
  return layout(
    "Stores",
    html`<div class="card" style="max-width:880px">
      <h1>Shopify stand-in: stores</h1>
      <p class="muted">Open a store's admin to install or use the app as one of its staff members.</p>
      <table>
        <tr>
          <th>Store</th>
          <th>Domain</th>
          <th>App</th>
          <th>Staff</th>
        </tr>
        ${stores.map(
          (store) =>
            html`<tr>
              <td><a href="/store/${storeHandle(store.domain)}/apps/${apiKey}">${store.name}</a></td>
              <td><code>${store.domain}</code></td>
              <td>${installed(store.domain) ? "installed" : "not installed"}</td>
              <td>
                ${store.staff.map((s) => html`<a href="/store/${storeHandle(store.domain)}/apps/${apiKey}?as=${s.id}">${s.firstName} ${s.lastName}</a>${s.accountOwner ? " (owner)" : ""} `)}
              </td>
            </tr>`,
        )}
      </table>
    </div>`,
  );
}

/**
 * The OAuth authorize screen: store, app, scopes and the staff member approving (the one an online token will
 * name); Install posts back, Cancel returns to the store list.
 */
export function renderAuthorizePage(
  store: StandinStore,
  appName: string,
  scope: string,
  hidden: Record<string, string>,
  staffId: string,
): Page {
  return layout(
    "Install app",
    html`<div class="card">
      <h1>Install ${appName} on ${store.name}?</h1>
      <p class="muted">${store.domain}</p>
      <p>${appName} will be able to:</p>
      ${scopeList(scope)}
      <form method="post">
        ${Object.entries(hidden).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`)}
        <p>
          <label
            >Signed in as
            <select name="as">
              ${store.staff.map(
                (s) =>
                  html`<option value="${s.id}" ${s.id === staffId ? "selected" : ""}>
                    ${s.firstName} ${s.lastName}
                  </option>`,
              )}
            </select></label
          >
        </p>
        <button name="decision" value="install">Install</button> <a class="button secondary" href="/">Cancel</a>
      </form>
    </div>`,
  );
}

export interface AdminPageInput {
  store: StandinStore;
  staff: StandinStaff;
  apiKey: string;
  appName: string;
  appOrigin: string;
  /** null: not installed, the consent screen shows instead of the app. */
  iframeUrl: string | null;
  scope: string;
}

/** The simulated Shopify admin with the app: consent screen when not installed, the embedded app otherwise. */
export function renderAdminPage(input: AdminPageInput): Page {
  const { store, staff, apiKey, appName, iframeUrl } = input;
  const base = `/store/${storeHandle(store.domain)}/apps/${apiKey}`;
  const switcher = html`<form method="get" action="${base}">
    <span>Signed in as</span>
    <select name="as" onchange="this.form.submit()">
      ${store.staff.map(
        (s) =>
          html`<option value="${s.id}" ${s.id === staff.id ? "selected" : ""}>${s.firstName} ${s.lastName}</option>`,
      )}
    </select>
  </form>`;
  const content = iframeUrl
    ? html`<iframe id="app-frame" title="${appName}" src="${iframeUrl}"></iframe>`
    : html`<div class="card">
        <h1>Install ${appName}</h1>
        <p>${appName} will be able to:</p>
        ${scopeList(input.scope)}
        <form method="post" action="${base}/install?as=${staff.id}"><button>Install app</button></form>
      </div>`;
  const script = iframeUrl
    ? raw(`<script>
  (function () {
    var frame = document.getElementById("app-frame");
    var appOrigin = ${JSON.stringify(input.appOrigin)};
    var tokenUrl = ${JSON.stringify(`${base}/session-token?as=${staff.id}`)};
    window.addEventListener("message", function (event) {
      if (event.source !== frame.contentWindow || event.origin !== appOrigin) return;
      var data = event.data || {};
      if (data.type === "standin:id-token-request") {
        fetch(tokenUrl, { method: "POST" }).then(function (r) { return r.json(); }).then(function (body) {
          frame.contentWindow.postMessage({ type: "standin:id-token", id: data.id, token: body.token, error: body.error }, appOrigin);
        });
      }
      if (data.type === "standin:nav") {
        var list = document.getElementById("app-nav");
        list.innerHTML = "";
        (data.links || []).filter(function (l) { return !l.home; }).forEach(function (link) {
          var a = document.createElement("a");
          a.href = link.href; a.textContent = link.label;
          a.addEventListener("click", function (e) { e.preventDefault(); frame.src = link.href; });
          list.appendChild(a);
        });
      }
    });
  })();
</script>`)
    : "";
  return layout(
    `${appName} · ${store.name}`,
    html`<div class="topbar">
        <span class="logo">shopify</span><span class="search">Search</span><span>${store.name}</span>${switcher}
      </div>
      <div class="layout">
        <nav class="side">
          <span>Home</span><span>Orders</span><span>Products</span><span>Customers</span><span>Analytics</span>
          <a href="/">All stores</a>
          <div class="app">${appName}</div>
          <div class="sub" id="app-nav"></div>
          ${iframeUrl ? html`<form method="post" action="${base}/uninstall?as=${staff.id}" style="margin-top:24px"><button class="danger">Uninstall app</button></form>` : ""}
        </nav>
        <main>${content}</main>
      </div>
      ${script}`,
  );
}

/** Shopify's charge confirmation: the merchant approves or declines the subscription. */
export function renderChargePage(store: StandinStore, appName: string, subscription: StandinSubscription): Page {
  return layout(
    "Approve subscription",
    html`<div class="card">
      <h1>Approve subscription</h1>
      <p>
        ${appName} on <strong>${store.name}</strong> asks for <strong>${subscription.name}</strong>:
        ${subscription.price.amount} ${subscription.price.currencyCode} every 30
        days${subscription.test ? " (test charge: nothing is billed)" : ""}.
      </p>
      ${
        subscription.status !== "PENDING"
          ? html`<p class="muted">This charge is ${subscription.status.toLowerCase()}.</p>`
          : html`<form method="post">
              <button name="decision" value="approve">Approve</button>
              <button class="secondary" name="decision" value="decline">Decline</button>
            </form>`
      }
    </div>`,
  );
}
