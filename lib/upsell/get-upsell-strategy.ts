import { isRecordId } from "@/lib/db/is-record-id";
import { listUpsellStrategies, type UpsellStrategyRow } from "./list-upsell-strategies";

/** One of the shop's strategies, or null when it does not exist or belongs to another shop. */
export async function getUpsellStrategy(shopId: string, strategyId: string): Promise<UpsellStrategyRow | null> {
  if (!isRecordId(strategyId)) return null;
  const [strategy] = await listUpsellStrategies(shopId, { strategyId });
  return strategy ?? null;
}
