// Instance projection: registered when the workflow starts, closed with its outcome. Idempotent.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appendAudit } from '../db/audit-log';
import { assessmentUnits, assessments, instances } from '../db/schema';
import type { AssessmentRecord, InstanceContext } from '../domain/instance-records';

/** What a closed case is assessed on (考核): the KPIs aggregate these. */
export type { AssessmentRecord };

export interface RegisterArgs {
  ctx: InstanceContext;
  input: Record<string, unknown>;
  orgUnitId: string;
}

/** The instance row, if the API did not write it, and the start event; inside the caller's transaction. */
export async function writeRegistration(tx: Db, args: RegisterArgs): Promise<void> {
  const { ctx } = args;
  await tx.insert(instances).values({
    id: ctx.instanceId, processKey: ctx.processKey, processVersion: ctx.processVersion, title: ctx.title,
    status: 'running', input: args.input, orgUnitId: args.orgUnitId, orgPath: ctx.orgPath,
    startedBy: ctx.startedBy.id, startedAt: new Date(),
  }).onConflictDoNothing();
  const [row] = await tx.select({ startedAt: instances.startedAt }).from(instances).where(eq(instances.id, ctx.instanceId));
  await appendAudit(tx, {
    instanceId: ctx.instanceId, eventKey: `${ctx.instanceId}:start`, at: row.startedAt, actor: ctx.startedBy,
    stepId: null, action: 'start', data: { processVersion: ctx.processVersion, input: args.input },
  });
}

export interface CloseArgs {
  instanceId: string;
  status: string;
  at: string;
  stepId: string;
  outcome: Record<string, unknown>;
  assessment?: AssessmentRecord;
}

/** The case's outcome, its assessment (考核) and its end event; inside the caller's transaction. */
export async function writeClose(tx: Db, args: CloseArgs): Promise<void> {
  const [row] = await tx.update(instances).set({ status: args.status, closedAt: new Date(args.at), outcome: args.outcome })
    // The two columns the assessment needs, not the row (its input and case file can be large).
    .where(eq(instances.id, args.instanceId)).returning({ processKey: instances.processKey, startedAt: instances.startedAt });
  if (args.assessment && row) {
    const a = args.assessment;
    await tx.insert(assessments).values({
      instanceId: args.instanceId, processKey: row.processKey, streetId: a.streetId, communityId: a.communityId, status: args.status,
      levelReached: a.levelReached, selfResolved: a.selfResolved, reworks: a.reworks, satisfaction: a.satisfaction,
      onTime: Object.values(a.onTime).every(Boolean), startedAt: row.startedAt, closedAt: new Date(args.at),
    }).onConflictDoNothing();
    const units = Object.entries(a.onTime).map(([orgUnitId, onTime]) => ({ instanceId: args.instanceId, orgUnitId, onTime }));
    if (units.length > 0) await tx.insert(assessmentUnits).values(units).onConflictDoNothing();
  }
  await appendAudit(tx, {
    instanceId: args.instanceId, eventKey: `${args.instanceId}:end`, at: new Date(args.at), actor: null,
    stepId: args.stepId, action: args.status === 'closed' ? 'close' : args.status, data: { outcome: args.outcome },
  });
}

export function instanceActivities(db: Db) {
  return {
    /** Upserts the instance row (the API usually wrote it already) and records the start event. */
    async registerInstance(args: RegisterArgs): Promise<void> {
      await db.transaction((tx) => writeRegistration(tx, args));
    },

    async closeInstance(args: CloseArgs): Promise<void> {
      await db.transaction((tx) => writeClose(tx, args));
    },

    /** A case routed to another unit becomes readable there. */
    async extendOrgPath(args: { instanceId: string; orgUnitId: string }): Promise<void> {
      await db.update(instances)
        .set({ orgPath: sql`case when ${instances.orgPath} ? ${args.orgUnitId} then ${instances.orgPath} else ${instances.orgPath} || to_jsonb(${args.orgUnitId}::text) end` })
        .where(eq(instances.id, args.instanceId));
    },

    async recordEvent(args: {
      instanceId: string; eventKey: string; at: string; actor: { id: string; name: string; role: string; orgUnitId: string } | null;
      stepId: string | null; action: string; data: Record<string, unknown>;
    }): Promise<void> {
      await db.transaction(async (tx) => {
        await appendAudit(tx, { ...args, at: new Date(args.at) });
      });
    },
  };
}
