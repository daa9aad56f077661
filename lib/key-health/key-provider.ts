import type { RegisteredProvider } from "@/lib/integrations/registry";

/** The integrations whose saved keys the key check re-verifies: every registered provider. */
export type KeyProvider = RegisteredProvider;
