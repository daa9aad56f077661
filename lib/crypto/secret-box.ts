import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

const VERSION = "v1";

function key(keyBase64?: string): Buffer {
  return Buffer.from(keyBase64 ?? env().ENCRYPTION_KEY, "base64");
}

/**
 * Encrypts a secret with AES-256-GCM under ENCRYPTION_KEY. The random IV and the auth tag travel with the
 * ciphertext (`v1.iv.tag.ciphertext`, base64url), so tampering is detected on decrypt.
 */
export function encryptSecret(plaintext: string, keyBase64?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(keyBase64), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** Decrypts what encryptSecret produced; throws if the value was altered or the key is wrong. */
export function decryptSecret(sealed: string, keyBase64?: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined)
    throw new Error("Unrecognised encrypted secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(keyBase64), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
