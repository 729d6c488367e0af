// Prepares a whistle-escalation start: the grid code resolves to grid → community → street → district, and the
// limits are fixed now from the diagram version and the category catalog, so later edits never move them.
import { and, eq } from 'drizzle-orm';
import { catalogEntries } from '../../../db/schema';
import type { WhistleInput } from '../../../domain/processes/whistle-escalation';
import { whistleLimits } from '../../../domain/processes/whistle-limits';
import type { WhistleArgs } from '../../../workflows/whistle-escalation';
import { badRequest, forbidden } from '../../errors';
import type { StartPlan, Starter } from './starter';

export const startWhistle: Starter<WhistleInput> = async ({ ctx, actor, input, parameters }): Promise<StartPlan> => {
  if (input.source === 'grid' && !actor.roles.includes('grid_worker')) throw forbidden('only a grid worker reports from the grid');
  if (input.source === 'hotline' && !actor.roles.includes('dispatcher')) throw forbidden('only a dispatcher files a hotline work order');
  const grid = ctx.orgTree.byCode(input.gridCode);
  if (!grid || grid.kind !== 'grid') throw badRequest('unknown grid', [{ path: 'input.gridCode', message: `no grid with code ${input.gridCode}` }]);
  if (!grid.active) throw badRequest('this grid is deactivated', [{ path: 'input.gridCode', message: `grid ${input.gridCode} is no longer in service` }]);
  if (!actor.scopeOrgUnitIds.includes(grid.id)) throw forbidden('this grid is outside your area');
  const [community, street, district] = ctx.orgTree.ancestorsAndSelf(grid.id).slice(1);
  const [category] = await ctx.db.select().from(catalogEntries)
    .where(and(eq(catalogEntries.catalog, 'event-categories'), eq(catalogEntries.code, input.category)));
  if (!category) throw badRequest('unknown category', [{ path: 'input.category', message: `no event category ${input.category}` }]);

  const limits = whistleLimits(parameters, (category.data.limits ?? {}) as Parameters<typeof whistleLimits>[1]);

  const routing = { gridId: grid.id, communityId: community.id, streetId: street.id, districtId: district.id };
  return {
    orgUnitId: community.id,
    orgPath: [grid.id, community.id, street.id, district.id],
    workflowType: 'whistleEscalation',
    args: (ctxArg) => [{ ctx: ctxArg, input, routing, limits } satisfies WhistleArgs],
  };
};
