import { z } from "zod";

/** The attribution window form and its server action: whole days from 1 to 30. */
export const attributionWindowSchema = z.object({
  shopId: z.string().min(1, { message: "Shop not found." }).max(64, { message: "Shop not found." }),
  attributionWindowDays: z.coerce
    .number({ message: "Enter the window as a whole number of days." })
    .int({ message: "Enter the window as a whole number of days." })
    .min(1, { message: "The window must be at least 1 day." })
    .max(30, { message: "The window can be at most 30 days." }),
});
export type AttributionWindowInput = z.infer<typeof attributionWindowSchema>;
