// Prepares a double-random plan: the units taking part are streets or district departments, the matters are in
// the catalog, and enough enforcement officers serve in them for the inspectors asked per subject. The grids whose
// subjects may be drawn, the credit weights and what a linked penalty case needs are fixed now.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { catalogEntries, processDefinitions, processVersions, users } from '../../../db/schema';
import type { RandomInput } from '../../../domain/processes/random-inspection';
import { PENALTY_KEY } from '../../../domain/processes/inspection-penalty';
import { penaltyRulesSchema } from '../../../domain/penalty/rules';
import { CREDIT_GRADES, DEFAULT_CREDIT_WEIGHTS, type CreditWeights } from '../../../domain/random-inspection/weights';
import type { TimeLimit } from '../../../domain/time-limit';
import type { RandomArgs } from '../../../workflows/random-inspection';
import { badRequest, forbidden } from '../../errors';
import type { StartPlan, Starter } from './starter';
import type { StepParameters } from '../../../domain/bpmn/diagram';

export const startRandomInspection: Starter<RandomInput> = async ({ ctx, input, parameters }): Promise<StartPlan> => {
  const units = input.departmentIds.map((id, i) => {
    const unit = ctx.orgTree.get(id);
    if (!unit || (unit.kind !== 'street' && unit.kind !== 'department')) {
      throw badRequest('unknown unit', [{ path: `input.departmentIds.${i}`, message: `${id} is not a street or a district department` }]);
    }
    return unit;
  });
  const district = ctx.orgTree.all().find((u) => u.kind === 'district');
  if (!district) throw forbidden('the organisation has no district');
  const matterRows = await ctx.db.select().from(catalogEntries).where(and(eq(catalogEntries.catalog, 'matters'), inArray(catalogEntries.code, input.matterCodes)));
  input.matterCodes.forEach((code, i) => {
    if (!matterRows.some((m) => m.code === code)) throw badRequest('unknown matter', [{ path: `input.matterCodes.${i}`, message: `no matter ${code} in the catalog` }]);
  });

  // Subjects of the plan's streets; a plan of departments only covers the whole district.
  const streets = units.filter((u) => u.kind === 'street');
  const areas = streets.length > 0 ? streets : ctx.orgTree.all().filter((u) => u.kind === 'street');
  const grids: Record<string, string> = {};
  for (const street of areas) {
    for (const id of ctx.orgTree.descendantsAndSelf(street.id)) {
      const unit = ctx.orgTree.get(id);
      if (unit?.kind === 'grid' && unit.code) grids[unit.code] = street.id;
    }
  }
  const inspectorUnitIds = units.flatMap((u) => ctx.orgTree.descendantsAndSelf(u.id));
  const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users)
    .where(and(eq(users.active, true), inArray(users.orgUnitId, inspectorUnitIds), sql`${users.roles} ? 'enforcement_officer'`));
  if (n < input.inspectorsPerSubject) {
    throw badRequest('too few inspectors', [{ path: 'input.inspectorsPerSubject', message: `the units taking part have ${n} enforcement officers; at most ${n} per subject` }]);
  }

  const [weightsEntry] = await ctx.db.select().from(catalogEntries).where(and(eq(catalogEntries.catalog, 'credit-weights'), eq(catalogEntries.code, 'default')));
  const weights: CreditWeights = { ...DEFAULT_CREDIT_WEIGHTS };
  for (const grade of CREDIT_GRADES) {
    const w = weightsEntry?.data[grade];
    if (typeof w === 'number' && Number.isSafeInteger(w) && w >= 1) weights[grade] = w;
  }
  const limits: Record<string, TimeLimit> = {};
  for (const [stepId, p] of Object.entries(parameters)) if (p.timeLimit) limits[stepId] = p.timeLimit;

  // A problem found goes on as an inspection–penalty case under that process's current version and rules.
  const [penaltyDefinition] = await ctx.db.select().from(processDefinitions).where(eq(processDefinitions.key, PENALTY_KEY));
  const [penaltyVersion] = await ctx.db.select().from(processVersions)
    .where(and(eq(processVersions.processKey, PENALTY_KEY), eq(processVersions.version, penaltyDefinition.currentVersion)));
  const penaltyLimits: Record<string, TimeLimit> = {};
  for (const [stepId, p] of Object.entries(penaltyVersion.parameters as Record<string, StepParameters>)) if (p.timeLimit) penaltyLimits[stepId] = p.timeLimit;
  const [rulesEntry] = await ctx.db.select().from(catalogEntries).where(and(eq(catalogEntries.catalog, 'penalty-rules'), eq(catalogEntries.code, 'default')));

  const approvalUnit = units.find((u) => u.kind === 'department') ?? units[0];
  return {
    orgUnitId: approvalUnit.id,
    orgPath: [...new Set([...units.map((u) => u.id), ...areas.map((u) => u.id), district.id])],
    workflowType: 'randomInspection',
    args: (ctxArg) => [{
      ctx: ctxArg, input, approvalUnitId: approvalUnit.id, limits, grids, inspectorUnitIds, weights,
      matters: Object.fromEntries(matterRows.map((m) => [m.code, m.name])),
      penalty: {
        processVersion: penaltyVersion.version, districtId: district.id, limits: penaltyLimits, rules: penaltyRulesSchema.parse(rulesEntry?.data ?? {}),
        matterFlags: Object.fromEntries(matterRows.map((m) => [m.code, { lifeHealthOrFinancialSafety: m.data.lifeHealthOrFinancialSafety === true }])),
      },
    } satisfies RandomArgs],
  };
};
