import { prisma } from "@/lib/db/prisma";
import { verifyPostscriptKey, type VerifyOutcome } from "@/lib/postscript-connection/verify-postscript-key";
import type { ReverifyKeyInput } from "./support-action-schemas";
import type { SupportContext } from "./run-support-action";

export type ReverifyOutcome = VerifyOutcome & { previous: string; keyLast4: string | null; restored: boolean };

/**
 * Checks the shop's saved Postscript key with Postscript again, for an agent (the same check as the merchant's
 * "Verify again"). `restored` says the key works again after it did not, so held sending can resume.
 */
export async function reverifyKey(input: ReverifyKeyInput, ctx: SupportContext): Promise<ReverifyOutcome> {
  const before = await prisma.integration.findUnique({
    where: { shopId_provider: { shopId: ctx.shop.id, provider: "POSTSCRIPT" } },
    select: { verification: true, keyLast4: true },
  });
  const outcome = await verifyPostscriptKey({ shopId: input.shopId }, ctx);
  const previous = before?.verification ?? "UNVERIFIED";
  return {
    ...outcome,
    previous,
    keyLast4: before?.keyLast4 ?? null,
    restored: outcome.verification === "VERIFIED" && previous !== "VERIFIED",
  };
}
