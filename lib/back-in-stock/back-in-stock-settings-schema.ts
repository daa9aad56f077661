import { z } from "zod";

export const saveBackInStockSettingsSchema = z.object({
  shopId: z.string().min(1, { message: "Shop not found." }).max(64, { message: "Shop not found." }),
  threshold: z.coerce
    .number({ message: "Enter the stock level as a whole number." })
    .int({ message: "Enter the stock level as a whole number." })
    .min(0, { message: "The threshold cannot be negative." })
    .max(100_000, { message: "The threshold can be at most 100,000 units." }),
  batchPerUnit: z.coerce
    .number({ message: "Enter how many customers to alert per unit." })
    .int({ message: "Enter a whole number of customers per unit." })
    .min(1, { message: "Alert at least 1 customer per unit, or turn batching off." })
    .max(1_000, { message: "At most 1,000 customers per unit." })
    .nullable(),
  reminderEnabled: z.boolean({ message: "Choose whether to send reminders." }),
  reminderDelayMinutes: z.coerce
    .number({ message: "Enter the reminder delay in minutes." })
    .int({ message: "Enter the reminder delay in whole minutes." })
    .min(15, { message: "Send reminders at least 15 minutes after the alert." })
    .max(14 * 24 * 60, { message: "Send reminders within 14 days of the alert." }),
});
export type SaveBackInStockSettingsInput = z.infer<typeof saveBackInStockSettingsSchema>;
