import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { SetPostscriptEnabledInput } from "./schemas";

/** Turns sending to Postscript on or off without touching the saved key. */
export async function setPostscriptEnabled(input: SetPostscriptEnabledInput, ctx: ShopContext): Promise<{ enabled: boolean }> {
  const { count } = await prisma.postscriptIntegration.updateMany({
    where: { shopId: ctx.shop.id, encryptedKey: { not: null } },
    data: { enabled: input.enabled },
  });
  if (count === 0) throw new AppError("BAD_REQUEST", "Connect a Postscript API key before enabling or disabling the integration.");
  await recordAudit(ctx, input.enabled ? "postscript.enabled" : "postscript.disabled");
  return { enabled: input.enabled };
}
