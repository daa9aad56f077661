"use client";

import { useEffect, useRef, useState } from "react";

/** A product photo that falls back to a plain tile when the image cannot load (offline demo, deleted file). */
export function ProductImage({ src, alt }: { src: string | null; alt: string }) {
  const [failed, setFailed] = useState(false);
  const ref = useRef<HTMLImageElement>(null);
  // An image that failed before hydration fired its error event with nobody listening: check it once mounted.
  useEffect(() => {
    const img = ref.current;
    if (img?.complete && img.naturalWidth === 0) setFailed(true);
  }, []);
  if (!src || failed) {
    return (
      <span className="text-xs text-slate-600" aria-hidden>
        No image
      </span>
    );
  }
  // A plain img: product images live on Shopify's CDN and the preview must not need next/image config per host.
  // eslint-disable-next-line @next/next/no-img-element
  return <img ref={ref} src={src} alt={alt} onError={() => setFailed(true)} className="h-full w-full object-cover" />;
}
