// The case file of a 12345 order (its dispatches with contact deadlines, objections and rulings; handling, extensions,
// return visit), and on a whistle case filed for an order, the order it reports to (its number and where it stands,
// read from the order's row and its instance row, never from a workflow): both case pages name each other.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { hotlineDispatches, hotlineOrders, instances } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { HOTLINE_KEY } from '../../domain/processes/hotline-order';
import { WHISTLE_KEY } from '../../domain/processes/whistle-escalation';

const iso = (d: Date | null) => (d ? toShanghaiIso(d) : null);

/** Where a 12345 order stands, from its row: taken, with a unit, reported back, visited. */
export type WorkOrderStage = 'received' | 'dispatched' | 'reported' | 'visited';

export interface LinkedWorkOrder {
  orderNumber: string;
  /** The order's instance status (running, completed, …). */
  status: string;
  stage: WorkOrderStage;
  kind: string;
  urgent: boolean;
  receivedAt: string | null;
  handleDueAt: string | null;
  reportedAt: string | null;
  satisfaction: string | null;
}

/** The 12345 order a whistle case was filed for, or null for a case reported from the grid. */
export async function linkedWorkOrder(db: Db, whistleCaseId: string): Promise<LinkedWorkOrder | null> {
  const [row] = await db.select({ order: hotlineOrders, status: instances.status }).from(hotlineOrders)
    .innerJoin(instances, eq(instances.id, hotlineOrders.instanceId))
    .where(eq(hotlineOrders.linkedCaseId, whistleCaseId));
  if (!row) return null;
  const { order } = row;
  const stage: WorkOrderStage = order.visitedAt ? 'visited' : order.reportedAt ? 'reported' : order.unitId ? 'dispatched' : 'received';
  return {
    orderNumber: order.instanceId, status: row.status, stage, kind: order.kind, urgent: order.urgent, receivedAt: iso(order.receivedAt),
    handleDueAt: iso(order.handleDueAt), reportedAt: iso(order.reportedAt), satisfaction: order.satisfaction,
  };
}

export async function hotlineFacts(db: Db, processKey: string, instanceId: string): Promise<Record<string, unknown> | null> {
  if (processKey === WHISTLE_KEY) {
    const workOrder = await linkedWorkOrder(db, instanceId);
    return workOrder ? { hotlineOrderId: workOrder.orderNumber, workOrder } : { workOrder: null };
  }
  if (processKey !== HOTLINE_KEY) return null;
  const [order] = await db.select().from(hotlineOrders).where(eq(hotlineOrders.instanceId, instanceId));
  if (!order) return null;
  const dispatches = await db.select().from(hotlineDispatches).where(eq(hotlineDispatches.instanceId, instanceId)).orderBy(asc(hotlineDispatches.seq));
  return {
    // `kind` names the process, as on every case file; the call's own kind (consultation, complaint, …) is callKind.
    kind: HOTLINE_KEY, callKind: order.kind, category: order.category, urgent: order.urgent, receivedAt: iso(order.receivedAt), answeredAt: iso(order.answeredAt),
    unitId: order.unitId, linkedCaseId: order.linkedCaseId, handleDueAt: iso(order.handleDueAt), reportedAt: iso(order.reportedAt),
    extensions: order.extensions, reopened: order.reopened, visitedAt: iso(order.visitedAt), resolved: order.resolved, satisfaction: order.satisfaction,
    dispatches: dispatches.map((d) => ({
      seq: d.seq, unitId: d.unitId, dispatchedAt: iso(d.dispatchedAt), contactDueAt: iso(d.contactDueAt), contactedAt: iso(d.contactedAt),
      contactedInTime: d.contactedAt ? d.contactedAt <= d.contactDueAt : null, objection: d.objection, ruling: d.ruling,
    })),
  };
}
