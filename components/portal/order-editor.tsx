"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { ProductImage } from "@/components/ui/product-image";
import { useAction } from "@/lib/actions/use-action";
import { beginOrderEditAction, saveOrderEditAction } from "@/lib/order-editing/portal-actions";
import type { PortalView } from "@/lib/order-editing/get-portal-view";
import type { EditBalance } from "@/lib/order-editing/save-order-edit";
import type { ShippingAddress } from "@/lib/order-editing/shipping-address";
import { AddressForm } from "./address-form";
import { CatalogPicker } from "./catalog-picker";
import { editedOrderTotal, subtotalCents } from "@/lib/order-editing/edited-order-total";
import { formatMoney } from "@/lib/upsell/format-money";
import { formatHundredths } from "@/lib/upsell/hundredths";
import { OfferCard } from "./offer-card";
import { QuantityStepper } from "./quantity-stepper";
import { TimeLeft } from "./time-left";

type OpenView = Extract<PortalView, { kind: "open" }>;
type Added = { variantId: string; quantity: number };

const EMPTY_ADDRESS: ShippingAddress = {
  name: "",
  address1: "",
  address2: "",
  city: "",
  province: "",
  zip: "",
  country: "",
};

/**
 * The customer's order with its editing controls. Nothing is sent until "Edit order" (which starts the edit
 * session and its events); quantities, additions and the address are then changed locally and saved at once.
 */
