// The unit tree, kept by the system administrator: create, rename, move, deactivate (POST and PATCH /api/org-units).
// Each change and its security-log entry (before → after) commit together, and the shared org generation moves so
// every API process reloads the tree: scopes follow units created or moved at run time on the next request.
import { Router } from 'express';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { orgUnits, users } from '../../db/schema';
import { appendSecurityEvent } from '../../db/security-log';
import { ORG_UNIT_KINDS, parentKindOf, type OrgUnitKind } from '../../domain/org-units';
import { ApiError, badRequest, conflict, notFound, parseOr400 } from '../errors';
import { ErrorType } from '../../domain/errors';
import { requireRole } from '../auth/middleware';
import { clientAddress } from '../auth/router';
import { bumpGeneration, ORG_GENERATION } from '../auth/generations';
import type { AppContext } from '../context';

const name = z.string().trim().min(1).max(100);
const code = z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

/** The district is the root, created at installation; everything else is created under it. */
const CREATABLE_KINDS = ORG_UNIT_KINDS.filter((k) => k !== 'district') as Exclude<OrgUnitKind, 'district'>[];

export const orgUnitCreateBodySchema = z.object({
  kind: z.enum(CREATABLE_KINDS as [Exclude<OrgUnitKind, 'district'>, ...Array<Exclude<OrgUnitKind, 'district'>>]), name, parentId: z.string().min(1).max(100), code: code.optional(),
}).strict().refine((b) => b.kind !== 'grid' || b.code !== undefined, { path: ['code'], message: 'a grid needs its grid code (网格编码)' });

export const orgUnitPatchBodySchema = z.object({
  name: name.optional(), parentId: z.string().min(1).max(100).optional(), code: code.optional(), active: z.boolean().optional(),
}).strict().refine((b) => Object.keys(b).length > 0, { path: ['(body)'], message: 'name, parentId, code or active' });

type UnitRow = typeof orgUnits.$inferSelect;
const view = (u: UnitRow) => ({ id: u.id, kind: u.kind, name: u.name, parentId: u.parentId, code: u.code, active: u.active });

/** The parent a unit of `kind` may hang under: an active unit of the kind above it. */
async function checkParent(tx: Db, kind: OrgUnitKind, parentId: string): Promise<UnitRow> {
  const [parent] = await tx.select().from(orgUnits).where(eq(orgUnits.id, parentId));
  if (!parent) throw badRequest('no such parent unit', [{ path: 'parentId', message: `no unit ${parentId}` }]);
  if (!parent.active) throw badRequest('the parent unit is deactivated', [{ path: 'parentId', message: 'deactivated' }]);
  const wanted = parentKindOf(kind);
  if (parent.kind !== wanted) throw badRequest(`a ${kind} belongs under a ${wanted}`, [{ path: 'parentId', message: `must be a ${wanted}, not a ${parent.kind}` }]);
  return parent;
}

async function codeTaken(tx: Db, value: string, except?: string): Promise<boolean> {
  const [row] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, value));
  return row !== undefined && row.id !== except;
}

export function orgAdminRouter(ctx: AppContext): Router {
  const router = Router();

  router.post('/org-units', async (req, res) => {
    const actor = requireRole(res, ['admin'], 'creating an org unit');
    const body = parseOr400(orgUnitCreateBodySchema, req.body);
    const at = await ctx.clock.now();
    const id = `${body.kind}-${randomUUID().slice(0, 8)}`;
    const created = await ctx.db.transaction(async (tx) => {
      await checkParent(tx, body.kind, body.parentId);
      if (body.code && await codeTaken(tx, body.code)) throw conflict('this code is taken', [{ path: 'code', message: `${body.code} is another unit's code` }]);
      const [row] = await tx.insert(orgUnits).values({ id, kind: body.kind, name: body.name, parentId: body.parentId, code: body.code ?? null }).returning();
      await bumpGeneration(tx, ORG_GENERATION);
      await appendSecurityEvent(tx, { at, actor, event: 'orgUnitCreated', target: { kind: 'orgUnit', id }, data: { after: view(row) }, address: clientAddress(req) });
      return row;
    });
    await ctx.orgTree.refresh(true);
    res.status(201).json(view(created));
  });

  router.patch('/org-units/:id', async (req, res) => {
    const actor = requireRole(res, ['admin'], 'changing an org unit');
    const body = parseOr400(orgUnitPatchBodySchema, req.body);
    const at = await ctx.clock.now();
    const updated = await ctx.db.transaction(async (tx) => {
      const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, req.params.id)).for('update');
      if (!unit) throw notFound(`no org unit ${req.params.id}`);
      if (body.parentId !== undefined && body.parentId !== unit.parentId) {
        if (unit.parentId === null) throw badRequest('the district is the root of the tree', [{ path: 'parentId', message: 'the root unit does not move' }]);
        await checkParent(tx, unit.kind, body.parentId);
      }
      if (body.code !== undefined && await codeTaken(tx, body.code, unit.id)) throw conflict('this code is taken', [{ path: 'code', message: `${body.code} is another unit's code` }]);
      if (body.active === false && unit.active) await checkEmpty(tx, unit);
      if (body.active === true && !unit.active && unit.parentId) await checkParent(tx, unit.kind, body.parentId ?? unit.parentId);
      const [row] = await tx.update(orgUnits).set({
        name: body.name ?? unit.name, parentId: body.parentId ?? unit.parentId, code: body.code ?? unit.code, active: body.active ?? unit.active,
      }).where(eq(orgUnits.id, unit.id)).returning();
      const before = view(unit);
      const after = view(row);
      const changed = (Object.keys(after) as Array<keyof typeof after>).filter((k) => after[k] !== before[k]);
      if (changed.length > 0) {
        await bumpGeneration(tx, ORG_GENERATION);
        await appendSecurityEvent(tx, {
          at, actor, event: 'orgUnitChanged', target: { kind: 'orgUnit', id: unit.id },
          data: { before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])) },
          address: clientAddress(req),
        });
      }
      return row;
    });
    await ctx.orgTree.refresh(true);
    res.json(view(updated));
  });

  return router;
}

/** A unit is deactivated only once nothing active hangs under it: no active unit and no active user. */
async function checkEmpty(tx: Db, unit: UnitRow): Promise<void> {
  if (unit.parentId === null) throw new ApiError(ErrorType.Conflict, 'the district (root unit) cannot be deactivated');
  const [{ units }] = await tx.select({ units: sql<number>`count(*)::int` }).from(orgUnits).where(and(eq(orgUnits.parentId, unit.id), eq(orgUnits.active, true)));
  const [{ people }] = await tx.select({ people: sql<number>`count(*)::int` }).from(users).where(and(eq(users.orgUnitId, unit.id), eq(users.active, true)));
  if (units > 0 || people > 0) {
    throw conflict(`move or deactivate what is under ${unit.name} first`, [{ path: 'active', message: `${units} active unit(s) and ${people} active user(s) belong to it` }]);
  }
}
