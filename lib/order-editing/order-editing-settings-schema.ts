import { z } from "zod";

/** The editing windows a merchant can pick, in minutes; "until fulfilled" is a separate switch. */
export const EDIT_WINDOW_CHOICES = [
  { minutes: 30, label: "30 minutes" },
  { minutes: 60, label: "1 hour" },
  { minutes: 120, label: "2 hours" },
  { minutes: 720, label: "12 hours" },
  { minutes: 1440, label: "24 hours" },
  { minutes: 2880, label: "48 hours" },
] as const;

const minutes = (label: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${label} must be a number of minutes` })
    .int({ message: `${label} must be a whole number of minutes` })
    .min(min, { message: `${label} must be at least ${min} minutes` })
    .max(max, { message: `${label} must be at most ${max} minutes` });

/** One schema for the settings form and its server action. */
export const orderEditingSettingsSchema = z
  .object({
    shopId: z.string().min(1),
    /** A minute count from EDIT_WINDOW_CHOICES, or "fulfilled" for "until the order is fulfilled". */
    editWindow: z
      .union([z.literal("fulfilled"), z.coerce.number().int()])
      .refine((v) => v === "fulfilled" || EDIT_WINDOW_CHOICES.some((c) => c.minutes === v), {
        message: "Choose one of the editing windows offered",
      }),
    abandonedDelayMinutes: minutes("The abandoned-edit delay", 5, 1440),
    deadlineNudgeEnabled: z.boolean(),
    deadlineNudgeMinutes: minutes("The nudge lead time", 5, 1440),
    notifyPostscript: z.boolean(),
    notifyKlaviyo: z.boolean(),
    /** Shopify's own "order updated" email on each saved edit (orderEditCommit's notifyCustomer). */
    notifyCustomerOnEdit: z.boolean(),
  })
  .refine((s) => s.editWindow === "fulfilled" || !s.deadlineNudgeEnabled || s.deadlineNudgeMinutes < s.editWindow, {
    path: ["deadlineNudgeMinutes"],
    message: "The nudge must come before the window closes: choose a lead time shorter than the editing window",
  });

export type OrderEditingSettingsInput = z.infer<typeof orderEditingSettingsSchema>;
