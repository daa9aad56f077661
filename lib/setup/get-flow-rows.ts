import { prisma } from "@/lib/db/prisma";
import { EVENT_CATALOG, type EventProperty } from "./event-catalog";

export type FlowRowView = {
  type: string;
  displayName: string;
  when: string;
  properties: EventProperty[];
  lastTest: { status: "ACCEPTED" | "FAILED"; at: string; error: string | null; by: string | null } | null;
  /** Any test of this type was ever accepted: Postscript then knows the trigger, whatever later tests did. */
  testAccepted: boolean;
  confirmation: { by: string; at: string } | null;
  /** Test accepted and flow confirmed: the row's checkmark. */
  done: boolean;
};

/**
 * The step 4 rows of a shop for the given event types, in catalog order (unknown types are skipped), with the
 * evidence each checkmark is computed from. Plain serialisable data, ready for client components.
 */
export async function getFlowRows(shopId: string, types: readonly string[]): Promise<FlowRowView[]> {
  const events = EVENT_CATALOG.filter((e) => types.includes(e.type));
  const eventTypes = events.map((e) => e.type);
  const [latest, accepted, confirmations] = await Promise.all([
    prisma.testEvent.findMany({
      where: { shopId, eventType: { in: eventTypes } },
      orderBy: [{ eventType: "asc" }, { createdAt: "desc" }, { id: "desc" }],
      distinct: ["eventType"],
    }),
    prisma.testEvent.findMany({
      where: { shopId, eventType: { in: eventTypes }, status: "ACCEPTED" },
      distinct: ["eventType"],
      select: { eventType: true },
    }),
    prisma.flowConfirmation.findMany({ where: { shopId, eventType: { in: eventTypes } } }),
  ]);
  const latestByType = new Map(latest.map((t) => [t.eventType, t]));
  const acceptedTypes = new Set(accepted.map((t) => t.eventType));
  const confirmationByType = new Map(confirmations.map((c) => [c.eventType, c]));

  return events.map((event) => {
    const test = latestByType.get(event.type);
    const confirmed = confirmationByType.get(event.type);
    const testAccepted = acceptedTypes.has(event.type);
    return {
      type: event.type,
      displayName: event.displayName,
      when: event.when,
      properties: event.properties.map((p) => ({ name: p.name, description: p.description, sample: p.sample })),
      lastTest: test
        ? { status: test.status, at: test.createdAt.toISOString(), error: test.error, by: test.sentByName }
        : null,
      testAccepted,
      confirmation: confirmed ? { by: confirmed.confirmedByName, at: confirmed.createdAt.toISOString() } : null,
      done: testAccepted && Boolean(confirmed),
    };
  });
}
