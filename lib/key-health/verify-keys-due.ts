import { checkKeys, type KeyCheckSummary } from "./check-keys";
import { DAILY_CHECK_MS, findKeysToCheck } from "./find-keys-to-check";
import type { KeyProvider } from "./key-provider";
import { resumeRestoredShop } from "./resume-restored-shop";

/**
 * The daily key check in-process, for the demo's once-a-minute sweeper: re-verifies each Postscript, Klaviyo and
 * Twilio key not checked for a day (so each key about once a day) and resumes shops whose key works again. `shopIds`
 * limits it to those shops (tests, scripts).
 */
export async function verifyKeysDue(
  options: { now?: Date; shopIds?: string[] } = {},
): Promise<Record<KeyProvider, KeyCheckSummary>> {
  const before = new Date((options.now ?? new Date()).getTime() - DAILY_CHECK_MS);
  const scope = { take: 200, shopIds: options.shopIds };
  const postscript = await checkKeys("POSTSCRIPT", await findKeysToCheck("POSTSCRIPT", before, scope), "daily");
  const klaviyo = await checkKeys("KLAVIYO", await findKeysToCheck("KLAVIYO", before, scope), "daily");
  const twilio = await checkKeys("TWILIO", await findKeysToCheck("TWILIO", before, scope), "daily");
  for (const shopId of new Set([...postscript.restoredShopIds, ...klaviyo.restoredShopIds, ...twilio.restoredShopIds]))
    await resumeRestoredShop(shopId);
  return { POSTSCRIPT: postscript, KLAVIYO: klaviyo, TWILIO: twilio };
}
