import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import type { Plan } from "@/lib/generated/prisma/client";
import { clientForShop, IntegrationUnavailableError } from "@/lib/integrations/client-for-shop";
import { findIntegration } from "@/lib/integrations/find-integration";
import { twilioAdapter } from "@/lib/integrations/twilio-adapter";
import { DEFAULT_QUIET_HOURS, quietHoursEnd, type QuietHours } from "@/lib/quiet-hours/quiet-hours-end";
import { recipientTimeZone } from "@/lib/quiet-hours/recipient-time-zone";
import { fillMergeTags } from "@/lib/sms-settings/fill-merge-tags";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";
import { measureSms } from "@/lib/sms-settings/measure-sms";
import { SMS_TEMPLATES, SMS_TEMPLATE_KINDS } from "@/lib/sms-settings/sms-templates";
import { createTwilioAccountClient, type TwilioAccountClient } from "@/lib/twilio/twilio-account-client";
import { isOptedOut, OPTED_OUT_REASON, recordOptOut } from "@/lib/twilio/sms-opt-outs";
import { allowanceMonth, allowanceStop, releaseAllowance, reserveAllowance, smsUsage } from "@/lib/twilio/sms-usage";
import { twilioConfig } from "@/lib/twilio/twilio-config";
import { twilioErrorMeaning, UNSUBSCRIBED_CODE } from "@/lib/twilio/twilio-error-meaning";
import { BACK_IN_STOCK_ALERT, BACK_IN_STOCK_REMINDER } from "../event-types";
import { limiterKey } from "../send-slot-limiter";
import { classifyProviderFailure, type ProviderFailureSpec } from "./classify-provider-failure";
import type { DeliveryProviderAdapter, DueDelivery, OpenedProvider, SendResult } from "./delivery-provider";

const RECHECK_MS = 2_000;

/** Why waiting texts are held: shown in the restock progress, Activity and the ledger. */
export const QUIET_HOURS_REASON = "waiting for quiet hours to end";

type ShopState = { uninstalledAt: Date | null; plan: Plan; timeZone: string; quiet: QuietHours; perSecond: number };

async function loadState(shopId: string): Promise<ShopState | null> {
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    select: {
      uninstalledAt: true,
      plan: true,
      timeZone: true,
      smsSettings: {
        select: { quietHoursEnabled: true, quietStartHour: true, quietEndHour: true, sendPerSecond: true },
      },
    },
  });
  if (!shop) return null;
  const settings = shop.smsSettings;
  return {
    uninstalledAt: shop.uninstalledAt,
    plan: shop.plan,
    timeZone: shop.timeZone,
    quiet: settings
      ? { enabled: settings.quietHoursEnabled, startHour: settings.quietStartHour, endHour: settings.quietEndHour }
      : DEFAULT_QUIET_HOURS,
    perSecond: settings?.sendPerSecond ?? 10,
  };
}

async function pauseReasonOf(shopId: string, state: ShopState | null): Promise<string | null> {
  if (!state) return "The shop no longer exists.";
  if (state.uninstalledAt) return "The shop uninstalled Signalboard: nothing is sent until it is installed again.";
  return allowanceStop(await smsUsage(shopId, state.plan), state.plan);
}

const TEMPLATE_KIND_BY_EVENT = new Map(
  SMS_TEMPLATE_KINDS.map((kind) => [SMS_TEMPLATES[kind].eventType as string, kind]),
);

/** The text of one delivery: the shop's template for its event with the merge tags filled, or null without one. */
export async function renderBuiltInSms(
  delivery: Pick<DueDelivery, "shopId" | "eventType" | "properties">,
): Promise<string | null> {
  const kind = TEMPLATE_KIND_BY_EVENT.get(delivery.eventType);
  if (!kind) return null;
  const { templates } = await getSmsSettings(delivery.shopId);
  const values = Object.fromEntries(
    Object.entries(delivery.properties).filter(
      (entry): entry is [string, string | number | boolean] => entry[1] !== null,
    ),
  );
  return fillMergeTags(templates[kind], values).trim();
}

