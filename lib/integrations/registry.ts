import type { IntegrationProvider } from "@/lib/generated/prisma/client";
import type { IntegrationAdapter } from "./integration-adapter";
import { klaviyoAdapter } from "./klaviyo-adapter";
import { postscriptAdapter } from "./postscript-adapter";
import { twilioAdapter } from "./twilio-adapter";

/**
 * Every provider a shop can connect, by its IntegrationProvider value: the one list lib/integrations reads.
 * Adding a provider is its adapter file plus one line here.
 */
export const integrationAdapters = {
  POSTSCRIPT: postscriptAdapter,
  KLAVIYO: klaviyoAdapter,
  TWILIO: twilioAdapter,
} satisfies Partial<Record<IntegrationProvider, IntegrationAdapter<unknown>>>;

export type RegisteredProvider = keyof typeof integrationAdapters;

/** The client type a registered provider's adapter builds (PostscriptClient for POSTSCRIPT…). */
export type ClientOf<P extends RegisteredProvider> = ReturnType<(typeof integrationAdapters)[P]["createClient"]>;

/** The adapter of a registered provider. */
export function adapterFor<P extends RegisteredProvider>(provider: P): IntegrationAdapter<ClientOf<P>> {
  // Each entry is the adapter of its own key's client type, which TypeScript cannot follow through the index.
  return integrationAdapters[provider] as unknown as IntegrationAdapter<ClientOf<P>>;
}
