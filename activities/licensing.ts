// Licensing records: the signed commitment, the licence and its number, pushes with receipts and alerts,
// revocation and credit entries. Each write is idempotent by a deterministic key, with its audit event.
import { createHash, randomUUID } from 'node:crypto';
import { activityInfo } from '@temporalio/activity';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appendAudit, type AuditActor } from '../db/audit-log';
import { alerts, counters, licences, pushReceipts } from '../db/schema';
import { normaliseIdentifier } from '../domain/identifiers';
import type { CreditEntry, CreditKind, CreditRegistry, LicenceView } from './credit-registry';
import type { EnforcementPlatform } from './enforcement-platform';
import type { ApplicantNotice, Notifier } from './notifier';
import { shanghaiDay } from '../domain/calendar/shanghai-day';

/** After this many failed attempts a push raises an alert for administrators; it keeps retrying. */
export const PUSH_ALERT_AFTER_ATTEMPTS = 5;

export type PushTarget = 'enforcement' | 'credit';

export interface IssuedLicence {
  licenceId: string;
  licenceNo: string;
}

function viewOf(row: typeof licences.$inferSelect): LicenceView {
  return { licenceNo: row.licenceNo, itemCode: row.itemCode, holderName: row.holderName, creditCode: row.creditCode,
    route: row.route, issuedAt: row.issuedAt.toISOString() };
}

/** An adverse credit entry as the credit check and the art. 79 bar read it (plain data: it crosses into workflow code). */
export interface AdverseEntry {
  kind: CreditKind;
  reason: string;
  instanceId: string | null;
  licenceNo: string | null;
  itemCode: string | null;
  recordedAt: string;
}

export async function adverseOf(credit: CreditRegistry, creditCode: string): Promise<AdverseEntry[]> {
  const entries = await credit.adverseEntries(creditCode);
  return entries.map((e) => ({
    kind: e.kind, reason: e.reason, instanceId: e.instanceId, licenceNo: e.licenceNo, itemCode: e.itemCode, recordedAt: e.recordedAt.toISOString(),
  }));
}

