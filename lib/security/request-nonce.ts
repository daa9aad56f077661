import { headers } from "next/headers";

/**
 * This request's CSP script nonce (set by proxy.ts), for a `<script nonce>` a layout renders itself, such as
 * App Bridge's. Next puts it on its own scripts without help.
 */
export async function requestNonce(): Promise<string | undefined> {
  return (await headers()).get("x-nonce") ?? undefined;
}
