import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { currentUser } from "@/lib/auth/current-user";
import { runSupportAction, type SupportActionDefinition } from "./run-support-action";

/** Binds a support action to the signed-in user, as a server action (see runSupportAction for the rules). */
export function supportAction<S extends z.ZodType<{ shopId: string; reason: string }>, R>(
  definition: SupportActionDefinition<S, R>,
): (input: z.input<S>) => Promise<ActionResult<R>> {
  return async (input) => runSupportAction(await currentUser(), definition, input);
}
