// The applicant's own applications, for the portal home: each with its status, the step it waits on (and whether
// it waits on them), the exact notice and commitment text of an unsigned commitment with the sha256 that will be
// recorded when they sign it, and the licence once issued. Only the cases bound to the account are listed.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { auditEvents, instances, licences, tasks } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { LICENSING_KEY, LicensingStep } from '../../domain/processes/commitment-licensing';
import type { Actor } from '../../domain/actor';
import type { AppContext } from '../context';

/** Applications shown at once; an applicant with more finds older ones in the case list. */
const PORTAL_LIMIT = 100;

export interface PortalNotice { version: string; text: string; sha256: string }

export async function portalApplications(ctx: AppContext, actor: Actor) {
  const now = await ctx.clock.now();
  const cases = await ctx.db.select().from(instances)
    .where(and(eq(instances.partyAccountId, actor.id), eq(instances.processKey, LICENSING_KEY)))
    .orderBy(desc(instances.startedAt), desc(instances.id)).limit(PORTAL_LIMIT);
  const ids = cases.map((c) => c.id);
  if (ids.length === 0) return { items: [] };
  const [open, issued] = await Promise.all([
    ctx.db.select().from(tasks).where(and(inArray(tasks.instanceId, ids), eq(tasks.status, 'open'))).orderBy(asc(tasks.createdAt)),
    ctx.db.select().from(licences).where(inArray(licences.instanceId, ids)),
  ]);
  // The text the applicant reads is the one the workflow opened the step with, as recorded in the trail.
  const commitTasks = open.filter((t) => t.stepId === LicensingStep.Commit);
  const openings = commitTasks.length === 0 ? [] : await ctx.db.select({ eventKey: auditEvents.eventKey, data: auditEvents.data }).from(auditEvents)
    .where(inArray(auditEvents.eventKey, commitTasks.map((t) => `${t.id}:open`)));
  const noticeOf = (taskId: string): PortalNotice | null => {
    const data = openings.find((o) => o.eventKey === `${taskId}:open`)?.data;
    if (!data || typeof data.notice !== 'string' || typeof data.noticeVersion !== 'string') return null;
    return { version: data.noticeVersion, text: data.notice, sha256: createHash('sha256').update(data.notice, 'utf8').digest('hex') };
  };
  return {
    items: cases.map((c) => {
      const licence = issued.find((l) => l.instanceId === c.id);
      const input = c.input as { applicant?: { name?: string; creditCode?: string }; itemCode?: string; route?: string };
      return {
        instanceId: c.id, title: c.title, status: c.status, itemCode: input.itemCode ?? null, route: input.route ?? null,
        applicant: { name: input.applicant?.name ?? '', creditCode: input.applicant?.creditCode ?? '' },
        startedAt: toShanghaiIso(c.startedAt), closedAt: c.closedAt ? toShanghaiIso(c.closedAt) : null,
        steps: open.filter((t) => t.instanceId === c.id).map((t) => ({
          taskId: t.id, stepId: t.stepId, name: t.name, role: t.role, dueAt: toShanghaiIso(t.dueAt),
          overdue: t.parkedAt === null && t.dueAt < now, yours: t.role === 'applicant',
          notice: t.stepId === LicensingStep.Commit ? noticeOf(t.id) : null,
        })),
        licence: licence ? {
          licenceNo: licence.licenceNo, itemCode: licence.itemCode, holderName: licence.holderName, creditCode: licence.creditCode,
          route: licence.route, status: licence.status, issuedAt: toShanghaiIso(licence.issuedAt),
          revokedAt: licence.revokedAt ? toShanghaiIso(licence.revokedAt) : null, revocationReason: licence.revocationReason,
        } : null,
      };
    }),
  };
}
