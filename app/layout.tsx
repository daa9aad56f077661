import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Signalboard", template: "%s · Signalboard" },
  description: "Back-in-stock, preorder and order-editing SMS through Postscript.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: only then can Next put this request's CSP nonce (proxy.ts) on its scripts.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
