import { expect, test } from "@playwright/test";
import { DEMO_MERCHANT, DEMO_SHOPS } from "../lib/db/seed-demo";
import { DEMO_LOGINS, pasteKey, query, shopId, signIn, signInSupportAgent } from "./support/app";

test("another merchant can neither open a shop's pages nor act on it", async ({ browser }) => {
  const acme = await shopId(DEMO_SHOPS.acmeGoods.domain);

  // Omar, the owner of Acme, triggers a real server action so we can replay it as Maya.
  const omar = await browser.newPage();
  await signIn(omar, DEMO_LOGINS.omar);
  await omar.goto(`/shops/${acme}/postscript`);
  const actionRequest = omar.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await pasteKey(omar, "sk_live_wrong_for_replay_0000");
  const captured = await actionRequest;
  await expect(omar.getByText(/^Invalid Postscript API key\./)).toBeVisible();

  const maya = await browser.newPage();
  await signIn(maya, DEMO_LOGINS.maya);
  for (const path of ["", "/postscript", "/activity", "/settings"]) {
    const response = await maya.goto(`/shops/${acme}${path}`);
    expect(response?.status()).toBe(404);
    await expect(maya.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(maya.getByText("Acme Goods")).toHaveCount(0);
  }

  // Maya replays Omar's action with her own session and a key that would verify: refused, nothing stored.
  const body = captured.postData()!.replace("sk_live_wrong_for_replay_0000", "sk_sandbox_replayed_by_maya_1");
  const replay = await maya.request.post(captured.url(), {
    headers: {
      "next-action": captured.headers()["next-action"]!,
      "content-type": captured.headers()["content-type"]!,
      accept: "text/x-component",
    },
    data: body,
  });
  expect(await replay.text()).toContain("NOT_FOUND");
  expect(await query(`SELECT 1 FROM "Integration" WHERE provider = 'POSTSCRIPT' AND "shopId" = $1`, [acme])).toEqual(
    [],
  );
  expect(
    await query(
      `SELECT 1 FROM "AuditLog" WHERE "shopId" = $1 AND "actorUserId" = (SELECT id FROM "User" WHERE email = $2)`,
      [acme, DEMO_MERCHANT.email],
    ),
  ).toEqual([]);
});

test("a merchant with two shops switches between them", async ({ page }) => {
  await signIn(page, DEMO_LOGINS.maya);
  await page.getByRole("combobox", { name: "Switch shop" }).click();
  await page.getByRole("option", { name: /Northwind Outlet/ }).click();
  await expect(page.getByText("Free plan")).toBeVisible();
  expect(page.url()).toContain(await shopId(DEMO_SHOPS.northwindOutlet.domain));
});

test("only support agents reach the Support area, and they cannot change a shop", async ({ page, browser }) => {
  await signIn(page, DEMO_LOGINS.maya);
  expect((await page.goto("/support"))?.status()).toBe(404);

  const agent = await browser.newPage();
  await signInSupportAgent(agent);
  await expect(agent).toHaveURL(/\/support$/);
  await agent.getByLabel("Search shops").fill("acme");
  await agent.getByRole("button", { name: "Search" }).click();
  await agent.getByRole("link", { name: /Acme Goods/ }).click();
  await agent.getByRole("link", { name: "Open merchant dashboard (read-only) →" }).click();
  await expect(
    agent.getByText("You are viewing this shop as a support agent. Everything here is read-only."),
  ).toBeVisible();
  await agent.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Postscript setup" }).click();
  await expect(agent.getByText("Read-only: only the shop's staff can change the Postscript connection.")).toBeVisible();
  await expect(agent.getByRole("button", { name: "Save & verify" })).toHaveCount(0);
});

test("signing out ends the session, and a copy of the session cookie stops working too", async ({ page, browser }) => {
  await signIn(page, DEMO_LOGINS.maya);
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);

  // Someone who had copied the cookie before the sign-out (its JWT is still within its lifetime) is refused.
  const replay = await browser.newContext();
  await replay.addCookies(copied);
  const stolen = await replay.newPage();
  await stolen.goto("/");
  await expect(stolen).toHaveURL(/\/sign-in/);
  await replay.close();
});
