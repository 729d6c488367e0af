// A whistle case's limits, fixed when it is filed: the diagram version's step parameters, then its event category's
// limits per level. One home for the rule, read by the API's start and by a 12345 order filing its linked case.
import type { TimeLimit } from '../time-limit';
import { WhistleStep } from './whistle-escalation';

type CategoryLimits = Partial<Record<'community' | 'department' | 'district' | 'acknowledge', TimeLimit>>;

export function whistleLimits(parameters: Record<string, { timeLimit?: TimeLimit }>, categoryLimits: CategoryLimits): Record<string, TimeLimit> {
  const limits: Record<string, TimeLimit> = {};
  for (const [stepId, p] of Object.entries(parameters)) if (p.timeLimit) limits[stepId] = p.timeLimit;
  if (categoryLimits.community) limits[WhistleStep.CommunityHandle] = categoryLimits.community;
  if (categoryLimits.department) limits[WhistleStep.DepartmentHandle] = categoryLimits.department;
  if (categoryLimits.district) limits[WhistleStep.DistrictCoordinate] = categoryLimits.district;
  if (categoryLimits.acknowledge) limits.acknowledge = categoryLimits.acknowledge;
  return limits;
}
