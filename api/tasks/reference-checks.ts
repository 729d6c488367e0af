// Checks of action data against the organisation — ids that must name real departments or users of the right
// role — answered as 400s naming the field before the workflow is asked.
import { and, eq, inArray } from 'drizzle-orm';
import { users } from '../../db/schema';
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

const CHECKS: Record<string, Check[]> = {
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
