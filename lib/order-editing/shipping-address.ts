import { z } from "zod";

const line = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} must be at most ${max} characters` });
const required = (label: string, max: number) => line(label, max).min(1, { message: `${label} is required` });

/** A shipping address as the portal edits it and the order stores it; the same schema checks the form and the action. */
export const shippingAddressSchema = z.object({
  name: required("Name", 120),
  address1: required("Address", 200),
  address2: line("Apartment, suite, etc.", 200),
  city: required("City", 120),
  province: line("State / province", 120),
  zip: required("ZIP / postal code", 20).regex(/^[A-Za-z0-9 -]+$/, {
    message: "ZIP / postal code may contain only letters, digits, spaces and dashes",
  }),
  country: required("Country", 80),
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

/** The stored address back from JSON; anything not shaped like one reads as no address rather than being trusted. */
export function readShippingAddress(value: unknown): ShippingAddress | null {
  const parsed = shippingAddressSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Two addresses are the same when every field matches, ignoring case and surrounding spaces. */
export function sameAddress(a: ShippingAddress | null, b: ShippingAddress | null): boolean {
  if (!a || !b) return a === b;
  return (Object.keys(shippingAddressSchema.shape) as (keyof ShippingAddress)[]).every(
    (key) => a[key].trim().toLowerCase() === b[key].trim().toLowerCase(),
  );
}
