import { checkIntegrationKey, type KeyCheckTrigger, type KeyHealthResult } from "./check-integration-key";
import type { KeyProvider } from "./key-provider";

export type KeyCheckSummary = {
  checked: number;
  verified: number;
  invalid: number;
  unreachable: number;
  skipped: number;
  /** Keys that work again: their held deliveries and failed subscriber syncs can go out. */
  restoredShopIds: string[];
  /** Keys that stopped working in this run: sending through that provider is now paused for these shops. */
  stoppedShopIds: string[];
};

export function emptyKeyCheckSummary(): KeyCheckSummary {
  return { checked: 0, verified: 0, invalid: 0, unreachable: 0, skipped: 0, restoredShopIds: [], stoppedShopIds: [] };
}

/**
 * Checks several shops' keys of one provider one after another (each is one light API call); one shop's
 * unexpected error is logged and counted as unreachable, never stopping the others.
 */
export async function checkKeys(
  provider: KeyProvider,
  shopIds: string[],
  trigger: KeyCheckTrigger,
): Promise<KeyCheckSummary> {
  const summary = emptyKeyCheckSummary();
  for (const shopId of shopIds) {
    let result: KeyHealthResult;
    try {
      result = await checkIntegrationKey(provider, shopId, trigger);
    } catch (error) {
      console.error(
        `[key-health] ${provider} check of shop ${shopId} failed:`,
        error instanceof Error ? error.message : error,
      );
      result = { shopId, status: "unreachable", message: "unexpected error" };
    }
    summary.checked++;
    summary[result.status]++;
    if (result.status === "verified" && result.restored) summary.restoredShopIds.push(shopId);
    if (result.status === "invalid" && result.stoppedWorking) summary.stoppedShopIds.push(shopId);
  }
  return summary;
}