/** Who texts for the shop: its own verified Twilio account, else the app's Messaging Service. */
type Sender = {
  client: TwilioAccountClient;
  /** A client of the same account waiting for its own slot (the circuit's probe). */
  prober: TwilioAccountClient;
  limitKey: string;
  /** The shop's sealed Auth Token it was opened with; null for the app's account. */
  sealed: string | null;
};

const APP_NOT_CONFIGURED =
  "Built-in SMS is not set up on this server yet (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_MESSAGING_SERVICE_SID): texts wait and go out once it is.";
const OWN_ACCOUNT_DISABLED =
  "Your own Twilio account is disabled: texts wait until you enable it again under Built-in SMS, or disconnect it to send through Signalboard's.";
const ACCOUNT_CHANGED = "The Twilio account changed while sending: the rest goes out with the new one.";

async function openSender(shopId: string): Promise<{ sender: Sender } | { reason: string }> {
  const own = await findIntegration(shopId, "TWILIO");
  if (own?.encryptedKey) {
    if (!own.enabled) return { reason: OWN_ACCOUNT_DISABLED };
    try {
      // The engine reserves each send's slot itself (timed to the claim); probes wait for theirs like any call.
      const opened = await clientForShop("TWILIO", shopId, { integration: own, paced: false });
      if (!opened.client.sender) return { reason: twilioAdapter.messages.notVerified };
      return {
        sender: {
          client: opened.client,
          prober: opened.withOptions({}),
          limitKey: opened.budget.key,
          sealed: own.encryptedKey,
        },
      };
    } catch (error) {
      if (error instanceof IntegrationUnavailableError) return { reason: error.message };
      throw error;
    }
  }
  const config = twilioConfig();
  if (!config) return { reason: APP_NOT_CONFIGURED };
  const client = createTwilioAccountClient({ ...config, sender: { messagingServiceSid: config.messagingServiceSid } });
  // One sender, one pace: every shop texting through the Messaging Service shares its budget.
  const limitKey = limiterKey("twilio", `${config.accountSid}:${config.messagingServiceSid}`);
  return { sender: { client, prober: client, limitKey, sealed: null } };
}

/** Why the sender opened for this run can no longer be used (the shop's own account changed, was disabled…). */
async function senderChangeReason(shopId: string, sealed: string | null): Promise<string | null> {
  const own = await findIntegration(shopId, "TWILIO");
  if ((own?.encryptedKey ?? null) !== sealed) return ACCOUNT_CHANGED;
  if (!own || !sealed) return null;
  if (!own.enabled) return OWN_ACCOUNT_DISABLED;
  return own.verification === "VERIFIED" ? null : twilioAdapter.messages.notVerified;
}

/**
 * Holds the shop's due built-in SMS rows whose recipients are inside quiet hours until those end, before any
 * is claimed, so a late-evening restock does not spend a send slot per held text. `send` checks again.
 */
async function deferQuietRecipients(shopId: string, state: ShopState, now: Date): Promise<void> {
  if (!state.quiet.enabled) return;
  const due = await prisma.delivery.findMany({
    where: {
      shopId,
      provider: "BUILT_IN",
      status: { in: ["PENDING", "RETRYING"] },
      nextAttemptAt: { lte: now },
      recipientPhone: { not: null },
    },
    select: { id: true, recipientPhone: true },
  });
  const byEnd = new Map<number, string[]>();
  for (const row of due) {
    const end = quietHoursEnd(now, recipientTimeZone(row.recipientPhone!, state.timeZone), state.quiet);
    if (end) byEnd.set(end.getTime(), [...(byEnd.get(end.getTime()) ?? []), row.id]);
  }
  for (const [end, ids] of byEnd) {
    await prisma.delivery.updateMany({
      where: { id: { in: ids }, status: { in: ["PENDING", "RETRYING"] } },
      data: {
        nextAttemptAt: new Date(end),
        error: `Waiting: ${QUIET_HOURS_REASON} (${quietWindow(state.quiet)} in the recipient's time zone).`,
      },
    });
  }
}

