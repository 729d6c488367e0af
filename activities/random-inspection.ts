// Side effects of the double-random inspection: the draw over a snapshot of both registries (seed made here, kept
// with the snapshot so anyone can re-run it), declared recusals, inspection results and their publication.
// Every write is idempotent by plan and credit code, because activities retry.
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appendAudit } from '../db/audit-log';
import { inspectionResults, inspectorConflicts, marketSubjects, randomDraws, taskCandidates, tasks, users } from '../db/schema';
import { draw, recuse, type DrawPlan, type DrawResult, type RegistrySnapshot, type SubjectEntry } from '../domain/random-inspection/draw';
import type { ResultPublisher } from './result-publisher';
import { ApplicationFailure } from '@temporalio/activity';
import { ErrorType } from '../domain/errors';

export interface DrawnPlan { result: DrawResult; addresses: Record<string, string> }

async function snapshotOf(db: Db, gridCodes: readonly string[], unitIds: readonly string[]): Promise<RegistrySnapshot> {
  const subjects = gridCodes.length === 0 ? [] : await db.select({
    creditCode: marketSubjects.creditCode, name: marketSubjects.name, gridCode: marketSubjects.gridCode, creditGrade: marketSubjects.creditGrade,
  }).from(marketSubjects).where(inArray(marketSubjects.gridCode, [...gridCodes]));
  const officers = await db.select({ id: users.id, orgUnitId: users.orgUnitId }).from(users)
    .where(and(eq(users.active, true), inArray(users.orgUnitId, [...unitIds]), sql`${users.roles} ? 'enforcement_officer'`));
  const conflicts = officers.length === 0 ? [] : await db.select().from(inspectorConflicts).where(inArray(inspectorConflicts.userId, officers.map((o) => o.id)));
  return {
    subjects: subjects as SubjectEntry[],
    inspectors: officers.map((o) => ({ userId: o.id, unitId: o.orgUnitId, conflictGridCodes: conflicts.filter((c) => c.userId === o.id).map((c) => c.gridCode) })),
  };
}

