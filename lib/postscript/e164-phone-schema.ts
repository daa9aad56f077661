import { z } from "zod";

/** A phone number in E.164 form (`+` then 7–15 digits, no leading zero), the only form Postscript accepts. */
export const e164PhoneSchema = z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 phone number like +15555550123");
