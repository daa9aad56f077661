/** The integrations whose saved keys the key check re-verifies. */
export type KeyProvider = "POSTSCRIPT" | "KLAVIYO";
