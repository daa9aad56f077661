import twilio from "twilio";

/**
 * Whether a webhook really comes from Twilio: `X-Twilio-Signature` checked by the kept library against the URL
 * Twilio was given (our public URL, never the request's Host header) and the form parameters.
 */
export function verifyTwilioRequest(
  authToken: string,
  signature: string | null,
  publicUrl: string,
  params: Record<string, string>,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, publicUrl, params);
}
