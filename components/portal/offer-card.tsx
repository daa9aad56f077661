import { Button } from "@/components/ui/button";
import { ProductImage } from "@/components/ui/product-image";
import type { UpsellOffer } from "@/lib/upsell/match-upsell-strategy";
import { formatMoney } from "@/lib/upsell/format-money";

/** One upsell offer: the discounted price beside the regular one, and an Add button. */
export function OfferCard({
  offer,
  currency,
  disabled,
  added,
  onAdd,
}: {
  offer: UpsellOffer;
  currency: string;
  disabled: boolean;
  /** Already in the edit: its quantity is changed in the items list. */
  added: boolean;
  onAdd: () => void;
}) {
  const discounted = offer.price !== offer.compareAtPrice;
  const badge =
    offer.discountType === "percentage"
      ? `${offer.discountAmount}% off`
      : `${formatMoney(offer.discountAmount, currency)} off`;
  const name = offer.variantTitle ? `${offer.productTitle} (${offer.variantTitle})` : offer.productTitle;
  return (
    <li className="flex flex-col rounded-lg ring-1 ring-slate-200">
      <span className="flex aspect-square items-center justify-center overflow-hidden rounded-t-lg bg-slate-100">
        <ProductImage src={offer.imageUrl} alt={offer.productTitle} />
      </span>
      <div className="flex flex-1 flex-col gap-1 p-3">
        <p className="text-sm font-medium text-slate-900">{offer.productTitle}</p>
        {offer.variantTitle ? <p className="text-xs text-slate-600">{offer.variantTitle}</p> : null}
        <p className="text-sm">
          <span className="font-semibold text-slate-900">{formatMoney(offer.price, currency)}</span>{" "}
          {discounted ? <s className="text-slate-500">{formatMoney(offer.compareAtPrice, currency)}</s> : null}
        </p>
        {discounted ? (
          <span className="w-fit rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800">
            {badge}
          </span>
        ) : null}
        <Button
          variant="secondary"
          className="mt-auto"
          onClick={onAdd}
          disabled={disabled || added}
          aria-label={added ? `${name} added` : `Add ${name}`}
        >
          {added ? "Added ✓" : "Add"}
        </Button>
      </div>
    </li>
  );
}
