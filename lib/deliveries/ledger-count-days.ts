/**
 * The window of the ledger's status counts on the Overview and the support console: rows whose last change (the
 * outcome, for a settled row) falls in the last 30 days. Counting a big shop's whole ledger on every view read a
 * million rows; the window reads a month of them from an index, and each page says it is a month.
 */
export const LEDGER_COUNT_DAYS = 30;
