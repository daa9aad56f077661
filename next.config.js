// Browser features the app never uses, denied to it and to anything it might embed.
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "serial=()",
  "usb=()",
].join(", ");
// Two years, subdomains included: every Signalboard host is https-only in production (ignored over plain http).
const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or Node-only packages stay out of the server bundle and load from node_modules at runtime.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "rate-limiter-flexible"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc) before Playwright builds the app, and says so: the build's own
  // check of the same files would add about 35 s. Every other build (`npm run build`, deploys) still checks.
  typescript: { ignoreBuildErrors: process.env.SIGNALBOARD_BUILD_TYPECHECKED === "1" },
  // A CI clone builds once and is thrown away: writing Turbopack's build cache there only costs time.
  experimental: { turbopackFileSystemCacheForBuild: process.env.CI !== "true" },
  // Lets several builds (parallel e2e runs, benchmarks) share one checkout without overwriting each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The dev banner prints localhost, but people and scripts also open 127.0.0.1; Next 16 blocks unknown dev origins.
  allowedDevOrigins: ["127.0.0.1"],
  // No Next.js badge in dev: it showed on customer-facing pages (portal, storefront preview); errors still surface.
  devIndicators: false,
  // Dev logs must hold no secret or personal data: server-function logging prints every argument (an API key
  // pasted into connectPostscriptAction, a looked-up email), and request lines carry portal tokens (/edit/<token>)
  // and search terms (?q=<phone>).
  logging: { serverFunctions: false, incomingRequests: { ignore: [/\/edit\//, /\?/] } },
  // Pages get their CSP (script nonce, frame-ancestors for Shopify's admin) and X-Frame-Options from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
          ...(process.env.NODE_ENV === "production"
            ? [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }]
            : []),
        ],
      },
      {
        // API answers are never framed and never run as a document.
        source: "/api/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

export default nextConfig;
