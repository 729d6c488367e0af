// Prepares a 12345 order at intake: its limits are fixed now from the hotline-limits catalog (kind, urgency, and the
// dispatch catalog's complexity), and the dispatch catalog suggests the receiving unit: the department of the
// category, the street of the named grid, or the district government when only the area is known (art. 12).
import { CATALOG_SCHEMAS, type HotlineLimitsEntry } from '../../../domain/catalogs';
import type { HotlineInput } from '../../../domain/processes/hotline-order';
import type { TimeLimit } from '../../../domain/time-limit';
import type { HotlineArgs } from '../../../workflows/hotline-order';
import { conflict } from '../../errors';
import { catalogEntry, centreDistrict, suggestDispatch } from '../../hotline/dispatch';
import type { StartPlan, Starter } from './starter';

export const startHotline: Starter<HotlineInput> = async ({ ctx, actor, input, parameters }): Promise<StartPlan> => {
  const districtId = centreDistrict(ctx, actor.orgUnitId);
  const suggestion = await suggestDispatch(ctx, districtId, input.category, input.gridCode, 'input.');
  const limitsEntry = CATALOG_SCHEMAS['hotline-limits'].safeParse(await catalogEntry(ctx, 'hotline-limits', input.kind));
  if (!limitsEntry.success) throw conflict(`the hotline catalogs lack a valid entry for ${input.category} / ${input.kind}; ask an administrator`);
  const d = suggestion.entry;
  const l = limitsEntry.data as HotlineLimitsEntry;
  const suggestedUnitId = suggestion.unitId;

  const steps: Record<string, TimeLimit> = {};
  for (const [stepId, p] of Object.entries(parameters)) if (p.timeLimit) steps[stepId] = p.timeLimit;
  const limits = {
    contact: input.urgent ? l.contactUrgent : l.contact,
    handle: input.urgent ? l.handleUrgent : d.complex ? l.handleComplex : l.handle,
    steps,
  };
  return {
    orgUnitId: districtId,
    orgPath: [districtId],
    workflowType: 'hotlineOrder',
    args: (instanceCtx) => [{ ctx: instanceCtx, input, districtId, limits, suggestedUnitId, eventCategory: d.eventCategory } satisfies HotlineArgs],
  };
};
