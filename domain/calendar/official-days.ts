// Which calendar days are working days in mainland China: the official schedule (holidays and make-up
// working weekends, 调休) from the `chinese-days` data where the year is published, otherwise the
// statutory holidays of 全国年节及纪念日放假办法 (2024) computed from solar and lunar dates, marked provisional.
// Pure, deterministic and independent of the process's time zone: it runs inside workflow code. The lunar and
// solar-term dates come from a table generated in China's zone (scripts/generate-statutory-dates.mjs), because the
// package's own functions read dates in the local zone and give other days west of UTC.
import official from 'chinese-days/dist/chinese-days.json';
import statutoryDates from './statutory-dates.json';

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
const lunarDates = statutoryDates.years as Record<string, { springFestival: string; qingming: string; dragonBoat: string; midAutumn: string }>;

/** The 13 statutory holidays of a year (元旦 1, 春节 4, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3). */
export function statutoryHolidays(year: number): Set<string> {
  const cached = statutoryCache.get(year);
  if (cached) return cached;
  const lunar = Object.hasOwn(lunarDates, String(year)) ? lunarDates[String(year)] : undefined;
  if (!lunar) throw new RangeError(`no holiday data for ${year}: the calendar covers 2000–2100`);
  const days = [
    `${year}-01-01`,
    addDays(lunar.springFestival, -1), lunar.springFestival, addDays(lunar.springFestival, 1), addDays(lunar.springFestival, 2),
    lunar.qingming,
    `${year}-05-01`, `${year}-05-02`,
    lunar.dragonBoat,
    lunar.midAutumn,
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
