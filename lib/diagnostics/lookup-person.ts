import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { getPersonTimeline, type PersonTimeline } from "./get-person-timeline";
import type { PersonLookupInput } from "./person-lookup-schema";

/**
 * "Why didn't X get a text?" for the signed-in merchant or support agent (read-only). An agent's lookup is
 * audited with the masked phone or email, since it says whether someone is a customer of the shop.
 */
export async function lookupPerson(input: PersonLookupInput, ctx: ShopContext): Promise<PersonTimeline> {
  const timeline = await getPersonTimeline(ctx.shop.id, input.query);
  if (!timeline) throw new AppError("NOT_FOUND", "Shop not found.");
  if (ctx.role === "SUPPORT_AGENT")
    await recordAudit(ctx, "support.person_looked_up", { who: timeline.who, found: timeline.entries.length > 0 });
  return timeline;
}
