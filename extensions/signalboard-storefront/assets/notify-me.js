/*
 * Signalboard "Back in stock — Notify me" storefront block. Plain JavaScript (no framework, no build step): the
 * theme loads it as a classic script. The pure functions below are exported on `globalThis.SignalboardNotifyMe`
 * (unit-tested in lib/storefront-extension/notify-me.test.ts); `init` binds them to each block on the page.
 */
(function (root) {
  "use strict";

  /** Reads the block's variants ([{ id, available, preorder }]); anything malformed reads as no variants. */
  function parseVariants(text) {
    try {
      var list = JSON.parse(text);
      if (!Array.isArray(list)) return [];
      return list
        .filter(function (v) {
          return v && (typeof v.id === "number" || typeof v.id === "string");
        })
        .map(function (v) {
          return { id: String(v.id), available: v.available === true, preorder: v.preorder === true };
        });
    } catch (e) {
      return [];
    }
  }

  /** The form shows only for a sold-out variant that is not on preorder; the Preorder notice only for preorder ones. */
  function viewFor(variant) {
    if (!variant) return { showForm: false, showPreorder: false };
    return { showForm: !variant.available && !variant.preorder, showPreorder: variant.preorder };
  }

  /** The selected variant: the product form's `id` input, else `?variant=` in the URL, else the block's default. */
  function currentVariantId(inputValue, search, fallback) {
    if (inputValue && /^\d+$/.test(String(inputValue))) return String(inputValue);
    var match = /[?&]variant=(\d+)/.exec(search || "");
    return match ? match[1] : String(fallback || "");
  }

  /**
   * The waitlist request body: the shopper's fields (blank ones left out), SMS consent with the exact disclosure
   * text shown, and the page it was given on. Returns { error } instead when no number was typed.
   */
  function buildSignup(fields) {
    var phone = (fields.phone || "").trim();
    if (!phone) return { error: "contact_required" };
    var body = {
      variantId: fields.variantId,
      phone: phone,
      smsConsent: true,
      consentText: fields.consentText,
      pageUrl: fields.pageUrl,
    };
    var name = (fields.name || "").trim();
    var email = (fields.email || "").trim();
    if (name) body.name = name;
    if (email) body.email = email;
    return { body: body };
  }

  /** What to tell the shopper about the answer, in their language; the server's own sentence when no string fits. */
  function messageFor(httpStatus, answer, strings) {
    var body = answer || {};
    if (body.status === "joined") return { kind: "ok", text: strings.joined };
    if (body.status === "already_waiting") return { kind: "ok", text: strings.already_waiting };
    if (httpStatus === 429 || body.code === "RATE_LIMITED") return { kind: "error", text: strings.rate_limited };
    if (body.field === "phone") return { kind: "error", text: strings.phone_invalid };
    if (body.field === "email") return { kind: "error", text: strings.email_invalid };
    return { kind: "error", text: body.message || strings.generic };
  }

  function init(block) {
    if (block.__signalboardReady) return;
    block.__signalboardReady = true;
    var variants = parseVariants((block.querySelector("[data-variants]") || {}).textContent || "[]");
    var strings = JSON.parse((block.querySelector("[data-strings]") || {}).textContent || "{}");
    var form = block.querySelector("[data-form]");
    var preorder = block.querySelector("[data-preorder]");
    var message = block.querySelector("[data-message]");
    var button = form.querySelector("button[type=submit]");
    var shown = null;

    function productInput() {
      var section = block.closest("section, .shopify-section") || document;
      return (
        section.querySelector('form[action*="/cart/add"] [name="id"]') ||
        document.querySelector('form[action*="/cart/add"] [name="id"]')
      );
    }

    function render() {
      var input = productInput();
      var id = currentVariantId(
        input && input.value,
        root.location ? root.location.search : "",
        block.getAttribute("data-selected"),
      );
      if (id === shown) return;
      shown = id;
      var view = viewFor(
        variants.find(function (v) {
          return v.id === id;
        }),
      );
      form.hidden = !view.showForm;
      preorder.hidden = !view.showPreorder;
      message.textContent = "";
    }

    function say(result) {
      message.textContent = result.text;
      message.setAttribute("data-kind", result.kind);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      var signup = buildSignup({
        variantId: shown,
        name: data.get("name"),
        phone: data.get("phone"),
        email: data.get("email"),
        consentText: block.querySelector("[data-consent]").textContent.trim(),
        pageUrl: block.getAttribute("data-page-url") || (root.location ? root.location.href : ""),
      });
      if (signup.error) return say({ kind: "error", text: strings[signup.error] });
      button.disabled = true;
      button.textContent = strings.sending;
      fetch(block.getAttribute("data-proxy") + "/waitlist", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(signup.body),
      })
        .then(
          function (res) {
            return res.json().then(
              function (answer) {
                return messageFor(res.status, answer, strings);
              },
              function () {
                return { kind: "error", text: strings.generic };
              },
            );
          },
          function () {
            return { kind: "error", text: strings.network };
          },
        )
        .then(function (result) {
          say(result);
          if (result.kind === "ok") form.reset();
        })
        .finally(function () {
          button.disabled = false;
          button.textContent = strings.submit;
        });
    });

    // Themes switch variants in different ways (change events, history.replaceState, custom events): follow the
    // selected variant by event where one fires and by a light poll otherwise.
    document.addEventListener("change", render);
    document.addEventListener("variant:change", render);
    setInterval(render, 400);
    render();
  }

  var api = {
    parseVariants: parseVariants,
    viewFor: viewFor,
    currentVariantId: currentVariantId,
    buildSignup: buildSignup,
    messageFor: messageFor,
    init: init,
  };
  root.SignalboardNotifyMe = api;
  if (typeof document !== "undefined") {
    var start = function () {
      var blocks = document.querySelectorAll("[data-signalboard-notify]");
      for (var i = 0; i < blocks.length; i++) init(blocks[i]);
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})(typeof window !== "undefined" ? window : globalThis);
