/**
 * An offline stand-in for App Bridge (https://cdn.shopify.com/shopifycloud/app-bridge.js) for the simulated
 * admin: `shopify.idToken()` asks the parent admin page, which mints a token for the signed-in staff member;
 * fetches to the app's own origin carry `Authorization: Bearer <idToken>`; `<ui-nav-menu>` links go to the
 * admin's left navigation. Served as GET /app-bridge.js.
 */
export const APP_BRIDGE_SCRIPT = String.raw`(function () {
  if (window.shopify && window.shopify.__standin) return;
  var meta = document.querySelector('meta[name="shopify-api-key"]');
  var params = new URLSearchParams(location.search);
  var embedded = window.parent !== window;
  var pending = {};
  var seq = 0;
  function idToken() {
    if (!embedded) return Promise.reject(new Error("Not embedded in the Shopify admin"));
    return new Promise(function (resolve, reject) {
      var id = ++seq;
      pending[id] = { resolve: resolve, reject: reject };
      window.parent.postMessage({ type: "standin:id-token-request", id: id }, "*");
      setTimeout(function () {
        if (pending[id]) { delete pending[id]; reject(new Error("The Shopify admin did not answer idToken()")); }
      }, 10000);
    });
  }
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) return;
    var data = event.data || {};
    if (data.type === "standin:id-token" && pending[data.id]) {
      if (data.token) pending[data.id].resolve(data.token); else pending[data.id].reject(new Error(data.error || "No session token"));
      delete pending[data.id];
    }
  });
  window.shopify = {
    __standin: true,
    config: { apiKey: meta ? meta.getAttribute("content") : "", shop: params.get("shop"), host: params.get("host"), locale: "en" },
    environment: { embedded: embedded, mobile: false, pos: false },
    idToken: idToken,
  };
  var originalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var raw = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    var url = new URL(raw, location.href);
    if (!embedded || url.origin !== location.origin) return originalFetch(input, init);
    return idToken().then(function (token) {
      var headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
      if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + token);
      return originalFetch(input, Object.assign({}, init, { headers: headers }));
    });
  };
  var lastNav = "";
  function postNav() {
    if (!embedded) return;
    var menu = document.querySelector("ui-nav-menu");
    var links = menu ? Array.prototype.map.call(menu.querySelectorAll("a[href]"), function (a) {
      return { href: new URL(a.getAttribute("href"), location.href).href, label: (a.textContent || "").trim(), home: a.getAttribute("rel") === "home" };
    }) : [];
    var serialized = JSON.stringify(links);
    if (serialized === lastNav) return;
    lastNav = serialized;
    window.parent.postMessage({ type: "standin:nav", links: links, location: location.href }, "*");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", postNav); else postNav();
  new MutationObserver(function () { setTimeout(postNav, 50); }).observe(document.documentElement, { childList: true, subtree: true });
})();
`;
