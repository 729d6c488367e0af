// GET /api/org-units (every signed-in user) and GET /api/users?role= (staff only): the organisation.
import { Router } from 'express';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema';
import { publicOnly, roleSchema } from '../../domain/roles';
import { forbidden, parseOr400 } from '../errors';
import { actorOf } from '../auth/middleware';
import type { AppContext } from '../context';
import { publicUser } from '../auth/router';

export function orgRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/org-units', async (_req, res) => {
    await ctx.orgTree.refresh();
    res.json(ctx.orgTree.all().map((u) => ({ id: u.id, kind: u.kind, name: u.name, parentId: u.parentId, code: u.code, active: u.active })));
  });
  router.get('/users', async (req, res) => {
    // The staff directory is for staff: a member of the public signed in to the portal may not list officials.
    if (publicOnly(actorOf(res).roles)) throw forbidden('the staff directory is for staff only');
    const { role, orgUnitId } = parseOr400(z.object({ role: roleSchema.optional(), orgUnitId: z.string().optional() }), req.query);
    const rows = await ctx.db.select().from(users).where(eq(users.active, true)).orderBy(asc(users.username));
    res.json(rows.filter((u) => (!role || u.roles.includes(role)) && (!orgUnitId || u.orgUnitId === orgUnitId)).map(publicUser));
  });
  return router;
}
