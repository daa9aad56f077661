import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { SessionUser } from "@/lib/auth/shop-context";
import { isRecordId } from "@/lib/db/is-record-id";
import { prisma } from "@/lib/db/prisma";
import { maskRecipient } from "@/lib/deliveries/mask-recipient";
import { shopPhoneCountry } from "@/lib/storefront/shop-phone-country";

export type LedgerRecipientSearch = { ok: true; recipient: string } | { ok: false; message: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An agent's recipient filter on a shop's ledger: a whole phone number (any format, read in the shop's country)
 * or a whole email, normalised to what the ledger stores, matched exactly and never as a part (partial searches
 * would rebuild a masked number digit by digit). Each search is written to the shop's audit log with the agent
 * and the masked value; a refused one too, since it still says what the agent was after.
 */
export async function searchLedgerRecipient(
  agent: SessionUser,
  shopId: string,
  raw: string,
): Promise<LedgerRecipientSearch> {
  const shop = isRecordId(shopId)
    ? await prisma.shop.findUnique({ where: { id: shopId }, select: { id: true, timeZone: true, currency: true } })
    : null;
  if (!shop) return { ok: false, message: "Shop not found." };
  const text = raw.trim().slice(0, 254);
  let result: LedgerRecipientSearch;
  if (text.includes("@")) {
    result = EMAIL.test(text)
      ? { ok: true, recipient: text.toLowerCase() }
      : { ok: false, message: "Enter the customer's whole email address (name@example.com)." };
  } else {
    const phone = parsePhoneNumberFromString(text, shopPhoneCountry(shop));
    result = phone?.isPossible()
      ? { ok: true, recipient: phone.number }
      : { ok: false, message: "Enter the customer's whole phone number, such as +1 415 555 2671." };
  }
  const masked = result.ok
    ? result.recipient.includes("@")
      ? maskRecipient(null, result.recipient)
      : maskRecipient(result.recipient, null)
    : "(not a whole phone or email)";
  await prisma.auditLog.create({
    data: {
      shopId: shop.id,
      actorUserId: agent.id,
      actorType: "SUPPORT_AGENT",
      action: "support.ledger_searched",
      metadata: { recipient: masked },
    },
  });
  return result;
}