export function licensingActivities(db: Db, credit: CreditRegistry, enforcement: EnforcementPlatform, notifier: Notifier) {
  return {
    /** Entries that bar the commitment route (bad credit, past false commitments) or, for their item, any new application (art. 79). */
    async checkCredit(args: { creditCode: string }): Promise<AdverseEntry[]> {
      return adverseOf(credit, args.creditCode);
    },

    /** Sends the applicant a notice the law says they must be told (the reason of an art. 42 extension); best effort, the audit trail holds it too. */
    async informApplicant(notice: ApplicantNotice): Promise<void> {
      await notifier.inform(notice);
    },

    /** Records the signed commitment with the notice version and the sha256 of exactly the text signed. */
    async recordCommitment(args: { instanceId: string; taskId: string; at: string; noticeVersion: string; text: string; signer: AuditActor }): Promise<string> {
      const sha256 = createHash('sha256').update(args.text, 'utf8').digest('hex');
      await db.transaction(async (tx) => {
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey: `${args.taskId}:commitment`, at: new Date(args.at), actor: args.signer,
          stepId: 'Task_Commit', action: 'commitmentSigned', data: { noticeVersion: args.noticeVersion, sha256, length: args.text.length },
        });
      });
      return sha256;
    },

    /** Issues the instance's licence once, numbered XK-<year>-<seq> within the year of issue (Beijing time). */
    async issueLicence(args: {
      instanceId: string; at: string; itemCode: string; holderName: string; creditCode: string; route: 'commitment' | 'normal'; stepId: string; decision: Record<string, unknown>;
    }): Promise<IssuedLicence> {
      return db.transaction(async (tx) => {
        const [existing] = await tx.select().from(licences).where(eq(licences.instanceId, args.instanceId));
        if (existing) return { licenceId: existing.id, licenceNo: existing.licenceNo };
        const at = new Date(args.at);
        const year = shanghaiDay(at).slice(0, 4);
        const [counter] = await tx.insert(counters).values({ name: `XK-${year}`, value: 1 })
          .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } }).returning();
        const licenceNo = `XK-${year}-${String(counter.value).padStart(6, '0')}`;
        const licenceId = randomUUID();
        await tx.insert(licences).values({
          id: licenceId, licenceNo, instanceId: args.instanceId, itemCode: args.itemCode, holderName: args.holderName,
          creditCode: normaliseIdentifier(args.creditCode), route: args.route, status: 'issued', issuedAt: at,
        });
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey: `${args.instanceId}:issue`, at, actor: null, stepId: args.stepId,
          action: 'issue', data: { licenceNo, licenceId, route: args.route, decision: args.decision },
        });
        return { licenceId, licenceNo };
      });
    },

    /**
     * Pushes the licence to one target and records the receipt; throws (and is retried) until acknowledged.
     * One receipt row per licence and target, whatever the attempts; long failure raises an alert that clears on success.
     */
    async pushLicence(args: { instanceId: string; licenceId: string; target: PushTarget; stepId: string }): Promise<{ receiptId: string; attempts: number }> {
      const attempt = activityInfo().attempt;
      const key = { licenceId: args.licenceId, target: args.target };
      const match = and(eq(pushReceipts.licenceId, args.licenceId), eq(pushReceipts.target, args.target));
      const [done] = await db.select().from(pushReceipts).where(match);
      if (done?.acknowledgedAt && done.receiptId) return { receiptId: done.receiptId, attempts: done.attempts };
      await db.insert(pushReceipts).values({ ...key, instanceId: args.instanceId, attempts: attempt })
        .onConflictDoUpdate({ target: [pushReceipts.licenceId, pushReceipts.target], set: { attempts: attempt } });
      const [licence] = await db.select().from(licences).where(eq(licences.id, args.licenceId));
      const alertKey = `push:${args.licenceId}:${args.target}`;
      let receiptId: string;
      try {
        ({ receiptId } = args.target === 'enforcement' ? await enforcement.receiveLicence(viewOf(licence)) : await credit.publishLicence(viewOf(licence)));
      } catch (error) {
        const message = (error as Error).message;
        await db.update(pushReceipts).set({ lastError: message }).where(match);
        if (attempt >= PUSH_ALERT_AFTER_ATTEMPTS) await raiseAlert(db, args, alertKey, attempt, message, licence.licenceNo);
        throw error;
      }
      await db.transaction(async (tx) => {
        const now = new Date();
        await tx.update(pushReceipts).set({ receiptId, acknowledgedAt: now, lastError: null }).where(match);
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey: `${alertKey}:ack`, at: now, actor: null, stepId: args.stepId,
          action: 'acknowledged', data: { target: args.target, licenceNo: licence.licenceNo, receiptId, attempts: attempt },
        });
        const cleared = await tx.update(alerts).set({ clearedAt: now }).where(and(eq(alerts.key, alertKey), isNull(alerts.clearedAt))).returning();
        if (cleared.length > 0) {
          await appendAudit(tx, {
            instanceId: args.instanceId, eventKey: `${alertKey}:cleared`, at: now, actor: null, stepId: args.stepId,
            action: 'alertCleared', data: { alert: alertKey, attempts: attempt },
          });
        }
      });
      return { receiptId, attempts: attempt };
    },

    /** Revokes the instance's licence (行政许可法 art. 69) and records why. */
    async revokeLicence(args: { instanceId: string; at: string; reason: string; stepId: string }): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx.update(licences).set({ status: 'revoked', revokedAt: new Date(args.at), revocationReason: args.reason })
          .where(eq(licences.instanceId, args.instanceId)).returning();
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey: `${args.instanceId}:revoke`, at: new Date(args.at), actor: null, stepId: args.stepId,
          action: 'revoke', data: { licenceNo: row?.licenceNo ?? null, reason: args.reason },
        });
      });
    },

    /** Writes one credit entry to the registry (once per instance and kind) and its audit event. */
    async recordCredit(args: {
      instanceId: string; at: string; creditCode: string; itemCode: string | null; kind: CreditKind; reason: string; stepId: string | null; licenceNo: string | null;
    }): Promise<void> {
      const entry: CreditEntry = {
        id: `${args.instanceId}:${args.kind}`, creditCode: normaliseIdentifier(args.creditCode), kind: args.kind, reason: args.reason,
        instanceId: args.instanceId, licenceNo: args.licenceNo, itemCode: args.itemCode, recordedAt: new Date(args.at),
      };
      await credit.record(entry);
      await db.transaction(async (tx) => {
        await appendAudit(tx, {
          instanceId: args.instanceId, eventKey: `${entry.id}:credit`, at: new Date(args.at), actor: null, stepId: args.stepId,
          action: 'creditRecorded', data: { entryId: entry.id, kind: args.kind, creditCode: entry.creditCode, itemCode: args.itemCode, reason: args.reason },
        });
      });
    },
  };
}

async function raiseAlert(db: Db, args: { instanceId: string; target: PushTarget; stepId: string }, key: string, attempt: number, error: string, licenceNo: string) {
  await db.transaction(async (tx) => {
    const raised = await tx.insert(alerts).values({
      key, kind: 'pushFailing', instanceId: args.instanceId, raisedAt: new Date(),
      message: `许可证 ${licenceNo} 推送${args.target === 'enforcement' ? '执法平台' : '信用库'}已连续失败 ${attempt} 次`,
      data: { target: args.target, licenceNo, attempts: attempt, lastError: error },
    }).onConflictDoNothing().returning();
    if (raised.length === 0) return;
    await appendAudit(tx, {
      instanceId: args.instanceId, eventKey: `${key}:alert`, at: new Date(), actor: null, stepId: args.stepId,
      action: 'alert', data: { alert: key, attempts: attempt, lastError: error },
    });
  });
}
