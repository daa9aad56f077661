// Real private keys are pk_ and 34 hex characters; the sandbox's are pk_sandbox_…, so only the shape is checked.
const PRIVATE_KEY = /^pk_[A-Za-z0-9_-]{12,}$/;
// Klaviyo's public API key (site id, company id) is 6 letters and digits.
const PUBLIC_KEY = /^[A-Za-z0-9]{6}$/;

/**
 * Why a pasted text cannot be a Klaviyo Private API Key, as a sentence saying what to paste instead, or null
 * when it looks like one. Catches the usual mix-ups (the public site id, a Postscript key, a partial copy)
 * before Klaviyo is asked.
 */
export function klaviyoKeyProblem(key: string): string | null {
  if (PRIVATE_KEY.test(key)) return null;
  if (/\s/.test(key)) return "The key contains spaces or line breaks: copy only the Private API Key.";
  if (PUBLIC_KEY.test(key)) {
    return "That is your Klaviyo Public API Key (the 6-character site ID). Signalboard needs a Private API Key: it starts with pk_.";
  }
  if (key.startsWith("sk_"))
    return "That looks like a Postscript key (sk_…). Paste your Klaviyo Private API Key: it starts with pk_.";
  if (!key.startsWith("pk_"))
    return "Klaviyo Private API Keys start with pk_: copy the whole key from Klaviyo → Settings → API keys.";
  return "That is not a whole Klaviyo Private API Key: copy the complete key (pk_ followed by letters and digits).";
}
