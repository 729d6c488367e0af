// The licensing records people look up (credit registry entries of an applicant and the licences issued to it), and
// the binding of portal accounts: subjects bound at the counter, counter filings claimed by their party's code.
import { Router } from 'express';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { creditRecords, licences } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { creditCodeSchema } from '../../domain/identifiers';
import { requireRole } from '../auth/middleware';
import { forbidden, parseOr400 } from '../errors';
import type { AppContext } from '../context';
import { portalOnly } from '../tasks/task-view';
import { claimBodySchema, redeemClaimCode, reissueBodySchema, reissueClaimCode } from './claims';
import { bindSubject, bindSubjectBodySchema } from './subjects';
import { portalApplications } from './portal';

const READERS = ['window_clerk', 'approver', 'verifier', 'auditor', 'admin'] as const;
/** Looked up as it is stored: normalised and checked, so "9135 0100 m000100y43" finds 91350100M000100Y43. */
const querySchema = z.object({ creditCode: creditCodeSchema });

export function licensingRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/credit-records', async (req, res) => {
    requireRole(res, READERS, 'reading the credit registry');
    const { creditCode } = parseOr400(querySchema, { creditCode: req.query.creditCode }, ['query']);
    const rows = await ctx.db.select().from(creditRecords).where(eq(creditRecords.creditCode, creditCode)).orderBy(asc(creditRecords.recordedAt));
    res.json({ records: rows.map((r) => ({ ...r, recordedAt: toShanghaiIso(r.recordedAt) })) });
  });
  router.get('/licences', async (req, res) => {
    requireRole(res, READERS, 'reading licences');
    const { creditCode } = parseOr400(querySchema, { creditCode: req.query.creditCode }, ['query']);
    const rows = await ctx.db.select().from(licences).where(eq(licences.creditCode, creditCode)).orderBy(asc(licences.issuedAt));
    res.json({ licences: rows.map((l) => ({
      ...l, issuedAt: toShanghaiIso(l.issuedAt), revokedAt: l.revokedAt ? toShanghaiIso(l.revokedAt) : null,
    })) });
  });
  // The portal home: a member of the public's own applications (staff read cases through the case list).
  router.get('/applications', async (_req, res) => {
    const actor = requireRole(res, ['applicant'], 'listing one\'s own applications');
    if (!portalOnly(actor)) throw forbidden('the portal lists the applications of a member of the public; staff use the case list');
    res.json(await portalApplications(ctx, actor));
  });
  // The party redeems the code the window gave them: the counter filing is then theirs alone on the portal.
  router.post('/claims', async (req, res) => {
    const actor = requireRole(res, ['applicant'], 'claiming a counter filing');
    if (!portalOnly(actor)) throw forbidden('claim codes are redeemed by the party\'s own portal account, not by staff');
    const { code } = parseOr400(claimBodySchema, req.body);
    res.json(await redeemClaimCode(ctx, actor, code));
  });
  router.post('/claim-codes', async (req, res) => {
    const actor = requireRole(res, ['window_clerk'], 're-issuing a claim code');
    const { instanceId } = parseOr400(reissueBodySchema, req.body);
    res.status(201).json(await reissueClaimCode(ctx, actor, instanceId));
  });
  router.post('/portal-subjects', async (req, res) => {
    const actor = requireRole(res, ['window_clerk'], 'binding a subject to a portal account');
    res.status(201).json(await bindSubject(ctx, actor, parseOr400(bindSubjectBodySchema, req.body)));
  });
  return router;
}
