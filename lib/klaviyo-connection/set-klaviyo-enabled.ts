import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { SetKlaviyoEnabledInput } from "./schemas";

/** Turns sending to Klaviyo on or off without touching the saved key; events for Klaviyo wait while it is off. */
export async function setKlaviyoEnabled(input: SetKlaviyoEnabledInput, ctx: ShopContext): Promise<{ enabled: boolean }> {
  const { count } = await prisma.klaviyoIntegration.updateMany({
    where: { shopId: ctx.shop.id, encryptedKey: { not: null } },
    data: { enabled: input.enabled },
  });
  if (count === 0) throw new AppError("BAD_REQUEST", "Connect a Klaviyo Private API Key before enabling or disabling the integration.");
  await recordAudit(ctx, input.enabled ? "klaviyo.enabled" : "klaviyo.disabled");
  return { enabled: input.enabled };
}
