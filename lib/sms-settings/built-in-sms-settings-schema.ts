import { z } from "zod";

const shopId = z
  .string({ message: "Shop not found." })
  .min(1, { message: "Shop not found." })
  .max(64, { message: "Shop not found." });
const hour = (label: string) =>
  z.coerce
    .number({ message: `Choose the hour quiet hours ${label}.` })
    .int({ message: `Choose a whole hour for when quiet hours ${label}.` })
    .min(0, { message: `Quiet hours ${label} at an hour from 00 to 23.` })
    .max(23, { message: `Quiet hours ${label} at an hour from 00 to 23.` });

/** Built-in SMS settings: quiet hours in the recipient's time zone and the sender's pace. */
export const builtInSmsSettingsSchema = z
  .object({
    shopId,
    quietHoursEnabled: z.boolean({ message: "Say whether quiet hours are on." }),
    quietStartHour: hour("start"),
    quietEndHour: hour("end"),
    sendPerSecond: z.coerce
      .number({ message: "Enter how many texts per second to send." })
      .int({ message: "Enter a whole number of texts per second." })
      .min(1, { message: "Send at least 1 text per second." })
      .max(100, {
        message: "Send at most 100 texts per second (Twilio queues anything faster than the sender's rate).",
      }),
  })
  .refine((s) => !s.quietHoursEnabled || s.quietStartHour !== s.quietEndHour, {
    path: ["quietEndHour"],
    message: "Quiet hours must end at a different hour than they start.",
  });
export type BuiltInSmsSettingsInput = z.infer<typeof builtInSmsSettingsSchema>;
