import { PostscriptError } from "@/lib/postscript/postscript-error";
import type { ProviderFailureSpec } from "./classify-provider-failure";

/** How a failed Postscript call reads for classifyProviderFailure: Postscript does not de-duplicate events. */
export const postscriptFailure: ProviderFailureSpec = {
  name: "Postscript",
  item: "event",
  read: (error) => (error instanceof PostscriptError ? error : null),
  deduplicates: false,
};
