// 12345 order side effects: its case file (the order and each dispatch, which the 三率 read), what a receiving unit
// is, the plan of a street's linked whistle case, and the notice a caller must be given. All writes idempotent.
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { catalogEntries, hotlineDispatches, hotlineOrders, instances, orgUnits, processDefinitions, processVersions } from '../db/schema';
import { ErrorType } from '../domain/errors';
import { WHISTLE_KEY } from '../domain/processes/whistle-escalation';
import type { ReceivingUnit } from '../domain/processes/hotline-order';
import { whistleLimits } from '../domain/processes/whistle-limits';
import type { TimeLimit } from '../domain/time-limit';
import type { Notifier } from './notifier';

/** Order fields as the workflow sets them; instants as ISO strings. Each call sets absolute values, so retries are harmless. */
export interface HotlineOrderFacts {
  answeredAt?: string; unitId?: string; linkedCaseId?: string; handleDueAt?: string; reportedAt?: string;
  extensions?: number; reopened?: boolean; visitedAt?: string; resolved?: boolean; satisfaction?: string;
}
export interface HotlineDispatchFacts { seq: number; unitId?: string; dispatchedAt?: string; contactDueAt?: string; contactedAt?: string; objection?: string; ruling?: 'upheld' | 'refused' }

export interface LinkedCasePlan {
  processVersion: number;
  routing: { gridId: string; communityId: string; streetId: string; districtId: string };
  limits: Record<string, TimeLimit>;
}

const at = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));
const invalid = (message: string) => ApplicationFailure.create({ type: ErrorType.Validation, message, nonRetryable: true });

export function hotlineActivities(db: Db, notifier: Notifier) {
  return {
    async recordHotlineReceived(args: { instanceId: string; kind: string; category: string; urgent: boolean; at: string }): Promise<void> {
      await db.insert(hotlineOrders).values({ instanceId: args.instanceId, kind: args.kind, category: args.category, urgent: args.urgent, receivedAt: new Date(args.at) })
        .onConflictDoNothing();
    },

    /** Sets order facts and, with `dispatch`, one dispatch's facts; a new dispatch also makes the order readable by its unit. */
    async recordHotlineFacts(args: { instanceId: string; order?: HotlineOrderFacts; dispatch?: HotlineDispatchFacts }): Promise<void> {
      await db.transaction(async (tx) => {
        const o = args.order;
        if (o) {
          await tx.update(hotlineOrders).set({
            answeredAt: at(o.answeredAt), unitId: o.unitId, linkedCaseId: o.linkedCaseId, handleDueAt: at(o.handleDueAt), reportedAt: at(o.reportedAt),
            extensions: o.extensions, reopened: o.reopened, visitedAt: at(o.visitedAt), resolved: o.resolved, satisfaction: o.satisfaction,
          }).where(eq(hotlineOrders.instanceId, args.instanceId));
        }
        const d = args.dispatch;
        if (!d) return;
        if (d.unitId && d.dispatchedAt && d.contactDueAt) {
          await tx.insert(hotlineDispatches).values({
            instanceId: args.instanceId, seq: d.seq, unitId: d.unitId, dispatchedAt: new Date(d.dispatchedAt), contactDueAt: new Date(d.contactDueAt),
          }).onConflictDoNothing();
          await tx.update(instances)
            .set({ orgPath: sql`case when ${instances.orgPath} ? ${d.unitId} then ${instances.orgPath} else ${instances.orgPath} || to_jsonb(${d.unitId}::text) end` })
            .where(eq(instances.id, args.instanceId));
        }
        if (d.contactedAt || d.objection || d.ruling) {
          await tx.update(hotlineDispatches).set({ contactedAt: at(d.contactedAt), objection: d.objection, ruling: d.ruling })
            .where(and(eq(hotlineDispatches.instanceId, args.instanceId), eq(hotlineDispatches.seq, d.seq)));
        }
      });
    },

    async receivingUnit(args: { unitId: string }): Promise<ReceivingUnit> {
      const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, args.unitId));
      if (!unit || !['street', 'department', 'district'].includes(unit.kind)) throw invalid(`${args.unitId} is not a street, a department or the district`);
      return { id: unit.id, kind: unit.kind as ReceivingUnit['kind'], name: unit.name };
    },

    /** The routing and limits of the whistle case a street files for the order, fixed now as the API's start fixes them. */
    async planLinkedCase(args: { gridCode: string; streetId: string; eventCategory: string }): Promise<LinkedCasePlan> {
      const units = await db.select().from(orgUnits);
      const grid = units.find((u) => u.code === args.gridCode && u.kind === 'grid');
      const community = units.find((u) => u.id === grid?.parentId);
      const street = units.find((u) => u.id === community?.parentId);
      if (!grid || !community || !street || street.id !== args.streetId || !street.parentId) throw invalid(`grid ${args.gridCode} is not in ${args.streetId}`);
      const [definition] = await db.select().from(processDefinitions).where(eq(processDefinitions.key, WHISTLE_KEY));
      const [version] = await db.select().from(processVersions)
        .where(and(eq(processVersions.processKey, WHISTLE_KEY), eq(processVersions.version, definition.currentVersion)));
      const [category] = await db.select().from(catalogEntries)
        .where(and(eq(catalogEntries.catalog, 'event-categories'), eq(catalogEntries.code, args.eventCategory)));
      return {
        processVersion: version.version,
        routing: { gridId: grid.id, communityId: community.id, streetId: street.id, districtId: street.parentId },
        limits: whistleLimits(version.parameters as Parameters<typeof whistleLimits>[0], (category?.data.limits ?? {}) as Parameters<typeof whistleLimits>[1]),
      };
    },

    /** Art. 15(2): an extended limit is explained to the caller; the message goes out by the SMS gateway. */
    async informCaller(args: { instanceId: string; caller: { name: string; phone: string }; text: string }): Promise<void> {
      await notifier.inform({ instanceId: args.instanceId, recipient: { userId: null, name: args.caller.name, phone: args.caller.phone }, text: args.text });
    },
  };
}
