/**
 * A sending process of its own for the fault suite: drains one shop's deliveries and exits 0.
 *   node --import tsx lib/faults/drain-in-child.ts <shopId> [staleAfterMs]
 * Reads DATABASE_URL, ENCRYPTION_KEY, POSTSCRIPT_API_BASE_URL and POSTSCRIPT_TIMEOUT_MS from the environment (the
 * test passes its own), so it shares the test's database and sandbox. The test kills it with SIGKILL mid-send.
 */
import { drainShopDeliveries } from "@/lib/deliveries/drain-shop-deliveries";
import { registerFeatureDeliveryHooks } from "@/lib/register-feature-delivery-hooks";

const [shopId, staleAfter] = process.argv.slice(2);
if (!shopId) {
  console.error("usage: drain-in-child.ts <shopId> [staleAfterMs]");
  process.exit(2);
}
// A process of its own: it registers the features' delivery hooks, as instrumentation.ts does for the server.
registerFeatureDeliveryHooks();
const result = await drainShopDeliveries(shopId, {
  // The fault suite's compressed backoff (see FAST_RETRY in fault-fixtures.ts).
  retry: { baseMs: 50, capMs: 400 },
  probe: { firstMs: 50, capMs: 400 },
  staleAfterMs: staleAfter === undefined ? undefined : Number(staleAfter),
});
console.log(JSON.stringify(result));
process.exit(0);
