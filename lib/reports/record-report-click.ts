import { prisma } from "@/lib/db/prisma";
import { isUncountedRequest } from "./is-uncounted-request";
import { verifyReportLinkToken } from "./report-link-token";
import { shopProductUrl } from "./shop-product-url";
import { requestReportsRollUp } from "./request-reports-roll-up";

/**
 * A tap on a restock alert's short link: null when the token is malformed, tampered with or its restock is gone
 * (the route answers 404); otherwise the product page to forward to. The click is stored only when a person made
 * it (a GET from something that is not a bot or a link preview); nothing about the person is stored.
 */
export async function recordReportClick(
  token: string,
  request: { method: string; userAgent: string | null },
): Promise<{ location: string; counted: boolean } | null> {
  const restockId = verifyReportLinkToken(token);
  if (!restockId) return null;
  const restock = await prisma.restock.findUnique({
    where: { id: restockId },
    select: {
      shopId: true,
      variantId: true,
      shop: { select: { domain: true } },
      variant: { select: { shopifyVariantId: true, product: { select: { handle: true } } } },
    },
  });
  if (!restock) return null;
  const location = shopProductUrl(
    restock.shop.domain,
    restock.variant.product.handle,
    restock.variant.shopifyVariantId,
  );
  if (isUncountedRequest(request.method, request.userAgent)) return { location, counted: false };
  await prisma.reportClick.create({ data: { shopId: restock.shopId, restockId, variantId: restock.variantId } });
  requestReportsRollUp();
  return { location, counted: true };
}
