// POST /api/admin/import (admin, text/csv, ?dryRun=true): a district's organisation or its people from a spreadsheet.
// The header says which: `kind,name,parent,code` for units, `username,name,unit,password` for users. A parent or unit
// is named by its id, its code, or its name when that name is unique (a row may name a unit made by an earlier row).
// All or nothing: every row is checked, and the import is written only when no row has an error; a dry run checks and
// writes nothing. Existing units (same code) and users (same user name) are updated, not duplicated. Roles are not
// imported: they are the security administrator's (三员分立).
import express, { Router } from 'express';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { orgUnits, users } from '../../db/schema';
import { hashPassword } from '../../db/passwords';
import { appendSecurityEvent } from '../../db/security-log';
import { ORG_UNIT_KINDS, parentKindOf, type OrgUnitKind } from '../../domain/org-units';
import { passwordProblems } from '../../domain/password-policy';
import { badRequest, parseOr400 } from '../errors';
import { requireRole } from '../auth/middleware';
import { clientAddress } from '../auth/router';
import { AUTH_GENERATION, bumpGeneration, ORG_GENERATION } from '../auth/generations';
import type { AppContext } from '../context';
import { languageOf } from '../i18n/language';
import { chineseMessage, chineseText } from '../i18n/validation-messages';

/** A row error in the reader's language (Accept-Language: Chinese unless English is asked for), as the web app shows it. */
type Say = (en: string, zh: string) => string;
const KIND_ZH: Record<OrgUnitKind, string> = { district: '区', street: '街道', community: '社区', grid: '网格', department: '部门' };

const MAX_ROWS = 5_000;
const NO_FIRST_PASSWORD = 'a new user needs a first password';
export const importQuerySchema = z.object({ dryRun: z.enum(['true', 'false']).optional() });

export interface RowError { row: number; field: string; message: string }
export interface ImportResult { kind: 'units' | 'users'; created: number; updated: number; errors: RowError[]; dryRun: boolean }

const unitRow = z.object({
  kind: z.enum(ORG_UNIT_KINDS.filter((k) => k !== 'district') as [OrgUnitKind, ...OrgUnitKind[]]),
  name: z.string().trim().min(1).max(100), parent: z.string().trim().min(1).max(100), code: z.string().trim().max(50).regex(/^[A-Za-z0-9_-]*$/).optional(),
});
const userRow = z.object({
  username: z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9_.-]+$/), name: z.string().trim().min(1).max(100),
  unit: z.string().trim().min(1).max(100), password: z.string().max(200).optional(),
});

type Unit = typeof orgUnits.$inferSelect;

/** Units by id, code and unique name, kept current as rows add units. */
class UnitIndex {
  private readonly byId = new Map<string, Unit>();
  private readonly byCode = new Map<string, Unit>();
  private readonly byName = new Map<string, Unit[]>();
  constructor(units: Unit[]) { for (const u of units) this.add(u); }
  add(u: Unit): void {
    this.byId.set(u.id, u);
    if (u.code) this.byCode.set(u.code, u);
    this.byName.set(u.name, [...(this.byName.get(u.name) ?? []).filter((x) => x.id !== u.id), u]);
  }
  find(ref: string): Unit | 'ambiguous' | undefined {
    const named = this.byName.get(ref) ?? [];
    return this.byId.get(ref) ?? this.byCode.get(ref) ?? (named.length > 1 ? 'ambiguous' : named[0]);
  }
  codeOwner(code: string): Unit | undefined { return this.byCode.get(code); }
}

function zodRowErrors(row: number, error: z.ZodError, say: Say): RowError[] {
  return error.issues.map((i) => ({ row, field: i.path.map(String).join('.') || '(row)', message: say(i.message, chineseMessage(i)) }));
}

