// The licensing records people look up: credit registry entries of an applicant and the licences issued to it.
import { Router } from 'express';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { creditRecords, licences } from '../../db/schema';
import { toShanghaiIso } from '../../domain/calendar/deadline';
import { creditCodeSchema } from '../../domain/identifiers';
import { requireRole } from '../auth/middleware';
import { parseOr400 } from '../errors';
import type { AppContext } from '../context';

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
  return router;
}
