// Instance projection: registered when the workflow starts, closed with its outcome. Idempotent.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appendAudit, closeCase, lockCase } from '../db/audit-log';
import { instances } from '../db/schema';
import { runStatement, valuesList } from '../db/statement';
import type { AssessmentRecord, InstanceContext } from '../domain/instance-records';

/** What a closed case is assessed on (考核): the KPIs aggregate these. */
export type { AssessmentRecord };

export interface RegisterArgs {
  ctx: InstanceContext;
  input: Record<string, unknown>;
  orgUnitId: string;
}

// Written once as text (db/statement.ts), as the step's other writes are.
const REGISTER_CASE = 'insert into instances (id, process_key, process_version, title, status, input, org_unit_id, org_path, started_by, ' +
  'started_at) values ($1, $2, $3::int, $4, \'running\', $5::jsonb, $6, $7::jsonb, $8, $9::timestamptz) on conflict do nothing';

/** The instance row, if the API did not write it, and the start event; inside the caller's transaction. */
export async function writeRegistration(tx: Db, args: RegisterArgs): Promise<void> {
  const { ctx } = args;
  await runStatement(tx, REGISTER_CASE, [ctx.instanceId, ctx.processKey, ctx.processVersion, ctx.title, JSON.stringify(args.input),
    args.orgUnitId, JSON.stringify(ctx.orgPath), ctx.startedBy.id, new Date().toISOString()]);
  // The start event's time is the row's, the API's when it wrote the row first; read with the lock the event takes.
  const { startedAt } = await lockCase(tx, ctx.instanceId);
  await appendAudit(tx, {
    instanceId: ctx.instanceId, eventKey: `${ctx.instanceId}:start`, at: startedAt, actor: ctx.startedBy,
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

const ASSESSMENT_CASTS = ['text', 'text', 'text', 'text', 'text', 'text', 'boolean', 'int', 'text', 'boolean', 'timestamptz', 'timestamptz'];

/** The case's assessment and each handling unit's line in one statement; a repeat writes nothing. */
async function writeAssessment(
  tx: Db, instanceId: string, status: string, closedAt: Date, a: AssessmentRecord, row: { processKey: string; startedAt: Date },
): Promise<void> {
  const params: unknown[] = [instanceId, row.processKey, a.streetId, a.communityId, status, a.levelReached, a.selfResolved, a.reworks,
    a.satisfaction, Object.values(a.onTime).every(Boolean), row.startedAt.toISOString(), closedAt.toISOString()];
  const assessment = 'insert into assessments (instance_id, process_key, street_id, community_id, status, level_reached, self_resolved, ' +
    `reworks, satisfaction, on_time, started_at, closed_at) values ${valuesList(1, ASSESSMENT_CASTS)} on conflict do nothing`;
  const units = Object.entries(a.onTime);
  if (units.length === 0) {
    await runStatement(tx, assessment, params);
    return;
  }
  const unitValues = valuesList(units.length, ['text', 'text', 'boolean'], params.length + 1);
  for (const [orgUnitId, onTime] of units) params.push(instanceId, orgUnitId, onTime);
  await runStatement(tx, `with assessed as (${assessment}) insert into assessment_units (instance_id, org_unit_id, on_time) values ${unitValues} on conflict do nothing`, params);
}

/** The case's outcome, its assessment (考核) and its end event; inside the caller's transaction. */
export async function writeClose(tx: Db, args: CloseArgs): Promise<void> {
  // Within a step the row's status moves with its chain head at the step's end (db/audit-log.ts).
  const row = await closeCase(tx, args.instanceId, { status: args.status, closedAt: new Date(args.at), outcome: args.outcome });
  if (args.assessment && row) await writeAssessment(tx, args.instanceId, args.status, new Date(args.at), args.assessment, row);
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
