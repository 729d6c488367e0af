// Prepares an inspection–penalty start: the starting officer is one of two distinct enforcement officers who may
// work in the street (its own team or the district's), the matter is in the catalog, the penalty rules are fixed now from the penalty-rules catalog and the matter's flags from `matters`.
import { and, eq, inArray } from 'drizzle-orm';
import { catalogEntries, users } from '../../../db/schema';
import type { PenaltyInput } from '../../../domain/processes/inspection-penalty';
import { penaltyRulesSchema } from '../../../domain/penalty/rules';
import { shanghaiDay } from '../../../domain/calendar/shanghai-day';
import type { TimeLimit } from '../../../domain/time-limit';
import type { PenaltyArgs } from '../../../workflows/inspection-penalty';
import { badRequest, forbidden } from '../../errors';
import type { StartPlan, Starter } from './starter';

export const startPenalty: Starter<PenaltyInput> = async ({ ctx, actor, input, parameters }): Promise<StartPlan> => {
  if (!input.inspectors.includes(actor.id)) throw forbidden('the officer who starts an inspection must be one of its two inspectors');
  const street = ctx.orgTree.ancestorsAndSelf(actor.orgUnitId).find((u) => u.kind === 'street');
  const district = ctx.orgTree.ancestorsAndSelf(actor.orgUnitId).find((u) => u.kind === 'district');
  if (!street || !district) throw forbidden('inspections are started by a street enforcement team');
  const officers = await ctx.db.select().from(users).where(inArray(users.id, [...input.inspectors]));
  input.inspectors.forEach((id, i) => {
    const officer = officers.find((u) => u.id === id);
    if (!officer || !officer.active || !officer.roles.includes('enforcement_officer') || !ctx.orgTree.scopeOf(officer).includes(street.id)) {
      throw badRequest('unknown inspector', [{ path: `input.inspectors.${i}`, message: `${id} is not an enforcement officer of ${street.name}` }]);
    }
  });
  const [matter] = await ctx.db.select().from(catalogEntries).where(and(eq(catalogEntries.catalog, 'matters'), eq(catalogEntries.code, input.matter)));
  if (!matter) throw badRequest('unknown matter', [{ path: 'input.matter', message: `no matter ${input.matter} in the catalog` }]);
  const [rulesEntry] = await ctx.db.select().from(catalogEntries).where(and(eq(catalogEntries.catalog, 'penalty-rules'), eq(catalogEntries.code, 'default')));
  const rules = penaltyRulesSchema.parse(rulesEntry?.data ?? {});
  // Art. 36's longer period for matters touching citizens' life and health or financial safety.
  const matterFlags = { lifeHealthOrFinancialSafety: matter.data.lifeHealthOrFinancialSafety === true };
  const today = shanghaiDay(await ctx.clock.now());
  if (input.offence && input.offence.date > today) throw badRequest('offence in the future', [{ path: 'input.offence.date', message: 'the offence date is a day that has come' }]);

  const limits: Record<string, TimeLimit> = {};
  for (const [stepId, p] of Object.entries(parameters)) if (p.timeLimit) limits[stepId] = p.timeLimit;
  const routing = { streetId: street.id, districtId: district.id };
  return {
    orgUnitId: street.id,
    orgPath: [street.id, district.id],
    workflowType: 'inspectionPenalty',
    title: `${input.subject.name}（${matter.name}）`,
    args: (ctxArg) => [{ ctx: ctxArg, input, routing, limits, rules, matter: matterFlags } satisfies PenaltyArgs],
  };
};
