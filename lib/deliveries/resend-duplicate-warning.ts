/** Shown wherever someone may resend an UNCONFIRMED delivery (kept apart so client components can import it). */
export const RESEND_DUPLICATE_WARNING =
  "Postscript may already have this event: the request left but no answer came. Resending it may text the customer twice.";