async function importUnits(tx: Db, rows: Array<Record<string, string>>, errors: RowError[], say: Say): Promise<{ created: number; updated: number; changes: unknown[] }> {
  const index = new UnitIndex(await tx.select().from(orgUnits));
  let created = 0;
  let updated = 0;
  const changes: unknown[] = [];
  for (const [i, raw] of rows.entries()) {
    const row = i + 2; // the header is row 1, as a spreadsheet counts
    const parsed = unitRow.safeParse({ ...raw, code: raw.code || undefined });
    if (!parsed.success) { errors.push(...zodRowErrors(row, parsed.error, say)); continue; }
    const { kind, name, parent: parentRef, code } = parsed.data;
    if (kind === 'grid' && !code) { errors.push({ row, field: 'code', message: say('a grid needs its grid code (网格编码)', '网格须填写网格编码') }); continue; }
    const parent = index.find(parentRef);
    const wanted = parentKindOf(kind);
    if (parent === 'ambiguous') { errors.push({ row, field: 'parent', message: say(`more than one unit is named ${parentRef}: use its id or code`, `有多个单位名为“${parentRef}”，请填写其编号或编码`) }); continue; }
    if (!parent || !parent.active) { errors.push({ row, field: 'parent', message: say(`no active unit ${parentRef}`, `没有启用中的单位“${parentRef}”`) }); continue; }
    if (parent.kind !== wanted) { errors.push({ row, field: 'parent', message: say(`a ${kind} belongs under a ${wanted}, not a ${parent.kind}`, `${KIND_ZH[kind]}应挂在${KIND_ZH[wanted!]}下，不能挂在${KIND_ZH[parent.kind]}下`) }); continue; }
    const existing = code ? index.codeOwner(code) : undefined;
    if (existing && existing.kind !== kind) { errors.push({ row, field: 'code', message: say(`${code} is the code of a ${existing.kind}`, `${code} 已是一个${KIND_ZH[existing.kind]}的编码`) }); continue; }
    if (existing) {
      const [u] = await tx.update(orgUnits).set({ name, parentId: parent.id }).where(eq(orgUnits.id, existing.id)).returning();
      index.add(u);
      changes.push({ id: u.id, before: { name: existing.name, parentId: existing.parentId }, after: { name, parentId: parent.id } });
      updated += 1;
    } else {
      const [u] = await tx.insert(orgUnits).values({ id: `${kind}-${randomUUID().slice(0, 8)}`, kind, name, parentId: parent.id, code: code ?? null }).returning();
      index.add(u);
      changes.push({ id: u.id, after: { kind, name, parentId: parent.id, code: code ?? null } });
      created += 1;
    }
  }
  return { created, updated, changes };
}

async function importUsers(tx: Db, rows: Array<Record<string, string>>, errors: RowError[], say: Say): Promise<{ created: number; updated: number; changes: unknown[] }> {
  const index = new UnitIndex(await tx.select().from(orgUnits));
  const known = new Map((await tx.select().from(users)).map((u) => [u.username, u]));
  const seen = new Set<string>();
  let created = 0;
  let updated = 0;
  const changes: unknown[] = [];
  for (const [i, raw] of rows.entries()) {
    const row = i + 2;
    const parsed = userRow.safeParse({ ...raw, password: raw.password || undefined });
    if (!parsed.success) { errors.push(...zodRowErrors(row, parsed.error, say)); continue; }
    const { username, name, unit: unitRef, password } = parsed.data;
    if (seen.has(username)) { errors.push({ row, field: 'username', message: say(`${username} appears twice in the file`, `用户名 ${username} 在文件中出现了两次`) }); continue; }
    seen.add(username);
    const unit = index.find(unitRef);
    if (unit === 'ambiguous') { errors.push({ row, field: 'unit', message: say(`more than one unit is named ${unitRef}: use its id or code`, `有多个单位名为“${unitRef}”，请填写其编号或编码`) }); continue; }
    if (!unit || !unit.active) { errors.push({ row, field: 'unit', message: say(`no active unit ${unitRef}`, `没有启用中的单位“${unitRef}”`) }); continue; }
    const existing = known.get(username);
    if (existing) {
      await tx.update(users).set({ name, orgUnitId: unit.id }).where(eq(users.id, existing.id));
      changes.push({ id: existing.id, before: { name: existing.name, orgUnitId: existing.orgUnitId }, after: { name, orgUnitId: unit.id } });
      updated += 1;
      continue;
    }
    const problems = password === undefined ? [NO_FIRST_PASSWORD] : passwordProblems(password, username);
    if (problems.length > 0) { errors.push(...problems.map((message) => ({ row, field: 'password', message: say(message, message === NO_FIRST_PASSWORD ? '新用户须填写初始密码' : chineseText(message)) }))); continue; }
    const id = randomUUID();
    await tx.insert(users).values({ id, username, name, orgUnitId: unit.id, roles: [], passwordHash: await hashPassword(password!), mustChangePassword: true });
    changes.push({ id, after: { username, name, orgUnitId: unit.id } });
    created += 1;
  }
  return { created, updated, changes };
}

