// DOMAIN §3: "The result of any deadline computation is the same whatever the process's TZ." Each zone runs the
// calendar in its own Node process (a zone cannot be changed inside one), and every result is compared with the
// dates worked out by hand below.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const probe = join(__dirname, '..', 'support', 'calendar-probe.ts');
const runIn = (tz: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', probe], {
  env: { ...process.env, TZ: tz, NODE_OPTIONS: '' }, encoding: 'utf8',
})) as Record<string, unknown>;

// Worked by hand:
// - 2027 is not published: 全国年节及纪念日放假办法 gives 春节 除夕–初三 = Fri 5 – Mon 8 Feb 2027 (正月初一 is
//   Sat 6 Feb), 清明 Mon 5 Apr, 端午 (五月初五) Wed 9 Jun, 中秋 (八月十五) Wed 15 Sep.
// - 1 working day after Thu 4 Feb 2027: Fri 5 is 除夕, Sat/Sun, Mon 8 is 初三 → Tue 9 Feb, 17:30.
// - 1 working day after Fri 2 Apr 2027: Sat, Sun, Mon 5 Apr 清明 → Tue 6 Apr, 17:30.
// - 4 working hours from Thu 31 Dec 2026 16:00: 1.5 h that day, 1 Jan 2027 is 元旦, 2–3 Jan a weekend → 2.5 h on
//   Mon 4 Jan: 08:30 + 2.5 h = 11:00.
// - 15 calendar days after Fri 18 Sep 2026: the last day is Sat 3 Oct (国庆), the rest days run to Wed 7 Oct, so
//   the period ends at 24:00 of Thu 8 Oct.
// - A 15-calendar-day period from Mon 14 Sep 2026 ends with Tue 29 Sep; parked on Thu 17 Sep it has 12 days left
//   (18–29 Sep); resumed on Mon 12 Oct they run 13–24 Oct, Sat 24 is a rest day (Sun 25 too) → 24:00 of Mon 26 Oct.
const byHand = {
  holidays2027: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01',
    '2027-05-02', '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03'],
  springFestivalEve2027: false,
  afterSpringFestival: '2027-02-09T17:30',
  afterQingming: '2027-04-06T17:30',
  workingHoursOverNewYear: '2027-01-04T11:00',
  calendarDaysIntoHoliday: '2026-10-09T00:00',
  resumedCalendarPeriod: '2026-10-27T00:00',
};

describe.each(['Asia/Shanghai', 'UTC', 'America/New_York', 'Pacific/Kiritimati'])('with the process in %s', (tz) => {
  test('holidays and deadlines are those of China, worked out by hand', () => {
    expect(runIn(tz)).toEqual(byHand);
  });
});
