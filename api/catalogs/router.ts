// Catalogs (event categories, penalty matters, licence items, penalty rules): everyone reads, admins edit one entry
// at a time, each checked against its catalog's schema (domain/catalogs.ts).
// Edits never touch deadlines already issued: workflows copy the limits they need when they start.
import { Router } from 'express';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { catalogEntries } from '../../db/schema';
import { CATALOG_NAMES, CATALOG_SCHEMAS } from '../../domain/catalogs';
import { text } from '../../domain/process-contract';
import { requireRole } from '../auth/middleware';
import { notFound, parseOr400 } from '../errors';
import type { AppContext } from '../context';

const catalogName = z.enum(CATALOG_NAMES);
export const catalogEntryBodySchema = z.object({ name: text(200), data: z.record(z.string(), z.unknown()) }).strict();

export function catalogsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/:name', async (req, res) => {
    const name = catalogName.safeParse(req.params.name);
    if (!name.success) throw notFound(`no catalog ${req.params.name}`);
    const rows = await ctx.db.select().from(catalogEntries).where(eq(catalogEntries.catalog, name.data)).orderBy(asc(catalogEntries.code));
    res.json(rows.map((r) => ({ code: r.code, name: r.name, ...r.data, updatedAt: r.updatedAt, updatedBy: r.updatedBy })));
  });
  router.put('/:name/:code', async (req, res) => {
    const actor = requireRole(res, ['admin'], 'editing a catalog');
    const name = catalogName.safeParse(req.params.name);
    if (!name.success) throw notFound(`no catalog ${req.params.name}`);
    const code = parseOr400(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes'), req.params.code, ['code']);
    const body = parseOr400(catalogEntryBodySchema, req.body);
    // Every new case reads the entry: a limit out of bounds, a period without its unit, a stray or nested key is
    // refused here (400 naming the field), never found later by a case that cannot start.
    parseOr400(CATALOG_SCHEMAS[name.data], body.data, ['data']);
    const values = { catalog: name.data, code, name: body.name, data: body.data, updatedAt: new Date(), updatedBy: actor.id };
    await ctx.db.insert(catalogEntries).values(values)
      .onConflictDoUpdate({ target: [catalogEntries.catalog, catalogEntries.code], set: { name: values.name, data: values.data, updatedAt: values.updatedAt, updatedBy: values.updatedBy } });
    const [row] = await ctx.db.select().from(catalogEntries).where(and(eq(catalogEntries.catalog, name.data), eq(catalogEntries.code, code)));
    res.json({ code: row.code, name: row.name, ...row.data, updatedAt: row.updatedAt, updatedBy: row.updatedBy });
  });
  return router;
}
