// The case file of a 12345 order (its dispatches with contact deadlines, objections and rulings; handling, extensions,
// return visit), and on a whistle case filed for an order, the order it reports to: both case pages name each other.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { hotlineDispatches, hotlineOrders } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { HOTLINE_KEY } from '../../domain/processes/hotline-order';
import { WHISTLE_KEY } from '../../domain/processes/whistle-escalation';

const iso = (d: Date | null) => (d ? toShanghaiIso(d) : null);

export async function hotlineFacts(db: Db, processKey: string, instanceId: string): Promise<Record<string, unknown> | null> {
  if (processKey === WHISTLE_KEY) {
    const [order] = await db.select({ id: hotlineOrders.instanceId }).from(hotlineOrders).where(eq(hotlineOrders.linkedCaseId, instanceId));
    return order ? { hotlineOrderId: order.id } : null;
  }
  if (processKey !== HOTLINE_KEY) return null;
  const [order] = await db.select().from(hotlineOrders).where(eq(hotlineOrders.instanceId, instanceId));
  if (!order) return null;
  const dispatches = await db.select().from(hotlineDispatches).where(eq(hotlineDispatches.instanceId, instanceId)).orderBy(asc(hotlineDispatches.seq));
  return {
    kind: order.kind, category: order.category, urgent: order.urgent, receivedAt: iso(order.receivedAt), answeredAt: iso(order.answeredAt),
    unitId: order.unitId, linkedCaseId: order.linkedCaseId, handleDueAt: iso(order.handleDueAt), reportedAt: iso(order.reportedAt),
    extensions: order.extensions, reopened: order.reopened, visitedAt: iso(order.visitedAt), resolved: order.resolved, satisfaction: order.satisfaction,
    dispatches: dispatches.map((d) => ({
      seq: d.seq, unitId: d.unitId, dispatchedAt: iso(d.dispatchedAt), contactDueAt: iso(d.contactDueAt), contactedAt: iso(d.contactedAt),
      contactedInTime: d.contactedAt ? d.contactedAt <= d.contactDueAt : null, objection: d.objection, ruling: d.ruling,
    })),
  };
}
