export interface BannerSignIn {
  email: string;
  password: string;
  /** e.g. what this account is for, shown after the password. */
  note?: string;
}

/** A demo store's admin in the Shopify stand-in, where a merchant opens the embedded app. */
export interface BannerStoreAdmin {
  name: string;
  adminUrl: string;
  /** Who can open it, e.g. "Maya Patel (owner), Lee Chen". */
  staff: string;
}

export interface BannerInfo {
  appUrl: string;
  /** Present when the dev command started the Shopify stand-in. */
  shopify?: { standinUrl: string; stores: BannerStoreAdmin[] };
  supportAgent: BannerSignIn;
  /** Present when the dev command started the Postscript sandbox. */
  sandbox?: { inboxUrl: string; apiBaseUrl: string; demoKey: string; klaviyoDemoKey: string; twilioPhonesUrl?: string };
  /** The Postscript API the app talks to when no sandbox was started. */
  postscriptApiBaseUrl: string;
  database: { kind: "embedded"; dataDir: string; url: string } | { kind: "external"; url: string };
  /** Relative paths read better than absolute ones in a banner. */
  secretsFile?: string;
  dataRoot: string;
}

/** The URL without its password, so the banner never prints a credential from DATABASE_URL. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/** The banner the dev command prints once the app answers: where it is, how to sign in, where data lives. */
export function formatBanner(info: BannerInfo): string {
  const row = (label: string, value: string, width = 17) => `    ${label.padEnd(width)}${value}`;
  const signIn = (account: BannerSignIn) =>
    `${account.email} / ${account.password}${account.note ? `   (${account.note})` : ""}`;

  const lines = ["", `  Signalboard is running at ${info.appUrl}`, ""];
  if (info.shopify) {
    lines.push("  Open the app as a merchant does, from the store's Shopify admin (local Shopify stand-in):");
    const width = Math.max(17, ...info.shopify.stores.map((store) => store.name.length + 2));
    for (const store of info.shopify.stores) lines.push(row(store.name, `${store.adminUrl}   (${store.staff})`, width));
    lines.push(row("All stores", info.shopify.standinUrl, width), "");
  }
  lines.push(
    `  Or log in with a store's domain at ${info.appUrl}/sign-in (e.g. northwind-outfitters.myshopify.com)`,
    row("Support agent", signIn(info.supportAgent)),
    "",
  );
  if (info.sandbox) {
    lines.push(
      "  Postscript sandbox (nothing is really texted)",
      row("Inbox", info.sandbox.inboxUrl),
      row("Demo API key", info.sandbox.demoKey),
      row("Klaviyo demo key", info.sandbox.klaviyoDemoKey),
      row("API", info.sandbox.apiBaseUrl),
    );
    if (info.sandbox.twilioPhonesUrl)
      lines.push(row("Built-in SMS", `${info.sandbox.twilioPhonesUrl}   (Twilio stand-in: each handset's texts)`));
  } else {
    lines.push("  Postscript", row("API", info.postscriptApiBaseUrl));
  }
  lines.push("", "  Data");
  if (info.database.kind === "embedded") {
    lines.push(
      row("Database", `${info.database.dataDir} (embedded PostgreSQL)`),
      row("psql", `psql "${info.database.url}"`),
    );
  } else {
    lines.push(row("Database", `${redactUrl(info.database.url)} (from DATABASE_URL)`));
  }
  if (info.secretsFile) lines.push(row("Dev secrets", info.secretsFile));
  lines.push(
    info.database.kind === "embedded"
      ? row("Reset", `stop this command, delete ${info.dataRoot}/, start again`)
      : row("Reset", "recreate that database; the next start migrates and seeds it again"),
    "",
    "  Press Ctrl-C to stop.",
    "",
  );
  return lines.join("\n");
}
