/** Seed 001's "Create a Flow in Postscript" steps, short enough to follow beside the rows. */
export function FlowInstructions() {
  return (
    <aside
      aria-labelledby="flow-instructions-title"
      className="rounded-xl bg-slate-50 px-4 py-4 text-sm text-slate-700 ring-1 ring-slate-200"
    >
      <h3 id="flow-instructions-title" className="font-semibold text-slate-900">
        How to create the Flow in Postscript
      </h3>
      <ol className="mt-2 list-decimal space-y-1.5 pl-5">
        <li>
          Click <strong>Send test event</strong> here, so Postscript knows the trigger.
        </li>
        <li>
          In Postscript, open <strong>Messaging → Automations</strong> and click <strong>Create Automation</strong>.
        </li>
        <li>
          Choose <strong>Create an Automation flow</strong>.
        </li>
        <li>
          As the trigger, search for the event name (Postscript shows it as <em>[your shop] - event_name</em>), select
          it and click <strong>Update</strong>.
        </li>
        <li>
          Drag a <strong>Message</strong> block below the trigger and write your SMS; add event properties with the
          Merge Tags icon.
        </li>
        <li>
          Click <strong>Save</strong>, then <strong>Activate</strong> (or Schedule).
        </li>
        <li>
          Come back and click <strong>I&apos;ve created the Flow</strong>.
        </li>
      </ol>
      <p className="mt-3 rounded-md bg-white px-3 py-2 text-xs text-slate-600 ring-1 ring-slate-200">
        Each trigger needs its own flow: create one flow per event you want to text on.
      </p>
    </aside>
  );
}