/** Thrown to roll the transaction back after a dry run or a file with errors, carrying what would have happened. */
class RolledBack extends Error { constructor(readonly result: ImportResult) { super('rolled back'); } }

export function importRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/import', express.text({ type: ['text/csv', 'application/csv'], limit: '2mb' }), async (req, res) => {
    const actor = requireRole(res, ['admin'], 'importing the organisation');
    const { dryRun } = parseOr400(importQuerySchema, req.query);
    if (typeof req.body !== 'string') throw badRequest('send the file as text/csv', [{ path: '(body)', message: 'a CSV text with a header row' }]);
    let records: Array<Record<string, string>>;
    try {
      records = parse(req.body, { columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false, max_record_size: 10_000 });
    } catch (error) {
      throw badRequest('the file is not valid CSV', [{ path: '(body)', message: (error as Error).message.slice(0, 200) }]);
    }
    if (records.length === 0) throw badRequest('the file has no rows', [{ path: '(body)', message: 'a header row and at least one row' }]);
    if (records.length > MAX_ROWS) throw badRequest(`at most ${MAX_ROWS} rows per file`, [{ path: '(body)', message: `${records.length} rows` }]);
    const header = Object.keys(records[0]);
    const kind = header.includes('kind') ? 'units' : header.includes('username') ? 'users' : null;
    if (!kind) throw badRequest('unknown file', [{ path: '(body)', message: 'the header is kind,name,parent,code (units) or username,name,unit,password (users)' }]);
    const at = await ctx.clock.now();
    const say: Say = languageOf(req.get('accept-language')) === 'en' ? (en) => en : (_en, zh) => zh;
    const outcome = await ctx.db.transaction(async (tx) => {
      const errors: RowError[] = [];
      const done = kind === 'units' ? await importUnits(tx, records, errors, say) : await importUsers(tx, records, errors, say);
      const result: ImportResult = { kind, created: done.created, updated: done.updated, errors, dryRun: dryRun === 'true' };
      if (errors.length > 0 || result.dryRun) throw new RolledBack(result);
      await bumpGeneration(tx, kind === 'units' ? ORG_GENERATION : AUTH_GENERATION);
      await appendSecurityEvent(tx, { at, actor, event: 'usersImported', target: { kind: 'import', id: kind }, data: { created: done.created, updated: done.updated, changes: done.changes }, address: clientAddress(req) });
      return result;
    }).catch((error: unknown) => {
      if (error instanceof RolledBack) return error.result;
      throw error;
    });
    if (outcome.errors.length > 0 && !outcome.dryRun) {
      throw badRequest(`${outcome.errors.length} row(s) have errors; nothing was imported`, outcome.errors.map((e) => ({ path: `rows.${e.row}.${e.field}`, message: e.message })));
    }
    if (kind === 'units' && !outcome.dryRun) await ctx.orgTree.refresh(true);
    res.json(outcome);
  });
  return router;
}
