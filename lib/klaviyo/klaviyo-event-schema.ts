import { z } from "zod";
import { e164PhoneSchema } from "@/lib/postscript/e164-phone-schema";

// Limits from Klaviyo's Create Event reference: ≤ 400 properties, metric names under 128 characters, a time
// after the year 2000 and at most a year ahead.
const MAX_PROPERTIES = 400;
const MAX_METRIC_NAME = 127;
const EARLIEST_TIME = Date.UTC(2000, 0, 1);
const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

function isAcceptedTime(value: string): boolean {
  // ISO 8601 with a time zone (Z or ±hh:mm); a bare local time would be read differently by each side.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return false;
  const at = Date.parse(value);
  return !Number.isNaN(at) && at >= EARLIEST_TIME && at <= Date.now() + YEAR_MS;
}

const profileAttributesSchema = z.looseObject({
  email: z
    .string()
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be a valid email address")
    .nullish(),
  phone_number: e164PhoneSchema.nullish(),
  external_id: z.string().min(1, "must not be empty").nullish(),
});

/**
 * The wire body of Klaviyo's `POST /api/events` (JSON:API), as Klaviyo validates it. The client checks its own
 * requests with it before sending and the sandbox answers 400 by the same rules, so both agree on what Klaviyo
 * accepts. Issue paths map onto JSON:API pointers (`/data/attributes/…`).
 */
export const klaviyoEventBodySchema = z.object({
  data: z.object({
    type: z.literal("event", { error: 'must be "event"' }),
    attributes: z.object({
      properties: z
        .record(z.string(), z.unknown(), { error: "properties is required and must be a JSON object" })
        .refine(
          (properties) => Object.keys(properties).length <= MAX_PROPERTIES,
          `an event may have at most ${MAX_PROPERTIES} properties`,
        ),
      time: z
        .string()
        .refine(isAcceptedTime, "must be an ISO 8601 date-time with a time zone, after 2000 and at most a year ahead")
        .nullish(),
      value: z.number().nullish(),
      value_currency: z.string().nullish(),
      unique_id: z.string().min(1, "must not be empty").nullish(),
      metric: z.object({
        data: z.object({
          type: z.literal("metric", { error: 'must be "metric"' }),
          attributes: z.object({
            name: z
              .string({ error: "the metric name is required" })
              .trim()
              .min(1, "the metric name is required")
              .max(MAX_METRIC_NAME, `the metric name must be under ${MAX_METRIC_NAME + 1} characters`),
          }),
        }),
      }),
      profile: z.object({
        data: z
          .object({
            type: z.literal("profile", { error: 'must be "profile"' }),
            id: z.string().nullish(),
            attributes: profileAttributesSchema,
          })
          .refine(
            (profile) =>
              Boolean(
                profile.id ||
                profile.attributes.email ||
                profile.attributes.phone_number ||
                profile.attributes.external_id,
              ),
            {
              error: "a profile needs at least one identifier: email, phone_number or external_id",
            },
          ),
      }),
    }),
  }),
});

export type KlaviyoEventBody = z.infer<typeof klaviyoEventBodySchema>;
