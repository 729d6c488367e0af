// GET /api/org-units and GET /api/users?role= : the organisation, readable by every signed-in user.
import { Router } from 'express';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema';
import { roleSchema } from '../../domain/roles';
import { parseOr400 } from '../errors';
import type { AppContext } from '../context';
import { publicUser } from '../auth/router';

export function orgRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/org-units', async (_req, res) => {
    await ctx.orgTree.refresh();
    res.json(ctx.orgTree.all().map((u) => ({ id: u.id, kind: u.kind, name: u.name, parentId: u.parentId, code: u.code })));
  });
  router.get('/users', async (req, res) => {
    const { role, orgUnitId } = parseOr400(z.object({ role: roleSchema.optional(), orgUnitId: z.string().optional() }), req.query);
    const rows = await ctx.db.select().from(users).where(eq(users.active, true)).orderBy(asc(users.username));
    res.json(rows.filter((u) => (!role || u.roles.includes(role)) && (!orgUnitId || u.orgUnitId === orgUnitId)).map(publicUser));
  });
  return router;
}
