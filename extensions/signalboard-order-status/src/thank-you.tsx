import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { EditOrderBlock } from "./edit-order-block";

/** purchase.thank-you.block.render: the order just placed; a guest is recognised by the checkout email. */
async function renderThankYou() {
  render(
    <EditOrderBlock
      orderId={shopify.orderConfirmation.value.order.id}
      email={shopify.buyerIdentity?.email.value}
      sessionToken={shopify.sessionToken}
      translate={(key) => shopify.i18n.translate(key)}
    />,
    document.body,
  );
}

export default renderThankYou;
