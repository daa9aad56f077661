import { prisma } from "@/lib/db/prisma";
import { maskRecipient } from "@/lib/deliveries/mask-recipient";
import { AppError } from "@/lib/errors/app-error";
import { e164PhoneSchema } from "@/lib/postscript/e164-phone-schema";
import { findEvent } from "@/lib/setup/event-catalog";
import { getFlowRows, type FlowRowView } from "@/lib/setup/get-flow-rows";
import { typedPhoneToE164 } from "@/lib/storefront/typed-phone-to-e164";
import { shopPhoneCountry } from "@/lib/storefront/shop-phone-country";
import { flowFixHref } from "./flow-fix-href";
import { formatShopTime } from "@/lib/format/format-shop-time";
import { loadDiagnosticsContext } from "./load-diagnostics-context";
import { listSendingPauses } from "@/lib/deliveries/list-sending-pauses";
import { postscriptPauseReason } from "./postscript-pause-reason";

export type TimelineTone = "ok" | "info" | "warning" | "problem";

export type TimelineEntry = { at: string; title: string; detail: string; tone: TimelineTone };

/** Where the chain of events for the person stopped, and what to do about it. */
export type ChainStop = { title: string; detail: string; fix: string; fixHref?: string; tone: "warning" | "problem" };

export type PersonTimeline = {
  /** What was looked up, masked (the timeline never repeats a full phone or email). */
  who: string;
  kind: "phone" | "email";
  entries: TimelineEntry[];
  /** The first reason the latest chain (signup → restock → alert, or order → event) stopped; null if it did not. */
  stop: ChainStop | null;
  /** One line for the top of the answer. */
  summary: string;
  /** The shop's, for writing the entries' moments. */
  timeZone: string;
};

const MAX_ROWS = 200;
/** A subscriber sync still pending after this long is stuck, not in flight. */
const STUCK_SYNC_MS = 15 * 60_000;
/** Postscript texts the opt-in request at once; silence for longer than this means no reply yet. */
const OPT_IN_GRACE_MS = 30 * 60_000;

type Lookup = { kind: "phone"; phone: string } | { kind: "email"; email: string };

/** Reads what was typed as an email (contains @) or a phone number in the shop's country; refuses anything else. */
function parseLookup(raw: string, shop: { timeZone: string; currency: string }): Lookup {
  const text = raw.trim();
  if (text.includes("@")) {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) || text.length > 254) {
      throw new AppError("BAD_REQUEST", "That email address does not look complete (name@example.com).", {
        query: "Enter a full email address.",
      });
    }
    return { kind: "email", email: text.toLowerCase() };
  }
  // A number already in E.164 is looked up as written: it is how the ledger stores it, and Activity shows it so
  // (even numbers the storefront's stricter signup check would not accept, such as 555-01xx test numbers).
  const exact = e164PhoneSchema.safeParse(text.replace(/[\s().-]/g, ""));
  const phone = exact.success ? exact.data : typedPhoneToE164(text, shopPhoneCountry(shop));
  if (!phone) {
    throw new AppError("BAD_REQUEST", "Enter a full phone number (for example +1 415 555 2671) or an email address.", {
      query: "Enter a full phone number or an email address.",
    });
  }
  return { kind: "phone", phone };
}

type DeliveryRow = {
  id: string;
  eventType: string;
  provider: string;
  status: string;
  attempts: number;
  error: string | null;
  skipReason: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
  waitlistEntryId: string | null;
  restockId: string | null;
  orderId: string | null;
  recipientPhone: string | null;
};

function eventName(type: string): string {
  const event = findEvent(type);
  return event ? `${event.displayName} (${type})` : type;
}

/** Postscript's event id from a delivered row's stored answer, when it has one. */
function postscriptEventId(body: string | null): string | null {
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as { event_ids?: unknown };
    return Array.isArray(parsed.event_ids) && typeof parsed.event_ids[0] === "string" ? parsed.event_ids[0] : null;
  } catch {
    return null;
  }
}

