// 行政许可法 art. 79: a licence for a matter of public safety, health or property obtained by deception (here: a false
// commitment) and revoked bars the applicant from applying for the same licence again for 3 years, by any route.
// The period is counted in years on Shanghai calendar dates (民法典 arts. 201–202), never in milliseconds.
import { sameDayYearsLater, shanghaiDay } from '../calendar/shanghai-day';

/** A period in whole years: the unit the law states the bar in. */
export interface YearPeriod {
  amount: number;
  unit: 'years';
}

export const REAPPLICATION_BAR: YearPeriod = { amount: 3, unit: 'years' };
export const ART79_BASIS = '《行政许可法》第七十九条';

/** A credit-registry entry as the bar reads it. */
export interface BarringEntry {
  kind: string;
  itemCode: string | null;
  /** When the revocation was decided (the false-commitment entry is recorded at that instant). */
  recordedAt: string;
  licenceNo: string | null;
  instanceId: string | null;
}

export interface ReapplicationBar {
  basis: string;
  itemCode: string;
  /** Shanghai date of the revocation decision. */
  revokedOn: string;
  /** Last Shanghai date on which no new application is admitted. */
  barredThrough: string;
  licenceNo: string | null;
  revokedIn: string | null;
  message: string;
}

/**
 * The last day of a period of years starting the day after `day` (民法典 art. 201): the day of the same number in the
 * final year (art. 202), or the month's last day when that year has no such day (a 29 February start).
 */
export const lastDayOfYears = sameDayYearsLater;

/**
 * The bar on this application, if any: a false-commitment revocation of the same item within the period, when the
 * item is safety related. The latest revocation governs.
 */
export function reapplicationBar(
  entries: readonly BarringEntry[], item: { code: string; name: string; safetyRelated: boolean }, now: Date, period: YearPeriod = REAPPLICATION_BAR,
): ReapplicationBar | null {
  if (!item.safetyRelated) return null;
  const today = shanghaiDay(now);
  let bar: ReapplicationBar | null = null;
  for (const entry of entries) {
    if (entry.kind !== 'falseCommitment' || entry.itemCode !== item.code) continue;
    const revokedOn = shanghaiDay(new Date(entry.recordedAt));
    const barredThrough = lastDayOfYears(revokedOn, period.amount);
    if (today > barredThrough || (bar && bar.barredThrough >= barredThrough)) continue;
    bar = {
      basis: ART79_BASIS, itemCode: item.code, revokedOn, barredThrough, licenceNo: entry.licenceNo, revokedIn: entry.instanceId,
      message: `依据${ART79_BASIS}，申请人以不实承诺取得的「${item.name}」许可${entry.licenceNo ? `（${entry.licenceNo}）` : ''}已于 ${revokedOn} 撤销，`
        + `${period.amount} 年内（至 ${barredThrough}）不得再次申请该许可，本申请不予受理。`,
    };
  }
  return bar;
}
