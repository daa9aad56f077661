import { z } from "zod";

/** Longest name kept, in characters. */
export const WAITLIST_NAME_MAX = 100;

// Shopify variant ids arrive as numbers (Liquid's `variant.id`) or strings, sometimes as Admin API GIDs.
const VARIANT_ID = /^(?:gid:\/\/shopify\/ProductVariant\/)?(\d{1,20})$/;

const variantId = z
  .union([z.string(), z.number()], { message: "Choose a product option before joining the waitlist." })
  .transform((value, ctx) => {
    const text =
      typeof value === "number" ? (Number.isSafeInteger(value) && value > 0 ? String(value) : "") : value.trim();
    const digits = VARIANT_ID.exec(text)?.[1];
    if (!digits) {
      ctx.addIssue({ code: "custom", message: "That product option isn't valid. Refresh the page and try again." });
      return z.NEVER;
    }
    return digits;
  });

// Blank fields are "not given": a storefront form posts every input, filled or not.
const optionalText = (max: number, tooLong: string) =>
  z
    .string({ message: "That doesn't look right. Refresh the page and try again." })
    .max(max, { message: tooLong })
    .nullish()
    .transform((value) => value?.trim() || undefined);

/**
 * A name as plain text: control characters (Postgres rejects NUL; newlines break CSV and SMS) become spaces and
 * runs of whitespace collapse. Markup is kept as typed and is only ever rendered escaped.
 */
const name = z
  .string({ message: "Your name must be text." })
  .nullish()
  .transform(
    (value) =>
      value
        ?.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
        .replace(/\s+/g, " ")
        .trim() || undefined,
  )
  .refine((value) => value === undefined || [...value].length <= WAITLIST_NAME_MAX, {
    message: `Your name must be ${WAITLIST_NAME_MAX} characters or fewer.`,
  });

/** Longest consent disclosure kept, in characters. */
export const CONSENT_TEXT_MAX = 2_000;

/**
 * The storefront's waitlist signup body: `{ variantId, phone?, email?, name?, smsConsent?, consentText?, pageUrl? }`
 * (a phone needs `smsConsent: true` and the exact `consentText` shown; `pageUrl` is the page it was shown on). Only shapes are checked here;
 * the handler then requires a contact, normalises the phone and checks the email, each with its own message.
 */
export const waitlistSignupSchema = z.object(
  {
    variantId,
    phone: optionalText(64, "That phone number doesn't look right. Check it and try again."),
    email: optionalText(254, "That email address is too long. Check it and try again."),
    name,
    smsConsent: z.boolean({ message: "Tick the box to agree to receive texts, or leave only your email." }).nullish(),
    consentText: optionalText(CONSENT_TEXT_MAX, "That consent text is too long. Refresh the page and try again."),
    pageUrl: optionalText(2_000, "That page address is too long. Refresh the page and try again."),
  },
  { message: "We couldn't read your signup. Refresh the page and try again." },
);
export type WaitlistSignup = z.infer<typeof waitlistSignupSchema>;
