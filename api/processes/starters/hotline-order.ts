// Prepares a 12345 order at intake: its limits are fixed now from the hotline-limits catalog (kind, urgency, and the
// dispatch catalog's complexity), and the dispatch catalog suggests the receiving unit: the department of the
// category, the street of the named grid, or the district government when only the area is known (art. 12).
import { and, eq } from 'drizzle-orm';
import { catalogEntries } from '../../../db/schema';
import { CATALOG_SCHEMAS, type HotlineDispatchEntry, type HotlineLimitsEntry } from '../../../domain/catalogs';
import type { HotlineInput } from '../../../domain/processes/hotline-order';
import type { TimeLimit } from '../../../domain/time-limit';
import type { HotlineArgs } from '../../../workflows/hotline-order';
import { badRequest, conflict } from '../../errors';
import type { AppContext } from '../../context';
import type { StartPlan, Starter } from './starter';

async function entry(ctx: AppContext, catalog: 'hotline-limits' | 'hotline-dispatch', code: string): Promise<unknown> {
  const [row] = await ctx.db.select().from(catalogEntries).where(and(eq(catalogEntries.catalog, catalog), eq(catalogEntries.code, code)));
  return row?.data;
}

export const startHotline: Starter<HotlineInput> = async ({ ctx, actor, input, parameters }): Promise<StartPlan> => {
  const district = ctx.orgTree.ancestorsAndSelf(actor.orgUnitId).find((u) => u.kind === 'district');
  if (!district) throw conflict('the 12345 centre must belong to a district');
  const rawDispatch = await entry(ctx, 'hotline-dispatch', input.category);
  if (rawDispatch === undefined) throw badRequest('unknown category', [{ path: 'input.category', message: `no hotline dispatch category ${input.category}` }]);
  const rawLimits = await entry(ctx, 'hotline-limits', input.kind);
  const dispatch = CATALOG_SCHEMAS['hotline-dispatch'].safeParse(rawDispatch);
  const limitsEntry = CATALOG_SCHEMAS['hotline-limits'].safeParse(rawLimits);
  if (!dispatch.success || !limitsEntry.success) throw conflict(`the hotline catalogs lack a valid entry for ${input.category} / ${input.kind}; ask an administrator`);
  const d = dispatch.data as HotlineDispatchEntry;
  const l = limitsEntry.data as HotlineLimitsEntry;

  let streetId: string | null = null;
  if (input.gridCode !== undefined) {
    const grid = ctx.orgTree.byCode(input.gridCode);
    if (!grid || grid.kind !== 'grid') throw badRequest('unknown grid', [{ path: 'input.gridCode', message: `no grid with code ${input.gridCode}` }]);
    streetId = ctx.orgTree.ancestorsAndSelf(grid.id).find((u) => u.kind === 'street')?.id ?? null;
  }
  const suggestedUnitId = d.target === 'department' ? d.departmentId ?? district.id : streetId ?? district.id;

  const steps: Record<string, TimeLimit> = {};
  for (const [stepId, p] of Object.entries(parameters)) if (p.timeLimit) steps[stepId] = p.timeLimit;
  const limits = {
    contact: input.urgent ? l.contactUrgent : l.contact,
    handle: input.urgent ? l.handleUrgent : d.complex ? l.handleComplex : l.handle,
    steps,
  };
  return {
    orgUnitId: district.id,
    orgPath: [district.id],
    workflowType: 'hotlineOrder',
    args: (instanceCtx) => [{ ctx: instanceCtx, input, districtId: district.id, limits, suggestedUnitId, eventCategory: d.eventCategory } satisfies HotlineArgs],
  };
};
