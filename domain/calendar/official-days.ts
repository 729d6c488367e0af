// Which calendar days are working days in mainland China: the official schedule (holidays and make-up
// working weekends, 调休) from the `chinese-days` data where the year is published, otherwise the
// statutory holidays of 全国年节及纪念日放假办法 (2024) computed from solar and lunar dates, marked provisional.
// Pure and deterministic: it runs inside workflow code.
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import official from 'chinese-days/dist/chinese-days.json';

/** Version of the holiday data; stored beside every deadline so an audit can tell which calendar issued it. */
export const CALENDAR_VERSION = 'chinese-days@1.5.7';

const holidays = official.holidays as Record<string, string>;
const makeUpWorkdays = official.workdays as Record<string, string>;
const publishedYears = new Set(Object.keys(holidays).map((day) => Number(day.slice(0, 4))));

export function isPublishedYear(year: number): boolean {
  return publishedYears.has(year);
}

/** Day key 'YYYY-MM-DD' → day of week (0 = Sunday), by the proleptic Gregorian calendar. */
function dayOfWeek(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function addDays(day: string, delta: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + delta)).toISOString().slice(0, 10);
}

const statutoryCache = new Map<number, Set<string>>();

/** The 13 statutory holidays of a year (元旦 1, 春节 4, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3). */
export function statutoryHolidays(year: number): Set<string> {
  const cached = statutoryCache.get(year);
  if (cached) return cached;
  const lunarNewYear = getSolarDateFromLunar(`${year}-01-01`).date;
  const days = [
    `${year}-01-01`,
    addDays(lunarNewYear, -1), lunarNewYear, addDays(lunarNewYear, 1), addDays(lunarNewYear, 2),
    getSolarTermDate(year, 4, 'pure_brightness'),
    `${year}-05-01`, `${year}-05-02`,
    getSolarDateFromLunar(`${year}-05-05`).date,
    getSolarDateFromLunar(`${year}-08-15`).date,
    `${year}-10-01`, `${year}-10-02`, `${year}-10-03`,
  ];
  const set = new Set(days);
  statutoryCache.set(year, set);
  return set;
}

export interface DayInfo {
  working: boolean;
  /** True when the year's official schedule is not published and statutory rules were used. */
  provisional: boolean;
}

export function dayInfo(day: string): DayInfo {
  const year = Number(day.slice(0, 4));
  const weekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
  if (isPublishedYear(year)) {
    if (makeUpWorkdays[day]) return { working: true, provisional: false };
    if (holidays[day]) return { working: false, provisional: false };
    return { working: !weekend, provisional: false };
  }
  return { working: !weekend && !statutoryHolidays(year).has(day), provisional: true };
}
