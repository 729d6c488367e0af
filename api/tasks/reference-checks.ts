// Checks of action data against the organisation — ids that must name real departments or users of the right
// role — answered as 400s naming the field before the workflow is asked.
import { and, eq, inArray } from 'drizzle-orm';
import { instances, users } from '../../db/schema';
import type { ErrorDetail } from '../../domain/errors';
import type { AppContext } from '../context';
import type { TaskRow } from './task-view';

type Check = (ctx: AppContext, task: TaskRow, data: Record<string, unknown>) => Promise<ErrorDetail[]>;

const departmentsIn = (field: string): Check => async (ctx, _task, data) => {
  const ids = ([] as unknown[]).concat(data[field]).filter((v): v is string => typeof v === 'string');
  return ids.flatMap((id, i) => (ctx.orgTree.get(id)?.kind === 'department' ? [] : [{
    path: Array.isArray(data[field]) ? `data.${field}.${i}` : `data.${field}`, message: `${id} is not a department`,
  }]));
};

const officersOfTheDepartment: Check = async (ctx, task, data) => {
  const ids = data.caseOfficers as string[];
  const rows = await ctx.db.select().from(users).where(and(inArray(users.id, ids), eq(users.active, true)));
  return ids.flatMap((id, i) => {
    const user = rows.find((u) => u.id === id);
    return user && user.roles.includes('case_officer') && user.orgUnitId === task.orgUnitId ? []
      : [{ path: `data.caseOfficers.${i}`, message: `${id} is not a case officer of this department` }];
  });
};

/** A 12345 order goes to a street, a department, or the district government to coordinate (接诉即办条例 art. 12). */
const receivingUnit: Check = async (ctx, _task, data) => {
  const kind = ctx.orgTree.get(String(data.unitId))?.kind;
  return kind === 'street' || kind === 'department' || kind === 'district' ? []
    : [{ path: 'data.unitId', message: `${String(data.unitId)} is not a street, a department or the district` }];
};

/** A street files its linked whistle case in one of its grids: the one the order names, or the one it gives now. */
const gridOfTheStreet: Check = async (ctx, task, data) => {
  if (ctx.orgTree.get(task.orgUnitId)?.kind !== 'street') return [];
  const [order] = await ctx.db.select({ input: instances.input }).from(instances).where(eq(instances.id, task.instanceId));
  const code = typeof data.gridCode === 'string' ? data.gridCode : order?.input.gridCode;
  const grid = typeof code === 'string' ? ctx.orgTree.byCode(code) : undefined;
  if (grid?.kind === 'grid' && ctx.orgTree.descendantsAndSelf(task.orgUnitId).includes(grid.id)) return [];
  return [{ path: 'data.gridCode', message: code === undefined ? 'name the grid of this street where the case is (网格编码)' : `${String(code)} is not a grid of this street` }];
};

const CHECKS: Record<string, Check[]> = {
  'hotline-order/Task_Intake/dispatch': [receivingUnit],
  'hotline-order/Task_RuleObjection/uphold': [receivingUnit],
  'hotline-order/Task_Respond/contact': [gridOfTheStreet],
  'whistle-escalation/Task_Dispatch/dispatch': [departmentsIn('departments')],
  'whistle-escalation/Task_DistrictCoordinate/direct': [departmentsIn('departments')],
  'inspection-penalty/Task_Route/route': [departmentsIn('departmentId')],
  'inspection-penalty/Task_Register/register': [officersOfTheDepartment],
};

export async function referenceProblems(ctx: AppContext, task: TaskRow, action: string, data: Record<string, unknown>): Promise<ErrorDetail[]> {
  await ctx.orgTree.refresh();
  const checks = CHECKS[`${task.processKey}/${task.stepId}/${action}`] ?? [];
  return (await Promise.all(checks.map((check) => check(ctx, task, data)))).flat();
}