/**
 * "Why didn't this customer get a text?": everything Signalboard knows about one phone or email in a shop —
 * waitlist signups and their Postscript sync, restocks of what they wait for, orders and editing sessions, and
 * every event sent or skipped for them with Postscript's answer — oldest first, plus the first reason the most
 * recent chain stopped, with the opt-ins and opt-outs Postscript's webhooks reported. What happens inside
 * Postscript beyond that (matching, flow activity) cannot be seen and is said so. Null when the shop does not exist.
 */
export async function getPersonTimeline(shopId: string, query: string): Promise<PersonTimeline | null> {
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { timeZone: true, currency: true } });
  if (!shop) return null;
  const timeZone = shop.timeZone;
  const lookup = parseLookup(query, shop);
  const who = lookup.kind === "phone" ? maskRecipient(lookup.phone, null) : maskRecipient(null, lookup.email);
  const person =
    lookup.kind === "phone"
      ? { phone: lookup.phone }
      : { email: { equals: lookup.email, mode: "insensitive" as const } };
  const recipient =
    lookup.kind === "phone"
      ? { recipientPhone: lookup.phone }
      : { recipientEmail: { equals: lookup.email, mode: "insensitive" as const } };

  const [entries, orders, deliveries, ctx] = await Promise.all([
    prisma.waitlistEntry.findMany({
      where: { shopId, ...person },
      orderBy: { createdAt: "asc" },
      take: MAX_ROWS,
      include: {
        variant: { select: { id: true, title: true, available: true, product: { select: { title: true } } } },
      },
    }),
    prisma.order.findMany({
      where: { shopId, ...person },
      orderBy: { createdAt: "asc" },
      take: MAX_ROWS,
      select: {
        id: true,
        name: true,
        createdAt: true,
        placedAt: true,
        edits: { select: { status: true, startedAt: true, savedAt: true, abandonedAt: true } },
      },
    }),
    prisma.delivery.findMany({
      where: { shopId, ...recipient },
      orderBy: { createdAt: "asc" },
      take: MAX_ROWS,
      select: {
        id: true,
        eventType: true,
        provider: true,
        status: true,
        attempts: true,
        error: true,
        skipReason: true,
        responseStatus: true,
        responseBody: true,
        createdAt: true,
        deliveredAt: true,
        nextAttemptAt: true,
        waitlistEntryId: true,
        restockId: true,
        orderId: true,
        recipientPhone: true,
      },
    }),
    loadDiagnosticsContext(shopId, { live: false }),
  ]);
  const pauses = await listSendingPauses(shopId, { days: 30, take: MAX_ROWS });
  const restocks = entries.length
    ? await prisma.restock.findMany({
        where: {
          shopId,
          variantId: { in: [...new Set(entries.map((e) => e.variantId))] },
          createdAt: { gte: entries[0]!.createdAt },
        },
        orderBy: { createdAt: "asc" },
        take: MAX_ROWS,
      })
    : [];
  const phones =
    lookup.kind === "phone" ? [lookup.phone] : [...new Set(entries.flatMap((e) => (e.phone ? [e.phone] : [])))];
  const [consents, hooks, smsConsents, smsOptOuts, smsMessages] = await Promise.all([
    prisma.subscriberConsent.findMany({ where: { shopId, phone: { in: phones } } }),
    prisma.integration.findUnique({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      select: { webhookIds: true },
    }),
    prisma.smsSignupConsent.findMany({
      where: { shopId, phone: { in: phones } },
      orderBy: { consentedAt: "asc" },
      take: MAX_ROWS,
    }),
    prisma.smsOptOut.findMany({ where: { shopId, phone: { in: phones } } }),
    prisma.smsMessage.findMany({
      where: { shopId, toPhone: { in: phones } },
      orderBy: { createdAt: "asc" },
      take: MAX_ROWS,
    }),
  ]);
  const consentByPhone = new Map(consents.map((c) => [c.phone, c]));
  // Without the webhooks there is no evidence either way, so silence must not read as "never replied".
  const hearsOptIns = Boolean(hooks?.webhookIds.length);
  const optedInBy = (phone: string | null, at: Date) => {
    const c = phone ? consentByPhone.get(phone) : undefined;
    return Boolean(
      c?.optedInAt && c.optedInAt <= at && !(c.optedOutAt && c.optedOutAt > c.optedInAt && c.optedOutAt <= at),
    );
  };
  const types = [...new Set(deliveries.map((d) => d.eventType))];
  const flows = new Map<string, FlowRowView>((await getFlowRows(shopId, types)).map((f) => [f.type, f]));
  // A key's circuit open right now holds Postscript sends just like a configuration problem does.
  const circuitPause = pauses.find((p) => p.provider === "POSTSCRIPT" && !p.resumedAt)?.reason ?? null;
  const pause = (ctx ? postscriptPauseReason(ctx) : null) ?? circuitPause;
  const base = `/shops/${shopId}`;
  const now = Date.now();

  const timeline: TimelineEntry[] = [];
  const add = (at: Date, title: string, detail: string, tone: TimelineTone) =>
    timeline.push({ at: at.toISOString(), title, detail, tone });

  for (const e of entries) {
    const what = `${e.variant.product.title} – ${e.variant.title}`;
    add(
      e.createdAt,
      "Joined a waitlist",
      `Signed up (${e.channel}) for ${what}${e.phone ? "" : " with an email only"}.`,
      "info",
    );
    const sync = {
      SYNCED: [
        "Added to Postscript",
        "Added as a subscriber with the shop's keyword; Postscript then texts them to reply Y.",
        "ok",
      ],
      FAILED: ["Could not be added to Postscript", e.postscriptSyncError ?? "The subscriber sync failed.", "problem"],
      PENDING: [
        "Being added to Postscript",
        e.postscriptSyncError ? `Retrying: ${e.postscriptSyncError}` : "The subscriber sync has not finished yet.",
        "warning",
      ],
      NOT_NEEDED: [
        "Not added to Postscript",
        e.phone
          ? "Postscript was not the SMS provider when they signed up, so no subscriber was created."
          : "Postscript subscribers need a phone number.",
        "info",
      ],
    } as const;
    const [title, detail, tone] = sync[e.postscriptSync];
    // The sync follows the signup at once; no separate time is kept for it (updatedAt moves with later changes).
    add(e.createdAt, title, detail, tone);
    if (e.status === "PURCHASED")
      add(e.updatedAt, "Bought the variant", `They bought ${what}, so no more alerts go out for it.`, "info");
    if (e.status === "REMOVED") add(e.updatedAt, "Left the waitlist", `They no longer wait for ${what}.`, "info");
  }
  for (const c of consents) {
    if (c.optedInAt)
      add(
        c.optedInAt,
        "Replied Y: opted in to Postscript texts",
        "Postscript reported the opt-in; it can now text them.",
        "ok",
      );
    if (c.optedOutAt)
      add(
        c.optedOutAt,
        "Opted out of Postscript texts",
        "Postscript reported a STOP: it will not text this number, and Signalboard skips Postscript events for it.",
        "problem",
      );
  }
  for (const c of smsConsents) {
    add(
      c.consentedAt,
      "Agreed to receive texts",
      `Ticked the SMS consent at signup${c.pageUrl ? ` on ${c.pageUrl}` : ""}, shown: “${c.consentText}”`,
      "ok",
    );
  }
  for (const o of smsOptOuts) {
    add(
      o.optedOutAt,
      `Replied ${o.keyword}: opted out of this shop's texts`,
      "Built-in SMS never texts this number again unless they reply START; texts waiting for it were skipped.",
      "problem",
    );
    if (o.optedInAt)
      add(o.optedInAt, "Replied START: opted back in to texts", "Built-in SMS may text this number again.", "ok");
  }
  for (const m of smsMessages) {
    const receipt = {
      delivered: ["Text delivered to the phone", "The carrier confirmed the text reached the handset.", "ok"],
      undelivered: [
        "Text not delivered",
        `The carrier could not deliver it: ${m.errorMessage ?? "no reason given"}.`,
        "problem",
      ],
      failed: ["Text failed", `Twilio could not send it: ${m.errorMessage ?? "no reason given"}.`, "problem"],
    } as const;
    const [title, detail, tone] = receipt[m.status as keyof typeof receipt] ?? [
      "Text sent, waiting for the carrier's receipt",
      `Twilio's status: ${m.status}.`,
      "info",
    ];
    add(m.statusAt, title, `${detail} (${m.segments} segment${m.segments === 1 ? "" : "s"}, ${m.encoding})`, tone);
  }
  const variantTitle = new Map(entries.map((e) => [e.variantId, `${e.variant.product.title} – ${e.variant.title}`]));
  for (const r of restocks) {
    add(
      r.createdAt,
      r.trigger === "MANUAL" ? "Sent to the waitlist by hand" : "Variant restocked",
      `${variantTitle.get(r.variantId) ?? "The variant"}: ${r.available} in stock; ${r.plannedAt ? `${r.planned} alert${r.planned === 1 ? "" : "s"} planned` : "alerts not planned yet"}.`,
      "info",
    );
  }
  for (const o of orders) {
    add(o.placedAt ?? o.createdAt, `Placed order ${o.name}`, "Shopify sent the order.", "info");
    for (const edit of o.edits) {
      add(edit.startedAt, `Started editing ${o.name}`, "Opened the order-editing portal.", "info");
      if (edit.savedAt) add(edit.savedAt, `Saved changes to ${o.name}`, "The edit was saved.", "info");
      if (edit.abandonedAt)
        add(edit.abandonedAt, `Left ${o.name} without saving`, "The editing session was abandoned.", "info");
    }
  }
  // Pauses matter to this person only while they had something on its way.
  const firstDelivery = deliveries[0]?.createdAt.getTime() ?? Infinity;
  for (const p of pauses) {
    if (new Date(p.resumedAt ?? Date.now()).getTime() < firstDelivery) continue;
    add(new Date(p.pausedAt), `Sending through ${p.provider.toLowerCase()} paused`, p.reason, "warning");
    if (p.resumedAt)
      add(
        new Date(p.resumedAt),
        `Sending through ${p.provider.toLowerCase()} resumed`,
        "The provider answered again; waiting events went out from there.",
        "info",
      );
  }
  for (const d of deliveries) {
    const name = eventName(d.eventType);
    const via = d.provider === "POSTSCRIPT" ? "Postscript" : d.provider === "KLAVIYO" ? "Klaviyo" : "built-in SMS";
    if (d.status === "DELIVERED") {
      const id = postscriptEventId(d.responseBody);
      add(
        d.deliveredAt ?? d.createdAt,
        `${name} delivered to ${via}`,
        `Accepted${id ? ` as ${id}` : ""} after ${d.attempts} attempt${d.attempts === 1 ? "" : "s"}.`,
        "ok",
      );
    } else if (d.status === "UNCONFIRMED") {
      add(
        d.deliveredAt ?? d.createdAt,
        `${name} sent to ${via}, unconfirmed`,
        d.error ?? "The request left but no answer came.",
        "warning",
      );
    } else if (d.status === "SKIPPED") {
      add(d.createdAt, `${name} skipped`, `Not sent: ${d.skipReason ?? "no reason recorded"}.`, "warning");
    } else if (d.status === "FAILED") {
      add(
        d.createdAt,
        `${name} failed`,
        `${via} refused it after ${d.attempts} attempt${d.attempts === 1 ? "" : "s"}: ${d.error ?? "no answer recorded"}.`,
        "problem",
      );
    } else {
      const when =
        d.nextAttemptAt && d.nextAttemptAt.getTime() > now
          ? ` Next attempt ${formatShopTime(d.nextAttemptAt, timeZone)}.`
          : "";
      add(
        d.createdAt,
        `${name} waiting to be sent`,
        `${d.status === "RETRYING" ? `Retrying: ${d.error ?? "a passing error"}.` : "Queued."}${d.provider === "POSTSCRIPT" && pause ? ` Held because ${pause}.` : ""}${when}`,
        "warning",
      );
    }
  }
  timeline.sort((a, b) => a.at.localeCompare(b.at));

  // The chain the customer is most likely asking about: the latest signup or event.
  const stop = findStop();
  const summary =
    timeline.length === 0
      ? `Signalboard has no record of ${who} in this shop.`
      : stop
        ? `${stop.title}.`
        : "Every step on Signalboard's side went through.";
  return { who, kind: lookup.kind, entries: timeline, stop, summary, timeZone };

  function deliveryStop(d: DeliveryRow): ChainStop | null {
    const name = eventName(d.eventType);
    if (d.status === "SKIPPED") {
      const notSelected = d.skipReason?.includes("upsell strategy");
      return {
        title: `${name} was skipped`,
        detail: `Signalboard did not send it: ${d.skipReason ?? "no reason recorded"}.`,
        fix: notSelected
          ? "Open the upsell strategy, expand Advanced settings, select Postscript and save."
          : d.skipReason?.includes("no phone and no email")
            ? "The customer had no phone and no email on the order; there is no one to send it to."
            : "This was intended: the reason above says why it was not needed any more.",
        fixHref: notSelected ? `${base}/upsells` : undefined,
        tone: "warning",
      };
    }
    if (d.status === "UNCONFIRMED") {
      return {
        title: `${name} is unconfirmed`,
        detail: `${d.error ?? "The request left but no answer came."} Whether the customer got it is unknown.`,
        fix: "Check in Postscript whether the event arrived; if it did not, resend it from Activity (the customer may get it twice).",
        fixHref: `${base}/activity?status=UNCONFIRMED`,
        tone: "problem",
      };
    }
    if (d.status === "FAILED") {
      return {
        title: `${name} failed`,
        detail: `It was refused after ${d.attempts} attempt${d.attempts === 1 ? "" : "s"}: ${d.error ?? "no answer recorded"}.`,
        fix: "Fix the cause shown, then ask Signalboard support to replay it (a failed event can be replayed; a delivered one is never re-sent).",
        fixHref: `${base}/activity?status=FAILED`,
        tone: "problem",
      };
    }
    if (d.status === "PENDING" || d.status === "RETRYING" || d.status === "SENDING") {
      const held = d.provider === "POSTSCRIPT" ? pause : null;
      return {
        title: held
          ? held === circuitPause
            ? `${name} is paused`
            : `${name} is held`
          : `${name} has not been sent yet`,
        detail:
          held === circuitPause && held
            ? `${held} Nothing is lost: it goes out once the provider answers again.`
            : held
              ? `It is waiting because ${held}. Nothing is lost: it goes out once that is fixed.`
              : d.nextAttemptAt && d.nextAttemptAt.getTime() > now
                ? `It is scheduled for ${formatShopTime(d.nextAttemptAt, timeZone)}${d.status === "RETRYING" ? ` (retrying after: ${d.error ?? "a passing error"})` : ""}.`
                : "It is in the queue and goes out at the key's pace.",
        fix:
          held && held !== circuitPause
            ? "Fix the Postscript connection in Postscript setup step 2."
            : "Nothing to do: wait for it to be sent.",
        fixHref: held && held !== circuitPause ? `${base}/postscript#step-connect` : undefined,
        tone: held ? "problem" : "warning",
      };
    }
    // Delivered: the rest happens inside Postscript.
    if (d.provider === "POSTSCRIPT") {
      const flow = flows.get(d.eventType);
      if (flow && !flow.done) {
        return {
          title: `No confirmed flow for ${d.eventType}`,
          detail: `Postscript accepted the event, but ${flow.testAccepted ? "no flow was confirmed for it" : "no test event was ever sent for it, so its trigger may not exist"}. A flow runs only when its trigger is exactly ${d.eventType}.`,
          fix: "Send the test event, create an active flow triggered by exactly that event name in Postscript, then click I've created the Flow.",
          fixHref: flowFixHref(base, d.eventType),
          tone: "problem",
        };
      }
      const entry = d.waitlistEntryId ? entries.find((e) => e.id === d.waitlistEntryId) : undefined;
      const deliveredAt = d.deliveredAt ?? d.createdAt;
      if (hearsOptIns && d.recipientPhone && !optedInBy(d.recipientPhone, deliveredAt)) {
        return {
          title: "The customer had not replied Y to Postscript's opt-in text",
          detail: `Postscript accepted ${eventName(d.eventType)} at ${formatShopTime(deliveredAt, timeZone)}, but had not reported an opt-in for this number by then, so it did not text them.`,
          fix: "Postscript texts only subscribers who replied Y. The customer can reply Y to the opt-in text (or sign up again to get a new one); later alerts then reach them.",
          tone: "problem",
        };
      }
      if (entry && entry.postscriptSync !== "SYNCED") {
        return {
          title: "The customer was never added to Postscript",
          detail:
            "Postscript accepted the alert, but Signalboard never added this customer as a subscriber, so the event matches them only if they subscribed some other way.",
          fix: "Check in Postscript that the customer is a subscriber with this phone number.",
          tone: "warning",
        };
      }
      return {
        title: "Delivered to Postscript; the rest happens inside Postscript",
        detail: `${d.error?.startsWith("Unconfirmed") ? d.error : `Postscript accepted ${eventName(d.eventType)} at ${formatShopTime(deliveredAt, timeZone)}.`} What happens next is inside Postscript, which Signalboard cannot see: ${hearsOptIns ? "the customer had replied Y by then, and the flow for this event must be active" : "the customer must be a subscriber who replied Y to the opt-in text, and the flow must be active"}.`,
        fix: hearsOptIns
          ? "Check in Postscript that the flow for this event is active and its message went out."
          : "Check in Postscript that the customer is a subscriber who confirmed (replied Y) and that the flow for this event is active.",
        tone: "warning",
      };
    }
    return null;
  }

  function entryStop(e: (typeof entries)[number]): ChainStop | null {
    if (e.postscriptSync === "FAILED") {
      return {
        title: "The customer could not be added to Postscript",
        detail: `${e.postscriptSyncError ?? "The subscriber sync failed."} Postscript never sent them the opt-in text, so they cannot receive alerts.`,
        fix: "Fix the cause (usually the key or the keyword in Postscript setup); failed signups are added again once it is fixed.",
        fixHref: `${base}/postscript`,
        tone: "problem",
      };
    }
    if (e.postscriptSync === "PENDING" && now - e.updatedAt.getTime() > STUCK_SYNC_MS) {
      return {
        title: "The customer is still being added to Postscript",
        detail: e.postscriptSyncError
          ? `The last attempt failed: ${e.postscriptSyncError}`
          : "The subscriber sync has not finished.",
        fix: "Nothing to do if Postscript is reachable: it is retried automatically.",
        tone: "warning",
      };
    }
    const alerts = deliveries.filter((d) => d.waitlistEntryId === e.id);
    const latest = alerts.at(-1);
    if (latest) return deliveryStop(latest);
    if (e.status === "PURCHASED" || e.status === "REMOVED") return null;
    if (
      hearsOptIns &&
      e.postscriptSync === "SYNCED" &&
      e.phone &&
      !consentByPhone.get(e.phone) &&
      now - e.createdAt.getTime() > OPT_IN_GRACE_MS
    ) {
      return {
        title: "The customer has not replied Y to Postscript's opt-in text",
        detail: `They were added to Postscript on ${formatShopTime(e.createdAt, timeZone)} and Postscript has not reported an opt-in since, so an alert would not reach them.`,
        fix: "Postscript texts only subscribers who replied Y. The customer can reply Y to the opt-in text, or sign up again to get a new one.",
        tone: "warning",
      };
    }
    const restock = restocks.filter((r) => r.variantId === e.variantId && r.createdAt >= e.createdAt).at(-1);
    if (!restock) {
      return {
        title: "The variant has not been restocked since they signed up",
        detail: `They are waiting for ${e.variant.product.title} – ${e.variant.title} (now ${e.variant.available} in stock). An alert goes out when it is restocked or sent by hand.`,
        fix: "Restock it in Shopify, or click Send on its row in Back in stock → Current waitlist.",
        fixHref: `${base}/back-in-stock`,
        tone: "warning",
      };
    }
    if (!restock.plannedAt) {
      return {
        title: "The restock is still being planned",
        detail: `The restock of ${formatShopTime(restock.createdAt, timeZone)} has not planned its alerts yet.`,
        fix: "Wait a minute; stalled restocks are planned by the background sweeper.",
        tone: "warning",
      };
    }
    return {
      title: "The customer was not included in the restock",
      detail: `The restock of ${formatShopTime(restock.createdAt, timeZone)} planned ${restock.planned} alert${restock.planned === 1 ? "" : "s"} and none for this customer: batching may have limited the alerts to the units in stock (oldest signups first), or an earlier alert was still being sent.`,
      fix: "Check the restock rules (batching) in Back in stock, or send to the waitlist again.",
      fixHref: `${base}/back-in-stock`,
      tone: "warning",
    };
  }

  function findStop(): ChainStop | null {
    if (timeline.length === 0) {
      return {
        title: "No record of this customer",
        detail: `No waitlist signup, order or event for ${who} in this shop. The customer may have used another ${lookup.kind === "phone" ? "number" : "email"}, or signed up somewhere Signalboard does not see.`,
        fix: `Ask the customer which ${lookup.kind === "phone" ? "phone number" : "email"} they used, and check it here.`,
        tone: "warning",
      };
    }
    const smsOptOut = smsOptOuts.find((o) => !o.optedInAt);
    if (smsOptOut) {
      return {
        title: "The customer opted out of this shop's texts",
        detail: `They replied ${smsOptOut.keyword} on ${formatShopTime(smsOptOut.optedOutAt, timeZone)}. Built-in SMS does not text them, and alerts for them are skipped with that reason.`,
        fix: "Only the customer can opt in again, by replying START to one of your texts.",
        tone: "problem",
      };
    }
    const optedOut = phones.map((p) => consentByPhone.get(p)).find((c) => c?.state === "OPTED_OUT");
    if (optedOut) {
      return {
        title: "The customer opted out of Postscript texts",
        detail: `Postscript reported a STOP from this number on ${formatShopTime(optedOut.optedOutAt ?? optedOut.lastEventAt, timeZone)}. Postscript will not text them, and Signalboard skips Postscript events for them.`,
        fix: "Only the customer can opt in again, by texting your keyword to your Postscript number.",
        tone: "problem",
      };
    }
    const latestEntry = entries.at(-1);
    const latestDelivery = deliveries.filter((d) => !d.waitlistEntryId).at(-1);
    const entryAt = latestEntry
      ? Math.max(
          latestEntry.createdAt.getTime(),
          ...deliveries.filter((d) => d.waitlistEntryId === latestEntry.id).map((d) => d.createdAt.getTime()),
        )
      : -1;
    if (latestEntry && (!latestDelivery || entryAt >= latestDelivery.createdAt.getTime()))
      return entryStop(latestEntry);
    return latestDelivery ? deliveryStop(latestDelivery) : null;
  }
}
