import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { APP_BRIDGE_SCRIPT } from "./app-bridge-script";

/** Runs the script in a minimal embedded-iframe world: a parent admin that answers token requests with "tok-N". */
function embeddedFrame() {
  const posted: { type: string; [key: string]: unknown }[] = [];
  const listeners: ((event: { source: unknown; data: unknown }) => void)[] = [];
  let minted = 0;
  const parent = {
    postMessage(message: { type: string; id?: number }) {
      posted.push(message);
      if (message.type === "standin:id-token-request") {
        const token = `tok-${++minted}`;
        queueMicrotask(() =>
          listeners.forEach((listener) =>
            listener({ source: parent, data: { type: "standin:id-token", id: message.id, token } }),
          ),
        );
      }
    },
  };
  const fetched: { url: string; authorization: string | null }[] = [];
  const link = (href: string, label: string, rel: string | null = null) => ({
    getAttribute: (name: string) => (name === "href" ? href : name === "rel" ? rel : null),
    textContent: label,
  });
  const menu = {
    querySelectorAll: () => [
      link("/?shop=a.myshopify.com", "Home", "home"),
      link("/settings?shop=a.myshopify.com", "Settings"),
    ],
  };
  const window: Record<string, unknown> = {
    parent,
    addEventListener: (type: string, listener: (event: { source: unknown; data: unknown }) => void) =>
      type === "message" && listeners.push(listener),
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      fetched.push({
        url: String(input instanceof Request ? input.url : input),
        authorization: new Headers(init?.headers).get("authorization"),
      });
      return new Response("{}");
    },
  };
  const document = {
    readyState: "complete",
    addEventListener: () => undefined,
    documentElement: {},
    querySelector: (selector: string) =>
      selector.startsWith("meta") ? { getAttribute: () => "the-api-key" } : selector === "ui-nav-menu" ? menu : null,
  };
  const location = new URL("http://app.test/?embedded=1&shop=a.myshopify.com&host=YWRtaW4");
  runInNewContext(APP_BRIDGE_SCRIPT, {
    window,
    document,
    location,
    URL,
    URLSearchParams,
    Headers,
    Request,
    setTimeout,
    MutationObserver: class {
      observe() {}
    },
  });
  const shopify = window.shopify as { config: Record<string, string>; idToken(): Promise<string> };
  return { shopify, fetch: window.fetch as typeof fetch, posted, fetched };
}

describe("the App Bridge stand-in", () => {
  it("exposes shopify.config from the meta tag and the query, and idToken() asks the parent admin", async () => {
    const frame = embeddedFrame();
    expect(frame.shopify.config).toMatchObject({ apiKey: "the-api-key", shop: "a.myshopify.com", host: "YWRtaW4" });
    expect(await frame.shopify.idToken()).toBe("tok-1");
    expect(await frame.shopify.idToken()).toBe("tok-2");
  });

  it("adds a fresh Bearer session token to fetches to the app's own origin only", async () => {
    const frame = embeddedFrame();
    await frame.fetch("/api/things", { headers: { accept: "application/json" } });
    await frame.fetch("https://elsewhere.example/x");
    expect(frame.fetched).toEqual([
      { url: "/api/things", authorization: "Bearer tok-1" },
      { url: "https://elsewhere.example/x", authorization: null },
    ]);
  });

  it("posts the <ui-nav-menu> links to the admin, resolved against the app's URL", () => {
    const frame = embeddedFrame();
    expect(frame.posted.find((m) => m.type === "standin:nav")).toMatchObject({
      links: [
        { href: "http://app.test/?shop=a.myshopify.com", label: "Home", home: true },
        { href: "http://app.test/settings?shop=a.myshopify.com", label: "Settings", home: false },
      ],
    });
  });
});
