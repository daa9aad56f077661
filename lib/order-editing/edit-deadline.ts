import type { OrderEditingRules } from "./get-order-editing-settings";

/** The deadline an order gets when it arrives: placed time + window, or none while the window is "until fulfilled". */
export function editDeadlineFor(
  placedAt: Date,
  rules: Pick<OrderEditingRules, "editWindowMinutes" | "editUntilFulfilled">,
): Date | null {
  if (rules.editUntilFulfilled) return null;
  return new Date(placedAt.getTime() + rules.editWindowMinutes * 60_000);
}

export type EditingState =
  | { open: true; deadline: Date | null; msLeft: number | null }
  | { open: false; reason: "deadline_passed" | "fulfilled" | "cancelled"; deadline: Date | null };

/** Whether the customer may still edit the order at `now`, and if not, why (in the order the customer cares about). */
export function editingState(
  order: { editDeadline: Date | null; fulfilledAt: Date | null; cancelledAt: Date | null },
  now: Date = new Date(),
): EditingState {
  if (order.cancelledAt) return { open: false, reason: "cancelled", deadline: order.editDeadline };
  if (order.fulfilledAt) return { open: false, reason: "fulfilled", deadline: order.editDeadline };
  if (order.editDeadline && order.editDeadline.getTime() <= now.getTime()) {
    return { open: false, reason: "deadline_passed", deadline: order.editDeadline };
  }
  return {
    open: true,
    deadline: order.editDeadline,
    msLeft: order.editDeadline ? order.editDeadline.getTime() - now.getTime() : null,
  };
}

/**
 * When the abandoned-edit check runs for an edit started at `startedAt`: the shop's delay later, but never after
 * the deadline (a customer who cannot save any more has abandoned for good).
 */
export function abandonCheckAt(startedAt: Date, delayMinutes: number, deadline: Date | null): Date {
  const afterDelay = new Date(startedAt.getTime() + delayMinutes * 60_000);
  return deadline && deadline < afterDelay ? deadline : afterDelay;
}

/** When the deadline nudge goes out, or null when there is no deadline or the nudge is off. */
export function deadlineNudgeAt(
  deadline: Date | null,
  rules: Pick<OrderEditingRules, "deadlineNudgeEnabled" | "deadlineNudgeMinutes">,
): Date | null {
  if (!deadline || !rules.deadlineNudgeEnabled) return null;
  return new Date(deadline.getTime() - rules.deadlineNudgeMinutes * 60_000);
}