function quietWindow(quiet: QuietHours): string {
  const hh = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
  return `${hh(quiet.startHour)}–${hh(quiet.endHour)}`;
}

const statusOf = (error: unknown) =>
  typeof (error as { status?: unknown })?.status === "number" ? (error as { status: number }).status : null;
const twilioCodeOf = (error: unknown) =>
  typeof (error as { code?: unknown })?.code === "number" ? (error as { code: number }).code : null;

/**
 * How a failed Create Message call reads for classifyProviderFailure: the library's RestException (status and
 * Twilio's error code), or anything else from its HTTP client. Twilio does not de-duplicate messages.
 */
export const twilioFailure: ProviderFailureSpec = {
  name: "Twilio",
  item: "text",
  read(error) {
    const status = statusOf(error);
    const message = error instanceof Error ? error.message : String(error);
    // No HTTP answer: the request may have left (the library gives no reliable way to tell), so it is read as a
    // network failure, resent only when its codes prove nothing left this machine.
    if (status === null) return { kind: "network", message: `Twilio could not be reached: ${message}`, cause: error };
    const code = twilioCodeOf(error);
    const meaning = twilioErrorMeaning(code) ?? `HTTP ${status}`;
    if (status === 429 || code === 20429) return { kind: "rate_limited", status, message: `Twilio: ${meaning}` };
    if (status >= 500) return { kind: "server_error", status, message: `Twilio answered ${status}: ${message}` };
    if (status === 401 || status === 403)
      return { kind: "invalid_key", status, message: `Twilio refused the account's credentials (${meaning}).` };
    return { kind: "rejected", status, message: `Twilio refused this text: ${meaning}.` };
  },
  deduplicates: false,
};

/** The ledger's next step for a failed Create Message; 21610 (the number unsubscribed from the sender) is a STOP. */
export function classifyTwilioFailure(error: unknown): SendResult | { outcome: "unsubscribed"; error: string } {
  if (statusOf(error) !== null && twilioCodeOf(error) === UNSUBSCRIBED_CODE)
    return { outcome: "unsubscribed", error: `Twilio: ${twilioErrorMeaning(UNSUBSCRIBED_CODE)}` };
  return classifyProviderFailure(error, twilioFailure);
}

/**
 * Built-in SMS: texts through Twilio's Messaging API with the shop's own Twilio account when it connected one
 * (its verified Account SID, Auth Token and sender), else the app's Messaging Service (TWILIO_*), paced per
 * sender by the shared send-slot limiter, recorded in the same ledger. Per text: the shop's template with merge
 * tags filled; never to a number that opted out of this shop, never without the consent recorded at signup
 * (back-in-stock texts), never in the recipient's quiet hours (deferred, not failed), never past the plan's
 * monthly allowance (sending pauses with the reason). Each accepted text is kept as an SmsMessage with its
 * encoding and segments; Twilio's status callbacks then move it to delivered / undelivered / failed.
 */
