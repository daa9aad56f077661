import type { ShopReport } from "./get-shop-report";

export type ColumnFormat = "text" | "int" | "money" | "percent" | "minutes";
export type ReportColumn = { label: string; format: ColumnFormat };
export type ReportCell = string | number | null;
export type ReportTable = { id: string; title: string; columns: ReportColumn[]; rows: ReportCell[][] };

const text = (label: string): ReportColumn => ({ label, format: "text" });
const int = (label: string): ReportColumn => ({ label, format: "int" });
const money = (label: string): ReportColumn => ({ label, format: "money" });
const percent = (label: string): ReportColumn => ({ label, format: "percent" });
const minutes = (label: string): ReportColumn => ({ label, format: "minutes" });

const CHANGE_LABELS: Record<string, string> = {
  quantities: "Quantities changed",
  additions: "Items added",
  removals: "Items removed",
  address: "Address changed",
};

/**
 * Every table of the Reports page, in order, as plain rows: the page renders them under the charts and the CSV
 * export writes them, so the download is exactly what the merchant sees.
 */
export function reportTables(report: ShopReport): ReportTable[] {
  const { demand, sends, clicks, conversions, preorders, editing } = report;
  const sendColumns = [int("Delivered"), int("Unconfirmed"), int("Failed"), int("Skipped"), int("Queued")];
  return [
    {
      id: "signups-by-day",
      title: "Signups per day",
      columns: [text("Day"), int("Signups")],
      rows: demand.signupsByDay.map((d) => [d.day, d.signups]),
    },
    {
      id: "signup-sources",
      title: "Signup sources",
      columns: [text("Source"), int("Signups")],
      rows: demand.sources.map((s) => [s.channel, s.signups]),
    },
    {
      id: "most-wanted",
      title: "Most wanted while sold out",
      columns: [text("Product"), text("Variant"), int("Waiting"), money("Price"), money("Estimated revenue waiting")],
      rows: demand.mostWanted.map((m) => [m.product, m.variant, m.waiting, m.price, m.revenueWaiting]),
    },
    {
      id: "sends-by-day",
      title: "Alerts, reminders and confirmations per day",
      columns: [text("Day"), ...sendColumns],
      rows: sends.byDay.map((d) => [d.day, d.delivered, d.unconfirmed, d.failed, d.skipped, d.queued]),
    },
    {
      id: "sends-by-type",
      title: "Sends by message",
      columns: [text("Message"), ...sendColumns],
      rows: sends.byType.map((t) => [t.label, t.delivered, t.unconfirmed, t.failed, t.skipped, t.queued]),
    },
    {
      id: "skip-reasons",
      title: "Why sends were skipped",
      columns: [text("Reason"), int("Skipped")],
      rows: sends.skipReasons.map((s) => [s.reason, s.count]),
    },
    {
      id: "clicks-by-day",
      title: "Link clicks per day",
      columns: [text("Day"), int("Clicks")],
      rows: clicks.byDay.map((d) => [d.day, d.clicks]),
    },
    {
      id: "recovered-by-day",
      title: "Recovered orders per day",
      columns: [text("Day"), int("Orders"), money("Recovered revenue")],
      rows: conversions.byDay.map((d) => [d.day, d.orders, d.revenue]),
    },
    {
      id: "conversions-by-product",
      title: "Conversions by product",
      columns: [
        text("Product"),
        text("Variant"),
        int("Alerts delivered"),
        int("Clicks"),
        int("Orders"),
        percent("Conversion rate"),
        money("Recovered revenue"),
        minutes("Average time to order"),
      ],
      rows: conversions.byProduct.map((p) => [
        p.product,
        p.variant,
        p.alerted,
        p.clicks,
        p.orders,
        p.rate,
        p.revenue,
        p.averageMinutesToOrder,
      ]),
    },
    {
      id: "preorders-by-variant",
      title: "Preorders by variant",
      columns: [text("Product"), text("Variant"), int("Orders"), int("Units"), money("Revenue")],
      rows: preorders.byVariant.map((p) => [p.product, p.variant, p.orders, p.units, p.revenue]),
    },
    {
      id: "edits-by-day",
      title: "Order edits per day",
      columns: [text("Day"), int("Started"), int("Saved"), int("Abandoned")],
      rows: editing.byDay.map((d) => [d.day, d.started, d.saved, d.abandoned]),
    },
    {
      id: "edit-changes",
      title: "What saved edits changed",
      columns: [text("Change"), int("Saved edits")],
      rows: editing.changes.map((c) => [CHANGE_LABELS[c.kind] ?? c.kind, c.count]),
    },
    {
      id: "upsells-by-strategy",
      title: "Upsells by strategy",
      columns: [text("Strategy"), int("Shown"), int("Accepted"), percent("Acceptance rate"), money("Upsell revenue")],
      rows: editing.upsells.map((u) => [u.strategy, u.shown, u.accepted, u.rate, u.revenue]),
    },
  ];
}
