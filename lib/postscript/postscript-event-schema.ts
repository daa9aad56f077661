import { z } from "zod";
import { e164PhoneSchema } from "@/lib/postscript/e164-phone-schema";

const MAX_PROPERTIES = 100;

// Postscript's documented UTC form; the fraction is optional because the API parses whole seconds too.
const OCCURRED_AT_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?$/;

function isRealTimestamp(value: string): boolean {
  const match = OCCURRED_AT_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2024-02-31 over into March; a round trip exposes such impossible dates.
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

const propertyValueSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: "property values must be strings, numbers or booleans (no nested objects, arrays or null)",
});

/**
 * The wire body of `POST /api/v2/events` as Postscript validates it. The client checks its own requests with it
 * before sending, and the sandbox answers 400 with the same rules, so both agree on what Postscript accepts.
 */
export const postscriptEventSchema = z
  .object({
    type: z
      .string({ error: "type is required" })
      .regex(/^[A-Za-z0-9_]{1,255}$/, "type must be 1–255 letters, digits or underscores"),
    subscriber_id: z.string().min(1, "subscriber_id must not be empty").nullish(),
    phone: e164PhoneSchema.nullish(),
    email: z
      .string()
      .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address")
      .nullish(),
    occurred_at: z
      .string()
      .refine(isRealTimestamp, "occurred_at must be a UTC time like 2024-05-01 14:03:00.000000")
      .nullish(),
    properties: z
      .record(z.string(), propertyValueSchema, { error: "properties must be a flat JSON object" })
      .refine(
        (properties) => Object.keys(properties).length <= MAX_PROPERTIES,
        `properties may have at most ${MAX_PROPERTIES} keys`,
      )
      .optional(),
    external_id: z.string().nullish(),
  })
  .refine((body) => Boolean(body.subscriber_id || body.phone || body.email), {
    error: "at least one of subscriber_id, phone or email is required",
  });

export type PostscriptEventBody = z.infer<typeof postscriptEventSchema>;
