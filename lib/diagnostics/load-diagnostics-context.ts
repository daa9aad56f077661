import { prisma } from "@/lib/db/prisma";
import { POSTSCRIPT_REQUESTS_PER_SECOND } from "@/lib/integrations/postscript-client-for-key";
import type { KeyVerification, Plan, SmsProvider } from "@/lib/generated/prisma/client";
import { checkChosenKeyword, type ChosenKeyword } from "@/lib/setup/check-chosen-keyword";
import { getSetupProgress, type SetupProgress } from "@/lib/setup/get-setup-progress";

/** What every check reads about the shop, loaded once per run. Never holds the key itself. */
export type DiagnosticsContext = {
  shopId: string;
  /** The merchant pages' base path, for fix links. */
  base: string;
  now: Date;
  /** Checks may ask Postscript (keywords); false renders from the database alone. */
  live: boolean;
  shop: { name: string; domain: string; plan: Plan; uninstalledAt: Date | null; timeZone: string };
  provider: SmsProvider;
  integration: {
    hasKey: boolean;
    keyLast4: string | null;
    enabled: boolean;
    verification: KeyVerification;
    lastVerifiedAt: Date | null;
    lastCheckedAt: Date | null;
    lastError: string | null;
    keywordId: string | null;
    keywordName: string | null;
  } | null;
  rateLimitPerSecond: number;
  reminderEnabled: boolean;
  /** Order editing tells Postscript about editing moments (the default when never saved). */
  orderEditingNotifiesPostscript: boolean;
  /** Memoised: the chosen keyword checked against Postscript (live) or "unknown" (not live). */
  keyword: () => Promise<ChosenKeyword>;
  /** Memoised: the setup checkmarks (live keyword check inside when `live`). */
  setupProgress: () => Promise<SetupProgress>;
};

/**
 * Setup checkmarks the caller already has, or is still loading (a page that reads them beside the diagnostics);
 * undefined in the end: the diagnostics load their own.
 */
export type PreloadedSetupProgress = SetupProgress | Promise<SetupProgress | undefined>;

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load());
}

/** Loads the shared state of one shop's diagnostics run; null when the shop does not exist. */
export async function loadDiagnosticsContext(
  shopId: string,
  options: { live?: boolean; now?: Date; setupProgress?: PreloadedSetupProgress } = {},
): Promise<DiagnosticsContext | null> {
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    select: {
      name: true,
      domain: true,
      plan: true,
      uninstalledAt: true,
      timeZone: true,
      smsSettings: { select: { provider: true } },
      backInStockSettings: { select: { reminderEnabled: true } },
      orderEditingSettings: { select: { notifyPostscript: true } },
      integrations: {
        where: { provider: "POSTSCRIPT" },
        select: {
          encryptedKey: true,
          keyLast4: true,
          enabled: true,
          verification: true,
          lastVerifiedAt: true,
          lastCheckedAt: true,
          lastError: true,
          keywordId: true,
          keywordName: true,
          rateLimitPerSecond: true,
        },
      },
    },
  });
  if (!shop) return null;
  const live = options.live ?? true;
  const row = shop.integrations[0];
  const integration = row
    ? {
        hasKey: Boolean(row.encryptedKey),
        keyLast4: row.keyLast4,
        enabled: row.enabled,
        verification: row.verification,
        lastVerifiedAt: row.lastVerifiedAt,
        lastCheckedAt: row.lastCheckedAt,
        lastError: row.lastError,
        keywordId: row.keywordId,
        keywordName: row.keywordName,
      }
    : null;
  const keyword = once<ChosenKeyword>(async () => {
    if (live) return checkChosenKeyword(shopId);
    if (!row?.keywordId) return { state: "none" };
    return {
      state: "unknown",
      keywordId: row.keywordId,
      keyword: row.keywordName ?? row.keywordId,
      reason: "Not checked with Postscript.",
    };
  });
  const preloaded = options.setupProgress;
  return {
    shopId,
    base: `/shops/${shopId}`,
    now: options.now ?? new Date(),
    live,
    shop: {
      name: shop.name,
      domain: shop.domain,
      plan: shop.plan,
      uninstalledAt: shop.uninstalledAt,
      timeZone: shop.timeZone,
    },
    provider: shop.smsSettings?.provider ?? "BUILT_IN",
    integration,
    rateLimitPerSecond: row?.rateLimitPerSecond ?? POSTSCRIPT_REQUESTS_PER_SECOND,
    reminderEnabled: shop.backInStockSettings?.reminderEnabled ?? true,
    orderEditingNotifiesPostscript: shop.orderEditingSettings?.notifyPostscript ?? true,
    keyword,
    setupProgress: once(async () => (await preloaded) ?? getSetupProgress(shopId)),
  };
}
