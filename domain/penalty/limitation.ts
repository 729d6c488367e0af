// Art. 36 of the Administrative Penalty Law: an offence not discovered within 2 years is not penalised (5 years when
// it touches citizens' life and health or financial safety and did harm); a continuing offence counts from its end.
// The years are a calendar period (民法典 arts. 201–203): counted from the day after the offence ended, the last day
// is the corresponding day, moved to the next working day when it is a rest day. Compared as dates, never in ms.
import { dayInfo } from '../calendar/official-days';
import { addDays, sameDayYearsLater } from '../calendar/shanghai-day';

export interface Offence {
  /** The day the offence was committed, or began when it continued. */
  date: string;
  continuing?: boolean;
  /** The day a continuing offence ended; absent while it goes on. */
  endDate?: string;
  /** It did harm (危害后果): with a flagged matter, the 5-year period applies. */
  harmfulConsequences?: boolean;
}

export interface Limitation {
  years: number;
  /** The last day on which discovery still allows a penalty; null while a continuing offence goes on. */
  lastDay: string | null;
  barred: boolean;
  /** The field whose date starts the period. */
  field: 'date' | 'endDate';
}

export function limitationOf(offence: Offence, discoveredOn: string, years: number): Limitation {
  const field = offence.continuing ? 'endDate' : 'date';
  const end = offence.continuing ? offence.endDate : offence.date;
  if (!end) return { years, lastDay: null, barred: false, field };
  let lastDay = sameDayYearsLater(end, years);
  while (!dayInfo(lastDay).working) lastDay = addDays(lastDay, 1);
  return { years, lastDay, barred: discoveredOn > lastDay, field };
}
