// The double-random registries (API.md random-inspection): market subjects imported from CSV (admin; dry run and
// per-row errors) and searched by name or credit code with keyset pages; inspectors, the enforcement officers.
import express, { Router } from 'express';
import { parse } from 'csv-parse/sync';
import { and, asc, gt, ilike, like, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { marketSubjects } from '../../db/schema';
import { countExisting, upsertSubjects } from '../../db/market-subjects';
import { headerProblem, parseSubjectRow, type RowError, type SubjectRow } from '../../domain/random-inspection/subject-rows';
import { normaliseIdentifier } from '../../domain/identifiers';
import { publicOnly } from '../../domain/roles';
import { actorOf, requireRole } from '../auth/middleware';
import { badRequest, forbidden, parseOr400 } from '../errors';
import type { AppContext } from '../context';

/** Errors listed in one answer; an import with more is refused all the same. */
const MAX_LISTED_ERRORS = 1000;

const importQuerySchema = z.object({ dryRun: z.enum(['true', 'false']).optional() }).strict();
export const subjectsQuerySchema = z.object({
  q: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();

/** A cursor is the last credit code of the page, base64url: codes are the registry's unique, stable order. */
const encode = (code: string) => Buffer.from(code).toString('base64url');
function decode(cursor: string): string {
  const code = Buffer.from(cursor, 'base64url').toString();
  if (!/^[0-9A-Z]{18}$/.test(code)) throw badRequest('invalid cursor', [{ path: 'cursor', message: 'not a cursor this API issued' }]);
  return code;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function registriesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/subjects', async (req, res) => {
    if (publicOnly(actorOf(res).roles)) throw forbidden('the subjects registry is for officials');
    const { q, cursor, limit } = parseOr400(subjectsQuerySchema, req.query);
    const where: SQL[] = [];
    const term = q?.trim();
    if (term) {
      const code = normaliseIdentifier(term);
      const byName = ilike(marketSubjects.name, `%${escapeLike(term)}%`);
      where.push(/^[0-9A-Z]+$/.test(code) ? or(like(marketSubjects.creditCode, `${escapeLike(code)}%`), byName)! : byName);
    }
    if (cursor) where.push(gt(marketSubjects.creditCode, decode(cursor)));
    const rows = await ctx.db.select({
      creditCode: marketSubjects.creditCode, name: marketSubjects.name, address: marketSubjects.address,
      gridCode: marketSubjects.gridCode, creditGrade: marketSubjects.creditGrade,
    }).from(marketSubjects).where(and(...where)).orderBy(asc(marketSubjects.creditCode)).limit(limit + 1);
    const items = rows.slice(0, limit);
    res.json({ items, nextCursor: rows.length > limit ? encode(items[items.length - 1].creditCode) : null });
  });

  router.post('/subjects/import', express.text({ type: ['text/csv', 'text/plain'], limit: '64mb' }), async (req, res) => {
    requireRole(res, ['admin'], 'importing the subjects registry');
    const { dryRun } = parseOr400(importQuerySchema, req.query);
    if (typeof req.body !== 'string' || req.body.length === 0) {
      throw badRequest('send the registry as text/csv', [{ path: '(body)', message: 'a text/csv body with the header creditCode,name,address,gridCode,creditGrade' }]);
    }
    let records: string[][];
    try {
      records = parse(req.body, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    } catch (error) {
      throw badRequest('the CSV cannot be read', [{ path: '(body)', message: (error as Error).message }]);
    }
    const headerError = headerProblem(records[0] ?? []);
    if (headerError) throw badRequest('wrong header', [{ path: '(body)', message: headerError }]);
    await ctx.orgTree.refresh();
    const gridExists = (code: string) => ctx.orgTree.byCode(code)?.kind === 'grid';
    const rows: SubjectRow[] = [];
    const errors: RowError[] = [];
    const firstRowOf = new Map<string, number>();
    records.slice(1).forEach((cells, i) => {
      const line = i + 2;
      const { value, errors: rowErrors } = parseSubjectRow(cells, line, gridExists);
      errors.push(...rowErrors);
      if (!value) return;
      const earlier = firstRowOf.get(value.creditCode);
      if (earlier !== undefined) errors.push({ row: line, field: 'creditCode', message: `the same credit code as row ${earlier}` });
      else {
        firstRowOf.set(value.creditCode, line);
        rows.push(value);
      }
    });
    const listed = errors.slice(0, MAX_LISTED_ERRORS);
    if (errors.length > 0 || dryRun === 'true') {
      // A dry run, or an import with errors, writes nothing: the counts say what a clean import would do.
      const updated = await countExisting(ctx.db, rows.map((r) => r.creditCode));
      res.status(errors.length > 0 && dryRun !== 'true' ? 400 : 200).json({
        dryRun: true, created: rows.length - updated, updated, errors: listed, errorCount: errors.length,
        ...(errors.length > 0 && dryRun !== 'true' ? { error: { code: 'VALIDATION', message: `${errors.length} rows have errors; nothing was imported`, details: listed.map((e) => ({ path: `row ${e.row}.${e.field}`, message: e.message })) } } : {}),
      });
      return;
    }
    const result = await upsertSubjects(ctx.db, rows, await ctx.clock.now());
    res.json({ dryRun: false, ...result, errors: [], errorCount: 0 });
  });

  return router;
}
