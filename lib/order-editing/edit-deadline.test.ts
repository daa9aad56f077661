import { describe, expect, it } from "vitest";
import { abandonCheckAt, deadlineNudgeAt, editDeadlineFor, editingState } from "./edit-deadline";

const at = (iso: string) => new Date(iso);

describe("editDeadlineFor", () => {
  it("adds the window to the time the order was placed", () => {
    expect(editDeadlineFor(at("2026-11-23T10:00:00Z"), { editWindowMinutes: 120, editUntilFulfilled: false })).toEqual(
      at("2026-11-23T12:00:00Z"),
    );
    expect(editDeadlineFor(at("2026-11-23T10:00:00Z"), { editWindowMinutes: 30, editUntilFulfilled: false })).toEqual(
      at("2026-11-23T10:30:00Z"),
    );
  });

  it("has no deadline while the window is until fulfilled", () => {
    expect(
      editDeadlineFor(at("2026-11-23T10:00:00Z"), { editWindowMinutes: 120, editUntilFulfilled: true }),
    ).toBeNull();
  });
});

describe("editingState", () => {
  const open = { editDeadline: at("2026-11-23T12:00:00Z"), fulfilledAt: null, cancelledAt: null };

  it("is open before the deadline, with the time left", () => {
    expect(editingState(open, at("2026-11-23T11:30:00Z"))).toEqual({
      open: true,
      deadline: open.editDeadline,
      msLeft: 30 * 60_000,
    });
  });

  it("closes exactly at the deadline", () => {
    expect(editingState(open, at("2026-11-23T12:00:00Z"))).toMatchObject({ open: false, reason: "deadline_passed" });
  });

  it("closes on fulfillment or cancellation whatever the window, cancellation first", () => {
    const now = at("2026-11-23T11:00:00Z");
    expect(editingState({ ...open, fulfilledAt: now }, now)).toMatchObject({ open: false, reason: "fulfilled" });
    expect(editingState({ ...open, fulfilledAt: now, cancelledAt: now }, now)).toMatchObject({
      open: false,
      reason: "cancelled",
    });
    expect(editingState({ editDeadline: null, fulfilledAt: now, cancelledAt: null }, now)).toMatchObject({
      open: false,
      reason: "fulfilled",
    });
  });

  it("stays open with no deadline until fulfilled", () => {
    expect(
      editingState({ editDeadline: null, fulfilledAt: null, cancelledAt: null }, at("2030-01-01T00:00:00Z")),
    ).toEqual({ open: true, deadline: null, msLeft: null });
  });
});

describe("abandonCheckAt", () => {
  it("is the shop's delay after the start", () => {
    expect(abandonCheckAt(at("2026-11-23T10:00:00Z"), 30, at("2026-11-23T12:00:00Z"))).toEqual(
      at("2026-11-23T10:30:00Z"),
    );
    expect(abandonCheckAt(at("2026-11-23T10:00:00Z"), 30, null)).toEqual(at("2026-11-23T10:30:00Z"));
  });

  it("is never past the deadline", () => {
    expect(abandonCheckAt(at("2026-11-23T11:50:00Z"), 30, at("2026-11-23T12:00:00Z"))).toEqual(
      at("2026-11-23T12:00:00Z"),
    );
  });
});

describe("deadlineNudgeAt", () => {
  const deadline = at("2026-11-23T12:00:00Z");
  it("is the lead time before the deadline when the nudge is on", () => {
    expect(deadlineNudgeAt(deadline, { deadlineNudgeEnabled: true, deadlineNudgeMinutes: 30 })).toEqual(
      at("2026-11-23T11:30:00Z"),
    );
  });
  it("is null when the nudge is off or there is no deadline", () => {
    expect(deadlineNudgeAt(deadline, { deadlineNudgeEnabled: false, deadlineNudgeMinutes: 30 })).toBeNull();
    expect(deadlineNudgeAt(null, { deadlineNudgeEnabled: true, deadlineNudgeMinutes: 30 })).toBeNull();
  });
});