export function OrderEditor({ token, view }: { token: string; view: OpenView }) {
  const [editId, setEditId] = useState<string | null>(view.openEditId);
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [added, setAdded] = useState<Added[]>([]);
  const [address, setAddress] = useState<ShippingAddress | null>(null);
  const [saved, setSaved] = useState<{ summary: string; totalPrice: string; balance: EditBalance } | null>(null);
  const [closed, setClosed] = useState(false);
  // Starting an edit changes nothing on the page but the controls: no refresh until a save.
  const beginEdit = useAction(beginOrderEditAction, {
    refresh: false,
    onSuccess: (data) => setEditId(data.orderEditId),
  });
  const saveEdit = useAction(saveOrderEditAction, {
    onSuccess: (data) => {
      setSaved(data);
      setEditId(null);
      reset();
    },
  });
  // GONE: the window closed while the customer was editing; the controls lock with the server's message.
  if (saveEdit.result && !saveEdit.result.ok && saveEdit.result.code === "GONE" && !closed) setClosed(true);
  const error = beginEdit.error ?? saveEdit.error;
  const starting = beginEdit.pending;
  const saving = saveEdit.pending;
  const editing = editId !== null;

  const priceOf = useMemo(() => {
    const prices = new Map(view.catalog.map((v) => [v.variantId, v.price]));
    for (const offer of view.offers) prices.set(offer.variantId, offer.price);
    return prices;
  }, [view]);
  const nameOf = useMemo(() => {
    const names = new Map(
      view.catalog.map((v) => [v.variantId, v.variantTitle ? `${v.productTitle} (${v.variantTitle})` : v.productTitle]),
    );
    for (const offer of view.offers)
      names.set(
        offer.variantId,
        offer.variantTitle ? `${offer.productTitle} (${offer.variantTitle})` : offer.productTitle,
      );
    return names;
  }, [view]);

  const quantityOf = (index: number) => quantities[index] ?? view.lines[index]!.quantity;
  const afterLines = [
    ...view.lines.map((line) => ({ price: line.price, quantity: quantityOf(line.index) })),
    ...added.map((a) => ({ price: priceOf.get(a.variantId) ?? null, quantity: a.quantity })),
  ];
  const subtotal = formatHundredths(subtotalCents(afterLines));
  const total = editedOrderTotal(view.totalPrice, view.lines, afterLines);
  const difference = subtotalCents(afterLines) - subtotalCents(view.lines);
  const dirty =
    Object.entries(quantities).some(([i, q]) => view.lines[Number(i)]!.quantity !== q) ||
    added.length > 0 ||
    address !== null;

  function reset() {
    setQuantities({});
    setAdded([]);
    setAddress(null);
    beginEdit.reset();
    saveEdit.reset();
  }

  const begin = () => {
    setSaved(null);
    void beginEdit.execute(token);
  };

  const add = (variantId: string, quantity = 1) => {
    setAdded((list) => {
      const existing = list.find((a) => a.variantId === variantId);
      return existing
        ? list.map((a) => (a === existing ? { ...a, quantity: Math.min(99, a.quantity + quantity) } : a))
        : [...list, { variantId, quantity }];
    });
  };

  const save = () => {
    if (!editId) return;
    void saveEdit.execute({
      token,
      orderEditId: editId,
      lines: Object.entries(quantities).map(([index, quantity]) => ({ index: Number(index), quantity })),
      added,
      shippingAddress: address,
    });
  };

  return (
    <div className="space-y-5">
      <TimeLeft deadline={view.deadline} deadlineLocal={view.deadlineLocal} onClosed={() => setClosed(true)} />

      {saved ? (
        <div
          role="status"
          className="rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200"
        >
          <p className="font-medium">Your changes are saved.</p>
          <p className="mt-0.5">{saved.summary}</p>
          {saved.balance ? (
            <p className="mt-1" data-testid="edit-balance">
              {saved.balance.kind === "due"
                ? `Balance due: ${formatMoney(saved.balance.amount, saved.balance.currency)}. The store will send you an invoice to pay it.`
                : `Refund: ${formatMoney(saved.balance.amount, saved.balance.currency)} goes back to your original payment method.`}
            </p>
          ) : null}
        </div>
      ) : view.lastSaved && !editing ? (
        <p className="text-sm text-slate-600">Last change saved: {view.lastSaved.summary}</p>
      ) : null}

      {error ? (
        <div role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </div>
      ) : null}

      <section className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200" aria-labelledby="items-heading">
        <header className="flex items-center justify-between gap-4 border-b border-slate-100 px-5 py-4">
          <h2 id="items-heading" className="text-base font-semibold text-slate-900">
            Items
          </h2>
          {!editing ? (
            <Button onClick={begin} pending={starting} disabled={closed}>
              Edit order
            </Button>
          ) : null}
        </header>
        <ul className="divide-y divide-slate-100">
          {view.lines.map((line) => {
            const quantity = quantityOf(line.index);
            const name = line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title;
            return (
              <li
                key={line.index}
                className={`flex items-center gap-4 px-5 py-3 ${quantity === 0 ? "opacity-50" : ""}`}
              >
                <Thumb src={line.imageUrl} />
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-slate-900">{line.title}</p>
                  {line.variantTitle ? <p className="text-sm text-slate-600">{line.variantTitle}</p> : null}
                  <p className="text-sm text-slate-600">{line.price ? formatMoney(line.price, view.currency) : null}</p>
                </div>
                {editing ? (
                  <div className="flex items-center gap-2">
                    <QuantityStepper
                      label={name}
                      value={quantity}
                      min={0}
                      onChange={(q) => setQuantities((all) => ({ ...all, [line.index]: q }))}
                    />
                    {quantity > 0 ? (
                      <Button
                        variant="ghost"
                        onClick={() => setQuantities((all) => ({ ...all, [line.index]: 0 }))}
                        aria-label={`Remove ${name}`}
                      >
                        Remove
                      </Button>
                    ) : (
                      <Button
                        variant="ghost"
                        onClick={() => setQuantities((all) => ({ ...all, [line.index]: line.quantity }))}
                        aria-label={`Undo removing ${name}`}
                      >
                        Undo
                      </Button>
                    )}
                  </div>
                ) : (
                  <span className="text-sm text-slate-700">× {quantity}</span>
                )}
              </li>
            );
          })}
          {added.map((a) => (
            <li key={a.variantId} className="flex items-center gap-4 bg-brand-50/40 px-5 py-3">
              <Thumb
                src={
                  view.offers.find((o) => o.variantId === a.variantId)?.imageUrl ??
                  view.catalog.find((v) => v.variantId === a.variantId)?.imageUrl ??
                  null
                }
              />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{nameOf.get(a.variantId)}</p>
                <p className="text-sm text-slate-600">
                  Added · {formatMoney(priceOf.get(a.variantId) ?? "0", view.currency)}
                </p>
              </div>
              <QuantityStepper
                label={nameOf.get(a.variantId) ?? "added item"}
                value={a.quantity}
                min={0}
                onChange={(q) =>
                  setAdded((list) =>
                    q === 0
                      ? list.filter((x) => x.variantId !== a.variantId)
                      : list.map((x) => (x.variantId === a.variantId ? { ...x, quantity: q } : x)),
                  )
                }
              />
            </li>
          ))}
        </ul>
        <footer className="space-y-1 border-t border-slate-100 px-5 py-3 text-sm">
          <div className="flex items-center justify-between">
            <span className="text-slate-600">
              {editing && dirty ? "Items subtotal after your changes" : "Items subtotal"}
            </span>
            <span className="text-slate-900">{formatMoney(subtotal, view.currency)}</span>
          </div>
          <div className="flex items-center justify-between">
            <span className="font-medium text-slate-900">
              {editing && dirty ? "Order total after your changes" : "Order total"}
            </span>
            <span className="font-semibold text-slate-900">{formatMoney(total, view.currency)}</span>
          </div>
          <p className="text-xs text-slate-500">
            {difference > 0
              ? `Shipping and taxes stay as on your order. ${view.shopName} will ask you to pay the extra ${formatMoney(formatHundredths(difference), view.currency)} for the edited order.`
              : difference < 0
                ? `Shipping and taxes stay as on your order. ${view.shopName} refunds the ${formatMoney(formatHundredths(-difference), view.currency)} difference to your original payment method.`
                : "Includes shipping and taxes, as on your order."}
          </p>
        </footer>
      </section>

      {view.offers.length > 0 ? (
        <section
          aria-labelledby="offers-heading"
          className="rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200"
        >
          <h2 id="offers-heading" className="text-base font-semibold text-slate-900">
            Add to your order
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {editing
              ? "Special prices while you edit this order."
              : "Press “Edit order” to add these at a special price."}
          </p>
          <ul className="mt-3 grid gap-3 sm:grid-cols-3">
            {view.offers.map((offer) => (
              <OfferCard
                key={offer.variantId}
                offer={offer}
                currency={view.currency}
                disabled={!editing || closed}
                added={added.some((a) => a.variantId === offer.variantId)}
                onAdd={() => add(offer.variantId)}
              />
            ))}
          </ul>
        </section>
      ) : null}

      {editing && view.catalog.length > 0 ? (
        <section
          aria-labelledby="catalog-heading"
          className="rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200"
        >
          <h2 id="catalog-heading" className="text-base font-semibold text-slate-900">
            Add another item
          </h2>
          <CatalogPicker catalog={view.catalog} currency={view.currency} onAdd={add} />
        </section>
      ) : null}

      <section
        aria-labelledby="address-heading"
        className="rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200"
      >
        <div className="flex items-center justify-between gap-4">
          <h2 id="address-heading" className="text-base font-semibold text-slate-900">
            Shipping address
          </h2>
          {editing && address === null ? (
            <Button variant="secondary" onClick={() => setAddress(view.shippingAddress ?? EMPTY_ADDRESS)}>
              Change address
            </Button>
          ) : null}
        </div>
        {address !== null ? (
          <AddressForm
            value={address}
            errors={saveEdit.fieldErrors}
            onChange={setAddress}
            onCancel={() => setAddress(null)}
          />
        ) : view.shippingAddress ? (
          <address className="mt-2 text-sm not-italic text-slate-700">
            {view.shippingAddress.name}
            <br />
            {view.shippingAddress.address1}
            {view.shippingAddress.address2 ? `, ${view.shippingAddress.address2}` : ""}
            <br />
            {view.shippingAddress.city}
            {view.shippingAddress.province ? `, ${view.shippingAddress.province}` : ""} {view.shippingAddress.zip}
            <br />
            {view.shippingAddress.country}
          </address>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No shipping address on this order.</p>
        )}
      </section>

      {editing ? (
        <div className="sticky bottom-0 flex flex-wrap items-center justify-end gap-3 rounded-xl bg-white/95 px-5 py-4 shadow-lg ring-1 ring-slate-200 backdrop-blur">
          <p className="mr-auto text-sm text-slate-600">
            {dirty ? "You have unsaved changes." : "Change a quantity, add an item or update the address."}
          </p>
          <Button
            variant="secondary"
            onClick={() => {
              reset();
              setEditId(null);
            }}
            disabled={saving}
          >
            Cancel
          </Button>
          <Button onClick={save} pending={saving} disabled={!dirty || closed}>
            Save changes
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function Thumb({ src }: { src: string | null }) {
  return (
    <span className="flex h-14 w-14 flex-none items-center justify-center overflow-hidden rounded-md bg-slate-100">
      <ProductImage src={src} alt="" />
    </span>
  );
}
