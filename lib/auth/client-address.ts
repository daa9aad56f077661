import { env } from "@/lib/env";

/**
 * The caller's address: the entry `trustedProxyHops` places from the right of `X-Forwarded-For`. Every entry
 * left of the ones our own proxies appended was written by the client and is never trusted. The rightmost entry
 * is always the socket's peer (appendSocketAddress puts it there), so 0 hops means "the socket".
 */
export function clientAddress(headers: Headers, trustedProxyHops: number = env().TRUSTED_PROXY_HOPS): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (chain.length === 0) return "local";
  // A chain shorter than the configured proxies was written by them alone: its leftmost entry is the furthest hop.
  return chain[Math.max(0, chain.length - 1 - trustedProxyHops)]!;
}
