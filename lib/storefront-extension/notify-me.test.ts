import { readFileSync } from "node:fs";
import path from "node:path";
import { Script, createContext } from "node:vm";
import { describe, expect, it } from "vitest";

type Api = {
  parseVariants(text: string): { id: string; available: boolean; preorder: boolean }[];
  viewFor(variant: { available: boolean; preorder: boolean } | undefined): { showForm: boolean; showPreorder: boolean };
  currentVariantId(inputValue: string | null | undefined, search: string, fallback: string): string;
  buildSignup(fields: Record<string, unknown>): { body?: Record<string, unknown>; error?: string };
  messageFor(status: number, answer: unknown, strings: Record<string, string>): { kind: string; text: string };
};

const extension = path.join(process.cwd(), "extensions", "signalboard-storefront");

/** The asset exactly as a storefront loads it: a classic script in a page with no framework (here, no DOM at all). */
function load(): Api {
  const context = createContext({});
  new Script(readFileSync(path.join(extension, "assets", "notify-me.js"), "utf8")).runInContext(context);
  return (context as { SignalboardNotifyMe: Api }).SignalboardNotifyMe;
}

const strings = JSON.parse(readFileSync(path.join(extension, "locales", "en.default.json"), "utf8")) as {
  notify: Record<string, string> & { errors: Record<string, string> };
};
const flat = { ...strings.notify, ...strings.notify.errors } as unknown as Record<string, string>;

describe("notify-me.js", () => {
  const api = load();

  it("reads the block's variants, ids as strings, and ignores malformed data", () => {
    expect(
      api.parseVariants(
        '[{"id": 46211000000012, "available": false, "preorder": false}, {"id": "7", "available": true, "preorder": true}, {"title": "x"}]',
      ),
    ).toEqual([
      { id: "46211000000012", available: false, preorder: false },
      { id: "7", available: true, preorder: true },
    ]);
    expect(api.parseVariants("not json")).toEqual([]);
    expect(api.parseVariants('{"id": 1}')).toEqual([]);
  });

  it("shows the form only for a sold-out variant, the Preorder notice only for preorder ones", () => {
    expect(api.viewFor({ available: false, preorder: false })).toEqual({ showForm: true, showPreorder: false });
    expect(api.viewFor({ available: true, preorder: false })).toEqual({ showForm: false, showPreorder: false });
    expect(api.viewFor({ available: true, preorder: true })).toEqual({ showForm: false, showPreorder: true });
    expect(api.viewFor(undefined)).toEqual({ showForm: false, showPreorder: false });
  });

  it("follows the selected variant: product form input, then ?variant=, then the block's default", () => {
    expect(api.currentVariantId("222", "?variant=333", "111")).toBe("222");
    expect(api.currentVariantId("", "?color=blue&variant=333", "111")).toBe("333");
    expect(api.currentVariantId(null, "", "111")).toBe("111");
    expect(api.currentVariantId("abc", "", "111")).toBe("111");
  });

  it("posts SMS consent with the exact disclosure shown and the page, leaving blank fields out", () => {
    const consentText = strings.notify.consent!.replace("{{ shop }}", "Northwind Outfitters");
    expect(
      api.buildSignup({
        variantId: "42",
        name: "  ",
        phone: " +1 415 555 0100 ",
        email: "",
        consentText,
        pageUrl: "https://shop.test/products/x",
      }),
    ).toEqual({
      body: {
        variantId: "42",
        phone: "+1 415 555 0100",
        smsConsent: true,
        consentText,
        pageUrl: "https://shop.test/products/x",
      },
    });
    expect(api.buildSignup({ variantId: "42", phone: "", consentText, pageUrl: "" })).toEqual({
      error: "contact_required",
    });
  });

  it("the disclosure names the purpose, frequency, rates, STOP and HELP", () => {
    for (const part of ["back in stock", "Msg frequency", "Msg & data rates may apply", "STOP", "HELP"])
      expect(strings.notify.consent!).toContain(part);
  });

  it("answers the shopper in their language, with the server's sentence when no string fits", () => {
    expect(api.messageFor(201, { status: "joined", message: "x" }, flat)).toEqual({ kind: "ok", text: flat.joined });
    expect(api.messageFor(200, { status: "already_waiting" }, flat)).toEqual({
      kind: "ok",
      text: flat.already_waiting,
    });
    expect(
      api.messageFor(400, { status: "error", code: "BAD_REQUEST", field: "phone", message: "Bad phone" }, flat),
    ).toEqual({ kind: "error", text: flat.phone_invalid });
    expect(api.messageFor(429, { status: "error", code: "RATE_LIMITED", message: "slow" }, flat)).toEqual({
      kind: "error",
      text: flat.rate_limited,
    });
    expect(
      api.messageFor(404, { status: "error", code: "NOT_FOUND", message: "That product isn't available." }, flat),
    ).toEqual({ kind: "error", text: "That product isn't available." });
    expect(api.messageFor(500, null, flat)).toEqual({ kind: "error", text: flat.generic });
  });

  it("every locale has every string the block uses", () => {
    const keys = (o: Record<string, unknown>, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    const en = keys(strings as unknown as Record<string, unknown>).sort();
    const fr = keys(JSON.parse(readFileSync(path.join(extension, "locales", "fr.json"), "utf8"))).sort();
    expect(fr).toEqual(en);
    const liquid = readFileSync(path.join(extension, "blocks", "notify-me.liquid"), "utf8");
    for (const used of liquid.matchAll(/'([a-z_.]+)' \| t/g)) expect(en).toContain(used[1]);
  });
});
