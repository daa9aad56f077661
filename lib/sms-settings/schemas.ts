import { z } from "zod";
import { SmsProvider } from "@/lib/generated/prisma/enums";
import { extractMergeTags } from "./extract-merge-tags";
import { SMS_TEMPLATE_KINDS, SMS_TEMPLATE_MAX_LENGTH, SMS_TEMPLATES } from "./sms-templates";

const shopId = z
  .string({ message: "Shop not found." })
  .min(1, { message: "Shop not found." })
  .max(64, { message: "Shop not found." });

export const setSmsProviderSchema = z.object({
  shopId,
  provider: z.enum(SmsProvider, { message: "Choose Built-in SMS, Klaviyo or Postscript." }),
});
export type SetSmsProviderInput = z.infer<typeof setSmsProviderSchema>;

const tagList = (tags: string[]) => tags.map((t) => `{{${t}}}`).join(", ");

export const saveSmsTemplateSchema = z
  .object({
    shopId,
    kind: z.enum(SMS_TEMPLATE_KINDS, { message: "Choose which message to save." }),
    text: z
      .string({ message: "Write the message text." })
      .trim()
      .min(1, { message: "Write the message text." })
      .max(SMS_TEMPLATE_MAX_LENGTH, {
        error: (issue) =>
          `Keep the message to ${SMS_TEMPLATE_MAX_LENGTH.toLocaleString("en-US")} characters or fewer (it has ${String(issue.input).length.toLocaleString("en-US")}).`,
      }),
  })
  .superRefine(({ kind, text }, ctx) => {
    const { tags, strayBraces } = extractMergeTags(text);
    const known = new Set<string>(SMS_TEMPLATES[kind].mergeTags.map((t) => t.name));
    const unknown = tags.filter((t) => !known.has(t));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["text"],
        message: `${unknown.length === 1 ? "Unknown merge tag" : "Unknown merge tags"} ${tagList(unknown)}: use one of the merge tags listed for this message.`,
      });
    } else if (strayBraces) {
      ctx.addIssue({
        code: "custom",
        path: ["text"],
        message: "A merge tag is missing a brace: write tags as {{product_title}}, with two braces on each side.",
      });
    }
  });
export type SaveSmsTemplateInput = z.infer<typeof saveSmsTemplateSchema>;
