import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { connectPostscript } from "@/lib/postscript-connection/connect-postscript";
import { connectPostscriptSchema } from "@/lib/postscript-connection/schemas";
import { createMerchant, createShop, createSupportAgent, sandboxKey } from "@/lib/testing/fixtures";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { checkChosenKeyword } from "./check-chosen-keyword";
import { saveKeywordSchema } from "./keyword-schemas";
import { listShopKeywords, refreshKeywordList } from "./list-shop-keywords";
import { saveKeyword } from "./save-keyword";

const sandbox = sandboxPerFile({ timeoutMs: 500, faults: { down: false } });

async function connectedShop(kind = "") {
  const shop = await createShop();
  const merchant = await createMerchant(shop.id);
  const key = sandboxKey(kind);
  const connected = await runShopAction(merchant, connectPostscriptSchema, connectPostscript, {
    shopId: shop.id,
    apiKey: key,
  });
  expect(connected).toMatchObject({ ok: true, data: { result: "connected" } });
  const save = (keywordId: string, user = merchant, shopId = shop.id) =>
    runShopAction(user, saveKeywordSchema, saveKeyword, { shopId, keywordId });
  return { shop, merchant, key, save };
}

const chosen = async (shopId: string) =>
  prisma.integration.findUnique({
    where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
    select: { keywordId: true, keywordName: true },
  });

describe("selecting a keyword", () => {
  it("lists every keyword in the account, alphabetically, including one added later", async () => {
    const { shop, key } = await connectedShop();
    expect((await listShopKeywords(shop.id)).map((k) => k.keyword)).toEqual(["RESTOCK", "VIP", "WELCOME"]);
    sandbox.state.addKeyword(key, "BACKSOON");
    // The stored list until Refresh: opening the page never calls Postscript.
    expect((await listShopKeywords(shop.id)).map((k) => k.keyword)).toEqual(["RESTOCK", "VIP", "WELCOME"]);
    expect((await listShopKeywords(shop.id, { refresh: true })).map((k) => k.keyword)).toEqual([
      "BACKSOON",
      "RESTOCK",
      "VIP",
      "WELCOME",
    ]);
  });

  it("returns an empty list when the account has no keywords", async () => {
    const { shop } = await connectedShop("nokeywords_");
    expect(await listShopKeywords(shop.id)).toEqual([]);
  });

  it("saves a keyword that exists and reports it present", async () => {
    const { shop, save } = await connectedShop();
    const restock = (await listShopKeywords(shop.id)).find((k) => k.keyword === "RESTOCK")!;
    expect(await save(restock.id)).toEqual({ ok: true, data: { keywordId: restock.id, keyword: "RESTOCK" } });
    expect(await chosen(shop.id)).toEqual({ keywordId: restock.id, keywordName: "RESTOCK" });
    expect(await checkChosenKeyword(shop.id)).toMatchObject({ state: "present", keyword: "RESTOCK" });
  });

  it("refuses a keyword id that is not in Postscript and changes nothing", async () => {
    const { shop, save } = await connectedShop();
    const vip = (await listShopKeywords(shop.id)).find((k) => k.keyword === "VIP")!;
    await save(vip.id);
    expect(await save("kw_does_not_exist")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/does not exist in your Postscript account/),
    });
    expect(await chosen(shop.id)).toEqual({ keywordId: vip.id, keywordName: "VIP" });
  });

  it("shows a keyword deleted in Postscript as a problem once listed, and keeps the last known state through an outage", async () => {
    const { shop, key, save } = await connectedShop();
    const welcome = (await listShopKeywords(shop.id)).find((k) => k.keyword === "WELCOME")!;
    await save(welcome.id);
    sandbox.state.setFaults({ down: true });
    await expect(refreshKeywordList(shop.id)).rejects.toMatchObject({ code: "UPSTREAM" });
    expect(await checkChosenKeyword(shop.id)).toMatchObject({ state: "present", keyword: "WELCOME" });
    sandbox.state.setFaults({ down: false });
    sandbox.state.removeKeyword(key, welcome.id);
    await refreshKeywordList(shop.id);
    expect(await checkChosenKeyword(shop.id)).toMatchObject({ state: "missing", keyword: "WELCOME" });
  });

  it("explains an outage while listing or saving", async () => {
    const { shop, save } = await connectedShop();
    const id = (await listShopKeywords(shop.id))[0]!.id;
    sandbox.state.setFaults({ down: true });
    await expect(listShopKeywords(shop.id, { refresh: true })).rejects.toThrow(/Could not reach Postscript/);
    expect(await save(id)).toMatchObject({ ok: false, code: "UPSTREAM" });
    expect(await chosen(shop.id)).toEqual({ keywordId: null, keywordName: null });
  });

  it("needs a verified key first", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    expect(
      await runShopAction(merchant, saveKeywordSchema, saveKeyword, { shopId: shop.id, keywordId: "kw_x" }),
    ).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: expect.stringMatching(/Connect your Postscript account first/),
    });
    await expect(listShopKeywords(shop.id)).rejects.toThrow(/Connect your Postscript account first/);
  });

  it("refuses another shop's id and a support agent, changing nothing", async () => {
    const mine = await connectedShop();
    const theirs = await connectedShop();
    const id = (await listShopKeywords(theirs.shop.id))[0]!.id;
    expect(await mine.save(id, mine.merchant, theirs.shop.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await theirs.save(id, await createSupportAgent())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await chosen(theirs.shop.id)).toEqual({ keywordId: null, keywordName: null });
  });
});