export const builtInSmsProvider: DeliveryProviderAdapter = {
  provider: "BUILT_IN",
  async open(shopId): Promise<OpenedProvider> {
    const opened = await openSender(shopId);
    if ("reason" in opened) return { status: "paused", reason: opened.reason };
    const { client, prober, limitKey, sealed } = opened.sender;
    const state = await loadState(shopId);
    const reason = await pauseReasonOf(shopId, state);
    if (reason) return { status: "paused", reason };
    await deferQuietRecipients(shopId, state!, new Date());

    const statusCallback = `${env().SHOPIFY_APP_URL.replace(/\/+$/, "")}/api/webhooks/twilio/status`;
    let checkedAt = Date.now();
    let lastReason: string | null = null;

    return {
      status: "ready",
      session: {
        limit: { key: limitKey, perSecond: state!.perSecond },

        async probe() {
          try {
            await prober.probe();
            return true;
          } catch (error) {
            return (
              typeof (error as { status?: unknown })?.status === "number" && (error as { status: number }).status < 500
            );
          }
        },

        async pauseReason() {
          if (lastReason || Date.now() - checkedAt < RECHECK_MS) return lastReason;
          checkedAt = Date.now();
          lastReason =
            (await senderChangeReason(shopId, sealed)) ?? (await pauseReasonOf(shopId, await loadState(shopId)));
          return lastReason;
        },

        async send(delivery: DueDelivery): Promise<SendResult> {
          const to = delivery.recipientPhone;
          if (!to)
            return {
              outcome: "skipped",
              reason: "Built-in SMS texts phone numbers only, and this customer left only an email.",
            };
          if (await isOptedOut(shopId, to)) {
            return { outcome: "skipped", reason: OPTED_OUT_REASON };
          }
          const forSignup = delivery.eventType === BACK_IN_STOCK_ALERT || delivery.eventType === BACK_IN_STOCK_REMINDER;
          if (
            forSignup &&
            !(await prisma.smsSignupConsent.findFirst({ where: { shopId, phone: to }, select: { id: true } }))
          ) {
            return {
              outcome: "skipped",
              reason: "No SMS consent was recorded when this customer signed up: built-in SMS never texts without it.",
            };
          }
          const current = await loadState(shopId);
          if (!current) return { outcome: "pause", error: "The shop no longer exists.", responseStatus: null };
          const until = quietHoursEnd(new Date(), recipientTimeZone(to, current.timeZone), current.quiet);
          if (until)
            return {
              outcome: "defer",
              reason: `${QUIET_HOURS_REASON} (${quietWindow(current.quiet)} in the recipient's time zone).`,
              until,
            };
          const body = await renderBuiltInSms(delivery);
          if (!body)
            return {
              outcome: "skipped",
              reason: `Built-in SMS has no template for ${delivery.eventType}: choose Klaviyo or Postscript for it.`,
            };
          const measured = measureSms(body);
          const month = allowanceMonth(new Date());
          if (!(await reserveAllowance(shopId, current.plan, month))) {
            const stop =
              allowanceStop(await smsUsage(shopId, current.plan), current.plan) ??
              "Built-in SMS has used this month's allowance.";
            lastReason = stop;
            return { outcome: "pause", error: stop, responseStatus: null };
          }

          let sid: string;
          let status: string;
          try {
            ({ sid, status } = await client.sendMessage({ to, body, statusCallback }));
          } catch (error) {
            const result = classifyTwilioFailure(error);
            // Unconfirmed may have gone out, so it keeps its place in the allowance; anything else did not.
            if (result.outcome !== "unconfirmed") await releaseAllowance(shopId, month);
            if (result.outcome === "unsubscribed") {
              // Twilio's own opt-out list has this number: the same as a STOP to this shop.
              await recordOptOut(shopId, to, "STOP (Twilio 21610)");
              return { outcome: "skipped", reason: `The customer opted out of SMS (${result.error}).` };
            }
            if (result.outcome === "pause") {
              lastReason = result.error;
              // The shop's own token no longer works: its connection says so, and texts wait for a working one
              // (only if this token is still the saved one).
              if (sealed)
                await prisma.integration.updateMany({
                  where: { shopId, provider: "TWILIO", encryptedKey: sealed },
                  data: { verification: "INVALID", lastCheckedAt: new Date(), lastError: result.error },
                });
            }
            return result;
          }
          await prisma.smsMessage.create({
            data: {
              shopId,
              deliveryId: delivery.id,
              sid,
              accountSid: client.accountSid,
              toPhone: to,
              body,
              encoding: measured.encoding,
              segments: measured.segments,
              status,
            },
          });
          return {
            outcome: "delivered",
            responseStatus: 201,
            responseBody: JSON.stringify({ sid, status, segments: measured.segments, encoding: measured.encoding }),
          };
        },
      },
    };
  },
};