export function randomInspectionActivities(db: Db, publisher: ResultPublisher) {
  async function addresses(result: DrawResult): Promise<Record<string, string>> {
    const codes = result.subjects.map((s) => s.creditCode);
    const rows = codes.length === 0 ? [] : await db.select({ code: marketSubjects.creditCode, address: marketSubjects.address }).from(marketSubjects).where(inArray(marketSubjects.creditCode, codes));
    return Object.fromEntries(rows.map((r) => [r.code, r.address]));
  }

  return {
    /** Draws once per plan: a retry (or a second call) returns the recorded draw, never a new seed. */
    async drawRandomInspection(args: { instanceId: string; at: string; plan: DrawPlan; gridCodes: string[]; unitIds: string[] }): Promise<DrawnPlan> {
      const [recorded] = await db.select().from(randomDraws).where(eq(randomDraws.instanceId, args.instanceId));
      if (recorded) return { result: recorded.result as unknown as DrawResult, addresses: await addresses(recorded.result as unknown as DrawResult) };
      const snapshot = await snapshotOf(db, args.gridCodes, args.unitIds);
      let result: DrawResult;
      try {
        result = draw(randomBytes(32).toString('hex'), snapshot, args.plan);
      } catch (error) {
        throw ApplicationFailure.create({ type: ErrorType.Validation, message: (error as Error).message, nonRetryable: true });
      }
      await db.transaction(async (tx) => {
        await tx.insert(randomDraws).values({
          instanceId: args.instanceId, seed: result.seed, algorithm: result.algorithm, registryHash: result.registryHash,
          plan: args.plan as unknown as Record<string, unknown>, snapshot: snapshot as unknown as Record<string, unknown>,
          result: result as unknown as Record<string, unknown>, drawnAt: new Date(args.at),
        }).onConflictDoNothing();
      });
      // Two attempts racing: the one that landed is the draw.
      const [kept] = await db.select().from(randomDraws).where(eq(randomDraws.instanceId, args.instanceId));
      const final = kept.result as unknown as DrawResult;
      return { result: final, addresses: await addresses(final) };
    },

    /**
     * A recusal declared at the inspection: one replacement drawn and recorded with the draw, and the subject's task
     * passes from the recused inspector to the replacement in the inbox (idempotent).
     */
    async recuseRandomInspector(args: { instanceId: string; creditCode: string; userId: string; reason: string; taskId?: string }): Promise<string | null> {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(randomDraws).where(eq(randomDraws.instanceId, args.instanceId)).for('update');
        const current = row.result as unknown as DrawResult;
        const done = current.recusals.find((r) => r.declared && r.creditCode === args.creditCode && r.userId === args.userId);
        let replacedBy = done?.replacement ?? null;
        if (!done) {
          const next = recuse(current, row.snapshot as unknown as RegistrySnapshot, args.creditCode, args.userId, args.reason);
          await tx.update(randomDraws).set({ result: next as unknown as Record<string, unknown> }).where(eq(randomDraws.instanceId, args.instanceId));
          replacedBy = next.recusals[next.recusals.length - 1].replacement;
        }
        if (args.taskId) {
          await tx.delete(taskCandidates).where(and(eq(taskCandidates.taskId, args.taskId), eq(taskCandidates.userId, args.userId)));
          if (replacedBy) await tx.insert(taskCandidates).values({ taskId: args.taskId, userId: replacedBy }).onConflictDoNothing();
        }
        return replacedBy;
      });
    },

    /** A recused inspector who had claimed the task lets go of it, so the replacement can take it. */
    async releaseRecusedClaim(args: { taskId: string; userId: string }): Promise<void> {
      await db.update(tasks).set({ assigneeId: null }).where(and(eq(tasks.id, args.taskId), eq(tasks.assigneeId, args.userId)));
    },

    async recordInspectionResult(args: {
      instanceId: string; creditCode: string; subjectName: string; matter: string; planTitle: string;
      outcome: 'compliant' | 'problem' | 'notFound'; inspectedAt: string; inspectedOn: string; publishBy: string;
    }): Promise<void> {
      await db.insert(inspectionResults).values({
        ...args, inspectedAt: new Date(args.inspectedAt), publishBy: new Date(args.publishBy),
      }).onConflictDoNothing();
    },

    async linkPenaltyCase(args: { instanceId: string; creditCode: string; penaltyInstanceId: string }): Promise<void> {
      await db.update(inspectionResults).set({ penaltyInstanceId: args.penaltyInstanceId })
        .where(and(eq(inspectionResults.instanceId, args.instanceId), eq(inspectionResults.creditCode, args.creditCode)));
    },

    /** Hands the result to the outside publicity system; retried until it takes it. */
    async publishInspectionResult(args: { instanceId: string; creditCode: string }): Promise<void> {
      const [row] = await db.select().from(inspectionResults)
        .where(and(eq(inspectionResults.instanceId, args.instanceId), eq(inspectionResults.creditCode, args.creditCode)));
      await publisher.publish({
        creditCode: row.creditCode, subjectName: row.subjectName, matter: row.matter, outcome: row.outcome, inspectedOn: row.inspectedOn, planTitle: row.planTitle,
      });
    },

    /** The result shows on the public page from now (workflow time, so a late publication is dated as it happened). */
    async markResultPublished(args: { instanceId: string; creditCode: string; at: string; on: string; onTime: boolean }): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx.update(inspectionResults).set({ publishedAt: new Date(args.at), publishedOn: args.on })
          .where(and(eq(inspectionResults.instanceId, args.instanceId), eq(inspectionResults.creditCode, args.creditCode), sql`${inspectionResults.publishedAt} is null`))
          .returning();
        if (!row) return;
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey: `${args.instanceId}:publish:${args.creditCode}`, at: new Date(args.at), actor: null,
          stepId: 'Service_Publish', action: 'publish', data: { creditCode: args.creditCode, publishedOn: args.on, onTime: args.onTime },
        });
      });
    },
  };
}
