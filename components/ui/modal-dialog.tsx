import type { ComponentProps } from "react";

/**
 * A native modal `<dialog>` (focus trapped, Escape closes; open it with `showModal()`), centred over a dimmed page.
 * Its text is left-aligned whatever the opener sits in: a dialog opened from a table's right-aligned cell took the
 * cell's alignment when each dialog wrote its own classes.
 */
export function ModalDialog(props: Omit<ComponentProps<"dialog">, "className">) {
  return (
    <dialog
      {...props}
      className="m-auto w-full max-w-md rounded-xl p-0 text-left shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
    />
  );
}
