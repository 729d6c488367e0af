// Starters by process key.
import { WHISTLE_KEY } from '../../../domain/processes/whistle-escalation';
import type { Starter } from './starter';
import { startWhistle } from './whistle-escalation';
import { PENALTY_KEY } from '../../../domain/processes/inspection-penalty';
import { startPenalty } from './inspection-penalty';
import { LICENSING_KEY } from '../../../domain/processes/commitment-licensing';
import { startLicensing } from './commitment-licensing';
import { RANDOM_KEY } from '../../../domain/processes/random-inspection';
import { startRandomInspection } from './random-inspection';
import { HOTLINE_KEY } from '../../../domain/processes/hotline-order';
import { startHotline } from './hotline-order';

export const STARTERS: Record<string, Starter<never>> = {
  [WHISTLE_KEY]: startWhistle as Starter<never>,
  [PENALTY_KEY]: startPenalty as Starter<never>,
  [LICENSING_KEY]: startLicensing as Starter<never>,
  [RANDOM_KEY]: startRandomInspection as Starter<never>,
  [HOTLINE_KEY]: startHotline as Starter<never>,
};
