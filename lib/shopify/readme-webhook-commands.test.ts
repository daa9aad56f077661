import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/shopify/route";
import { prisma } from "@/lib/db/prisma";
import { seedDemoCatalog } from "@/lib/db/seed-demo-catalog";
import { createShop } from "@/lib/testing/fixtures";
import { buildScenario, parsePlayCommand } from "./play-webhooks";
import { waitForWebhook } from "./webhook-test-helpers";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** Every `npm run webhooks -- …` command and every scenario the README lists by name, as written there. */
function readmeCommands(): string[][] {
  const written = [...README.matchAll(/npm run webhooks -- ([^\n`]+)/g)].map((m) => m[1]!.trim().split(/\s+/));
  const listed = /Other scenarios[^:`]*: ((?:`[^`]+`(?:, )?)+)/.exec(README)?.[1] ?? "";
  const named = [...listed.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.split(/\s+/));
  return [...written, ...named];
}

describe("the README's webhook commands", () => {
  it("lists the restock command and the other scenarios", () => {
    const scenarios = readmeCommands().map((argv) => parsePlayCommand(argv).scenario);
    expect(scenarios).toEqual(
      expect.arrayContaining(["restock", "sellout", "order", "preorder", "redeliver", "product-update", "uninstall"]),
    );
  });

  // Commands a second apart (see below) plus their processing: about 25 s on a loaded 2-core machine.
  it(
    "each works exactly as written: accepted by the app and processed without an error",
    { timeout: 90_000 },
    async () => {
      const shop = await createShop();
      await seedDemoCatalog(prisma, shop.id);
      // uninstall ends the shop's webhooks, so it goes last whatever the README's order.
      const commands = readmeCommands().sort(
        (a, b) => Number(a.includes("uninstall")) - Number(b.includes("uninstall")),
      );
      for (const argv of commands) {
        // Shopify's bodies carry a one-second timestamp, and the same body under a new event id is a replay by
        // design: two commands that set the same stock (restock 5, redeliver 5) are a second apart, as in life.
        await new Promise((resolve) => setTimeout(resolve, 1_050));
        const { scenario, args } = parsePlayCommand(argv);
        // Only the shop differs from the README: this test's own shop rather than the demo's domain.
        const webhooks = buildScenario(scenario!, args, { shop: shop.domain, secret: process.env.SHOPIFY_API_SECRET! });
        for (const webhook of webhooks) {
          const response = await POST(
            new Request("http://app.test/api/webhooks/shopify", {
              method: "POST",
              headers: webhook.headers,
              body: webhook.body,
            }),
          );
          expect(response.status, `${argv.join(" ")}: ${await response.clone().text()}`).toBe(200);
        }
        const row = await waitForWebhook(webhooks[0]!.eventId);
        expect(row.error, argv.join(" ")).toBeNull();
      }
    },
  );
});
