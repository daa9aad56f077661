import { Spinner } from "@/components/ui/spinner";

/** The Integrations page while it loads: its frame, with the two cards as placeholders. */
export default function IntegrationsLoading() {
  return (
    <div aria-busy="true">
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Integrations</h1>
        <p className="mt-1 flex items-center gap-2 text-sm text-slate-600">
          <Spinner label="Loading integrations" /> Loading the connection status…
        </p>
      </div>
      <div className="space-y-6">
        {["Postscript", "Klaviyo"].map((name) => (
          <section key={name} className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <header className="border-b border-slate-100 px-5 py-4">
              <h2 className="text-base font-semibold text-slate-900">{name}</h2>
            </header>
            <div className="space-y-3 px-5 py-4" aria-hidden>
              <div className="h-14 animate-pulse rounded-xl bg-slate-100" />
              <div className="h-4 w-1/2 animate-pulse rounded bg-slate-100" />
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
