import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { EditOrderBlock } from "./edit-order-block";

/** customer-account.order-status.block.render: a signed-in customer's order (the session token names them). */
async function renderOrderStatus() {
  render(
    <EditOrderBlock
      orderId={shopify.order.value?.id}
      email={undefined}
      sessionToken={shopify.sessionToken}
      translate={(key) => shopify.i18n.translate(key)}
    />,
    document.body,
  );
}

export default renderOrderStatus;
