import { signOutAction } from "@/lib/auth/sign-out-action";

/** Who is signed in, and the way out. */
export function UserMenu({
  name,
  email,
  canSignOut,
}: {
  name?: string | null;
  email?: string | null;
  canSignOut: boolean;
}) {
  return (
    <div className="flex items-center gap-3">
      <div className="hidden text-right sm:block">
        <p className="text-sm font-medium text-slate-900">{name}</p>
        <p className="text-xs text-slate-500">{email}</p>
      </div>
      {canSignOut ? (
        <form action={signOutAction}>
          <button
            type="submit"
            className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Sign out
          </button>
        </form>
      ) : null}
    </div>
  );
}
