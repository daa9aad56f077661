import { z } from "zod";
import { getBackInStockSettings } from "@/lib/restock/get-back-in-stock-settings";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { Prisma, type SyncStatus, type WaitlistEntry } from "@/lib/generated/prisma/client";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";
import { missingFromDisclosure } from "./consent-disclosure";
import { typedPhoneToE164 } from "./typed-phone-to-e164";
import { shopPhoneCountry } from "./shop-phone-country";
import { waitlistSignupSchema } from "./waitlist-signup-schema";
import { throttleWaitlistSignup } from "./waitlist-throttle";
import { requestReportsRollUp } from "@/lib/reports/request-reports-roll-up";

/** The shop a signup is for, as resolved from the verified app-proxy `shop` parameter. */
export type WaitlistShop = { id: string; domain: string; timeZone: string; currency: string };

export type JoinWaitlistResult = {
  /** "joined" for a new entry (or one that had left the list), "already_waiting" when it was already waiting. */
  outcome: "joined" | "already_waiting";
  entryId: string;
  postscriptSync: SyncStatus;
  /** For the shopper. */
  message: string;
};

const emailSchema = z.email();

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

function badRequest(field: string, message: string): AppError {
  return new AppError("BAD_REQUEST", message, { [field]: message });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

type EntryWrite = {
  shopId: string;
  variantId: string;
  customerKey: string;
  phone?: string;
  email?: string;
  name?: string;
  shopifyCustomerId?: string;
  wantsSync: boolean;
};

/**
 * Creates or updates the one entry of this customer for this variant. An email-only entry that now gains a phone
 * is the same customer: it is re-keyed on the phone instead of becoming a second entry (and a second alert).
 */
async function saveEntry(
  write: EntryWrite,
): Promise<{ entry: WaitlistEntry; wasWaiting: boolean; changed: boolean; syncRequested: boolean }> {
  const keys = [...new Set([write.phone, write.email].filter((key): key is string => Boolean(key)))];
  return prisma.$transaction(async (tx) => {
    const existing = await tx.waitlistEntry.findMany({
      where: { shopId: write.shopId, variantId: write.variantId, customerKey: { in: keys } },
    });
    const current = existing.find((entry) => entry.customerKey === write.customerKey) ?? existing[0];
    if (!current) {
      const entry = await tx.waitlistEntry.create({
        data: {
          shopId: write.shopId,
          variantId: write.variantId,
          customerKey: write.customerKey,
          phone: write.phone ?? null,
          email: write.email ?? null,
          name: write.name ?? null,
          shopifyCustomerId: write.shopifyCustomerId ?? null,
          postscriptSync: write.wantsSync ? "PENDING" : "NOT_NEEDED",
        },
      });
      return { entry, wasWaiting: false, changed: true, syncRequested: write.wantsSync };
    }
    const next = {
      customerKey: write.customerKey,
      phone: write.phone ?? current.phone,
      email: write.email ?? current.email,
      name: write.name ?? current.name,
    };
    const changed = next.phone !== current.phone || next.email !== current.email || next.name !== current.name;
    // Postscript already has this subscriber as given: only a change, or an earlier sync that did not land, is sent.
    const syncRequested =
      write.wantsSync && (changed || current.postscriptSync !== "SYNCED" || current.status !== "WAITING");
    const entry = await tx.waitlistEntry.update({
      where: { id: current.id },
      data: {
        ...next,
        // Not a detail the shopper typed: kept from an earlier logged-in signup, never shown as "updated".
        shopifyCustomerId: write.shopifyCustomerId ?? current.shopifyCustomerId,
        status: "WAITING",
        ...(syncRequested ? { postscriptSync: "PENDING", postscriptSyncError: null, postscriptSyncAttempts: 0 } : {}),
      },
    });
    return { entry, wasWaiting: current.status === "WAITING", changed, syncRequested };
  });
}

/**
 * A storefront shopper joins the waitlist of a sold-out variant. Checks, in order, each failing with an
 * AppError whose message the shopper can read and changing nothing: the body's fields (400), a phone or email
 * (400), the phone normalised to E.164 in the shop's country (400), the email (400), the variant (404), that it
 * is still sold out (409), SMS consent with a complete disclosure when there is a phone (400), the flood limits (429, TooManySignupsError). Then the one entry per customer and
 * variant is saved — before any Postscript call, so a signup is never lost — and, when Postscript is the shop's
 * provider and there is a phone, the subscriber sync is queued (`subscriberSyncRequested`).
 */
export async function joinWaitlist(
  shop: WaitlistShop,
  payload: unknown,
  clientAddress: string,
  /** The Referer the request came with: the consent's page when the signup does not name one. */
  referer?: string | null,
  /** The logged-in Shopify customer the verified app proxy named, if any (the reports match their orders by it). */
  shopifyCustomerId?: string | null,
): Promise<JoinWaitlistResult> {
  const parsed = waitlistSignupSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badRequest(String(issue.path[0] ?? "body"), issue.message);
  }
  const signup = parsed.data;

  if (!signup.phone && !signup.email) {
    throw badRequest("contact", "Enter a phone number or an email address so we can tell you when it's back.");
  }
  const country = shopPhoneCountry(shop);
  let phone: string | undefined;
  if (signup.phone) {
    phone = typedPhoneToE164(signup.phone, country) ?? undefined;
    if (!phone) {
      throw badRequest(
        "phone",
        `That phone number doesn't look right. Check it, and include the country code (like +44) if it isn't a ${regionNames.of(country) ?? country} number.`,
      );
    }
  }
  let email: string | undefined;
  if (signup.email) {
    const checked = emailSchema.safeParse(signup.email);
    if (!checked.success) throw badRequest("email", "That email address doesn't look right. Check it and try again.");
    email = checked.data.toLowerCase();
  }
  if (phone) {
    // No consent, no SMS: a phone is only stored with the disclosure the shopper agreed to.
    if (signup.smsConsent !== true) {
      throw badRequest(
        "smsConsent",
        "Tick the box to agree to receive texts about this item, or leave only your email.",
      );
    }
    const missing = signup.consentText ? missingFromDisclosure(signup.consentText) : "the disclosure text itself";
    if (missing) {
      throw badRequest(
        "consentText",
        `This signup form's text consent is incomplete (it must state ${missing}). Please tell the store.`,
      );
    }
  }

  const variant = await prisma.variant.findFirst({
    where: {
      shopId: shop.id,
      shopifyVariantId: { in: [signup.variantId, `gid://shopify/ProductVariant/${signup.variantId}`] },
      product: { published: true },
    },
    select: { id: true, available: true },
  });
  if (!variant)
    throw new AppError("NOT_FOUND", "We couldn't find that product option. Refresh the page and try again.");

  const { threshold } = await getBackInStockSettings(shop.id);
  if (variant.available > threshold) {
    throw new AppError("CONFLICT", "Good news: this is in stock — you can buy it now.");
  }

  const customerKey = phone ?? email!;
  // Counted only for signups that would be stored (and may text an opt-in): refusals above change nothing.
  await throttleWaitlistSignup(clientAddress, shop.id, customerKey);

  const { provider } = await getSmsSettings(shop.id);
  const write: EntryWrite = {
    shopId: shop.id,
    variantId: variant.id,
    customerKey,
    phone,
    email,
    name: signup.name,
    shopifyCustomerId: shopifyCustomerId ?? undefined,
    wantsSync: provider === "POSTSCRIPT" && Boolean(phone),
  };
  let saved;
  try {
    saved = await saveEntry(write);
  } catch (error) {
    // Two submits of the same signup at once: the loser finds the winner's row and updates it.
    if (!isUniqueViolation(error)) throw error;
    saved = await saveEntry(write);
  }
  const { entry, wasWaiting, changed, syncRequested } = saved;

  if (phone) {
    await prisma.smsSignupConsent.create({
      data: {
        shopId: shop.id,
        phone,
        consentText: signup.consentText!,
        ipAddress: clientAddress,
        pageUrl: signup.pageUrl ?? referer?.slice(0, 2_000) ?? null,
      },
    });
  }

  if (syncRequested) {
    try {
      await sendJobEvent("subscriberSyncRequested", { waitlistEntryId: entry.id });
    } catch (error) {
      // The entry is saved as PENDING; the sweeper (retryPendingSubscriberSyncs) sends it when Inngest is back.
      console.error(
        `[waitlist] could not queue the Postscript sync of entry ${entry.id}:`,
        error instanceof Error ? error.message : error,
      );
    }
  }

  requestReportsRollUp();
  const confirm = syncRequested ? " If we text you to confirm, reply Y." : "";
  return {
    outcome: wasWaiting ? "already_waiting" : "joined",
    entryId: entry.id,
    postscriptSync: entry.postscriptSync,
    message: wasWaiting
      ? `You're already on the waitlist for this item${changed ? " — we've updated your details" : ""}.${confirm}`
      : `You're on the waitlist! We'll let you know as soon as it's back in stock.${confirm}`,
  };
}
