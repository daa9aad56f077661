import type { DeliveryProvider } from "@/lib/generated/prisma/client";
import type { DeliveryProviderAdapter } from "./delivery-provider";
import { klaviyoProvider } from "./klaviyo-provider";
import { builtInSmsProvider } from "./built-in-sms-provider";
import { postscriptProvider } from "./postscript-provider";

const PROVIDERS: Record<DeliveryProvider, DeliveryProviderAdapter> = {
  POSTSCRIPT: postscriptProvider,
  KLAVIYO: klaviyoProvider,
  BUILT_IN: builtInSmsProvider,
};

/** The sender for a ledger row's provider: the only place that knows which providers exist. */
export function providerFor(provider: DeliveryProvider): DeliveryProviderAdapter {
  return PROVIDERS[provider];
}
