import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { addDelivery } from "@/lib/diagnostics/diagnostics-test-fixtures";
import { listDeliveries } from "@/lib/deliveries/list-deliveries";
import { createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { searchLedgerRecipient } from "./search-ledger-recipient";

/** What the support ledger shows for what an agent typed: the rows' masked recipients (its page does exactly this). */
async function ledgerFor(agent: Awaited<ReturnType<typeof createSupportAgent>>, shopId: string, typed: string) {
  const search = await searchLedgerRecipient(agent, shopId, typed);
  if (!search.ok) return search.message;
  return (await listDeliveries(shopId, { recipient: search.recipient, recipientExact: true })).map((r) => r.recipient);
}

describe("the support ledger's recipient filter", () => {
  it("matches a whole phone (any format) or email only, never a part, so masked digits cannot be rebuilt", async () => {
    const shop = await createShop();
    const agent = await createSupportAgent();
    await addDelivery(shop.id, { recipientPhone: "+14155550142" });
    await addDelivery(shop.id, { recipientPhone: null, recipientEmail: "jamie@example.com" });

    expect(await ledgerFor(agent, shop.id, "(415) 555-0142")).toEqual(["+1••••••0142"]);
    expect(await ledgerFor(agent, shop.id, "+1 415 555 0142")).toEqual(["+1••••••0142"]);
    expect(await ledgerFor(agent, shop.id, "JAMIE@example.com")).toEqual(["j•••@example.com"]);
    // The substring searches that rebuilt a number digit by digit find nothing now.
    for (const part of ["41555501", "0142", "555", "+1415"])
      expect(await ledgerFor(agent, shop.id, part)).toEqual(
        expect.stringMatching(/^Enter the customer's whole phone number/),
      );
    expect(await ledgerFor(agent, shop.id, "+14155550143")).toEqual([]);
    expect(await ledgerFor(agent, shop.id, "jamie@example")).toBe(
      "Enter the customer's whole email address (name@example.com).",
    );
    expect(await ledgerFor(agent, shop.id, "amie@example.com")).toEqual([]);
  });

  it("writes every search to the shop's audit log with the agent and the masked value", async () => {
    const shop = await createShop();
    const agent = await createSupportAgent();
    await searchLedgerRecipient(agent, shop.id, "(415) 555-0142");
    await searchLedgerRecipient(agent, shop.id, "0142");
    const entries = await prisma.auditLog.findMany({
      where: { shopId: shop.id, action: "support.ledger_searched" },
      orderBy: { createdAt: "asc" },
    });
    expect(entries).toMatchObject([
      { actorUserId: agent.id, actorType: "SUPPORT_AGENT", metadata: { recipient: "+1••••••0142" } },
      { actorUserId: agent.id, actorType: "SUPPORT_AGENT", metadata: { recipient: "(not a whole phone or email)" } },
    ]);
    expect(JSON.stringify(entries)).not.toContain("4155550142");
  });
});
