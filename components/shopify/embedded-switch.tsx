"use client";

import { useState, type ReactNode } from "react";

/**
 * Shows `inside` once the page has loaded inside Shopify's admin, `outside` otherwise. The server knows it only
 * from the document request (`Sec-Fetch-Dest: iframe`); the refresh after a server action is a fetch, so it would
 * re-render as a standalone page inside the admin's frame. What the document load saw is kept for the page's life.
 */
export function EmbeddedSwitch({
  embedded,
  inside,
  outside,
}: {
  embedded: boolean;
  inside: ReactNode;
  outside: ReactNode;
}) {
  const [loadedEmbedded, setLoadedEmbedded] = useState(embedded);
  if (embedded && !loadedEmbedded) setLoadedEmbedded(true);
  return loadedEmbedded || embedded ? inside : outside;
}
