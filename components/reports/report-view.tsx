import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatReportCell } from "@/lib/reports/format-report-cell";
import type { ShopReport } from "@/lib/reports/get-shop-report";
import type { ReportRange } from "@/lib/reports/report-range";
import { reportTables, type ReportTable } from "@/lib/reports/report-tables";
import { formatShopTime } from "@/lib/format/format-shop-time";
import { ReportChart } from "./report-chart";
import { ReportDataTable } from "./report-data-table";
import { ReportRangePicker } from "./report-range-picker";

const COLORS = {
  delivered: "#059669",
  unconfirmed: "#d97706",
  failed: "#dc2626",
  skipped: "#94a3b8",
  queued: "#6366f1",
  brand: "#3b54d6",
  accent: "#0891b2",
};

type Props = {
  report: ShopReport;
  range: ReportRange;
  /** The page the range picker links to (the dashboard's or the support console's Reports). */
  basePath: string;
  /** The shop's CSV export route; the table id and the range are added. */
  csvBase: string;
};

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {hint ? <dd className="mt-0.5 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

/** The whole Reports page body for one shop and range: summary, charts, and the tables beneath them. */
export function ReportView({ report, range, basePath, csvBase }: Props) {
  const tables = new Map(reportTables(report).map((t) => [t.id, t]));
  const t = (id: string) => tables.get(id)!;
  const query = new URLSearchParams(
    range.preset === "custom" ? { range: "custom", from: range.from, to: range.to } : { range: range.preset },
  ).toString();
  // Cells are formatted here, so the browser gets each one as the text it shows.
  const table = (item: ReportTable, folded = false) => (
    <ReportDataTable
      table={{
        ...item,
        rows: item.rows.map((row) =>
          row.map((cell, i) => formatReportCell(cell, item.columns[i]!.format, report.currency)),
        ),
      }}
      csvHref={`${csvBase}/${item.id}?${query}`}
      folded={folded}
    />
  );
  const money = (n: number) => formatReportCell(n, "money", report.currency);
  const count = (n: number) => formatReportCell(n, "int", report.currency);
  const pct = (n: number | null) => (n === null ? "—" : formatReportCell(n, "percent", report.currency));
  const many = (n: number, one: string, other: string) => `${count(n)} ${n === 1 ? one : other}`;
  const { demand, sends, clicks, conversions, preorders, editing } = report;
  const sentTotal = Object.values(sends.totals).reduce((a, b) => a + b, 0);
  const nothing =
    demand.totalSignups +
      sentTotal +
      clicks.total +
      conversions.orders +
      preorders.byVariant.length +
      editing.started +
      demand.waitingTotal ===
    0;
  const upsellRevenue = editing.upsells.reduce((n, u) => n + u.revenue, 0);

  return (
    <>
      <ReportRangePicker basePath={basePath} range={range} timeZone={report.timeZone} />
      <p className="-mt-3 mb-4 text-xs text-slate-500" data-testid="report-freshness">
        {report.updatedAt
          ? `Figures updated ${formatShopTime(report.updatedAt, report.timeZone)}; new activity shows within a minute.`
          : "Figures are being prepared for the first time; new activity shows within a minute."}
      </p>
      {nothing ? (
        <EmptyState title="Nothing to report in this range yet">
          Signups, alerts, clicks, recovered orders and order edits appear here as they happen. Try a longer range, or
          come back after the next restock.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-label="Summary">
            <Stat
              label="Recovered revenue"
              value={money(conversions.revenue)}
              hint={`${many(conversions.orders, "order", "orders")} after an alert`}
            />
            <Stat label="Conversion rate" value={pct(conversions.rate)} hint="orders per delivered alert" />
            <Stat
              label="Link clicks"
              value={count(clicks.total)}
              hint={`${many(sends.totals.delivered, "message", "messages")} delivered`}
            />
            <Stat
              label="Waiting now"
              value={count(demand.waitingTotal)}
              hint={`${many(demand.totalSignups, "signup", "signups")} in range`}
            />
            <Stat
              label="Preorder revenue"
              value={money(preorders.byVariant.reduce((n, p) => n + p.revenue, 0))}
              hint={many(
                preorders.byVariant.reduce((n, p) => n + p.orders, 0),
                "preorder line",
                "preorder lines",
              )}
            />
            <Stat
              label="Edits saved"
              value={count(editing.saved)}
              hint={editing.abandonRate === null ? "none finished yet" : `${pct(editing.abandonRate)} abandoned`}
            />
            <Stat
              label="Tickets avoided"
              value={count(editing.ticketsAvoided)}
              hint="saved edits that would have been an email"
            />
            <Stat
              label="Upsell revenue"
              value={money(upsellRevenue)}
              hint={`${many(
                editing.upsells.reduce((n, u) => n + u.accepted, 0),
                "offer",
                "offers",
              )} accepted`}
            />
          </dl>

          <h2 className="pt-2 text-lg font-semibold text-slate-900">Back in stock and preorders</h2>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card
              title="Signups per day"
              description={`${count(demand.totalSignups)} customers joined a waitlist in this range.`}
            >
              <ReportChart
                kind="bar"
                data={demand.signupsByDay}
                xKey="day"
                series={[{ key: "signups", label: "Signups", color: COLORS.brand }]}
                label={`Bar chart of waitlist signups per day, ${range.from} to ${range.to}`}
              />
              {table(t("signups-by-day"), true)}
              <h3 className="mt-4 text-sm font-semibold text-slate-900">Signup sources</h3>
              {table(t("signup-sources"))}
            </Card>
            <Card
              title="Most wanted while sold out"
              description="What to reorder: customers waiting now for sold-out variants, with the revenue waiting (waiting × price)."
            >
              {demand.mostWanted.length ? (
                <ReportChart
                  kind="horizontal-bar"
                  data={demand.mostWanted
                    .slice(0, 10)
                    .map((m) => ({ name: m.variant ? `${m.product} – ${m.variant}` : m.product, waiting: m.waiting }))}
                  xKey="name"
                  series={[{ key: "waiting", label: "Waiting", color: COLORS.accent }]}
                  label="Bar chart of waiting customers per sold-out variant, most wanted first"
                />
              ) : null}
              {table(t("most-wanted"))}
            </Card>
          </div>
          <Card
            title="Sends per day by status"
            description="Back-in-stock alerts, reminders and preorder confirmations, as the Activity log records them."
          >
            <ReportChart
              kind="stacked-bar"
              data={sends.byDay}
              xKey="day"
              series={[
                { key: "delivered", label: "Delivered", color: COLORS.delivered },
                { key: "unconfirmed", label: "Unconfirmed", color: COLORS.unconfirmed },
                { key: "failed", label: "Failed", color: COLORS.failed },
                { key: "skipped", label: "Skipped", color: COLORS.skipped },
                { key: "queued", label: "Queued", color: COLORS.queued },
              ]}
              label={`Stacked bar chart of sends per day by status, ${range.from} to ${range.to}`}
            />
            {table(t("sends-by-day"), true)}
            <div className="mt-4 grid gap-6 lg:grid-cols-2">
              <div>
                <h3 className="text-sm font-semibold text-slate-900">By message</h3>
                {table(t("sends-by-type"))}
              </div>
              <div>
                <h3 className="text-sm font-semibold text-slate-900">Why sends were skipped</h3>
                {table(t("skip-reasons"))}
              </div>
            </div>
          </Card>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card
              title="Link clicks per day"
              description="Taps on the purchase link in alerts and reminders; bots and link previews are not counted."
            >
              <ReportChart
                kind="line"
                data={clicks.byDay}
                xKey="day"
                series={[{ key: "clicks", label: "Clicks", color: COLORS.brand }]}
                label={`Line chart of link clicks per day, ${range.from} to ${range.to}`}
              />
              {table(t("clicks-by-day"), true)}
            </Card>
            <Card
              title="Recovered revenue per day"
              description={`Orders of the alerted variant by the alerted customer within the attribution window, net of refunds, in ${report.currency}.`}
            >
              <ReportChart
                kind="bar"
                data={conversions.byDay}
                xKey="day"
                series={[{ key: "revenue", label: "Recovered revenue", color: COLORS.delivered }]}
                valueFormat="money"
                currency={report.currency}
                label={`Bar chart of recovered revenue per day, ${range.from} to ${range.to}`}
              />
              {table(t("recovered-by-day"), true)}
            </Card>
          </div>
          <Card
            title="Conversions by product"
            description={`Conversion rate = orders ÷ delivered alerts; average time from alert to order${conversions.averageMinutesToOrder !== null ? ` overall: ${formatReportCell(conversions.averageMinutesToOrder, "minutes", report.currency)}` : ""}.`}
          >
            {table(t("conversions-by-product"))}
          </Card>
          <Card
            title="Preorders"
            description={`Preorder orders and revenue per variant, net of refunds; ${count(preorders.confirmationsSent)} confirmations delivered.`}
          >
            {table(t("preorders-by-variant"))}
          </Card>

          <h2 className="pt-2 text-lg font-semibold text-slate-900">Order editing and upsells</h2>
          <Card
            title="Order edits per day"
            description={`${count(editing.started)} started, ${count(editing.saved)} saved, ${count(editing.abandoned)} abandoned (${pct(editing.abandonRate)} of finished edits).`}
          >
            <ReportChart
              kind="line"
              data={editing.byDay}
              xKey="day"
              series={[
                { key: "started", label: "Started", color: COLORS.brand },
                { key: "saved", label: "Saved", color: COLORS.delivered },
                { key: "abandoned", label: "Abandoned", color: COLORS.failed },
              ]}
              label={`Line chart of order edits started, saved and abandoned per day, ${range.from} to ${range.to}`}
            />
            {table(t("edits-by-day"), true)}
          </Card>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card
              title="What saved edits changed"
              description={`${count(editing.ticketsAvoided)} support tickets avoided: each saved edit would otherwise have been an email.`}
            >
              {table(t("edit-changes"))}
            </Card>
            <Card
              title="Upsells by strategy"
              description="Offers shown while editing or on the Order Status page, accepted offers and their revenue."
            >
              {editing.upsells.length ? (
                <ReportChart
                  kind="horizontal-bar"
                  data={editing.upsells.map((u) => ({ name: u.strategy, revenue: u.revenue }))}
                  xKey="name"
                  series={[{ key: "revenue", label: "Upsell revenue", color: COLORS.accent }]}
                  valueFormat="money"
                  currency={report.currency}
                  label="Bar chart of upsell revenue per strategy"
                />
              ) : null}
              {table(t("upsells-by-strategy"))}
            </Card>
          </div>
        </div>
      )}
    </>
  );
}
