// Writes domain/calendar/statutory-dates.json: the solar dates of the lunar and solar-term holidays of
// 全国年节及纪念日放假办法 (春节 正月初一, 清明, 端午 五月初五, 中秋 八月十五) for 2000–2100.
// The `chinese-days` functions that compute them read dates in the process's time zone, so calling them from
// workflow code gave other days under TZ=America/New_York; the table is generated once, in China's zone, and
// workflow code only looks it up. Run again (`node scripts/generate-statutory-dates.mjs`) after upgrading the package.
process.env.TZ = 'Asia/Shanghai';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { getSolarDateFromLunar, getSolarTermDate } = require('chinese-days');
const version = require('chinese-days/package.json').version;

const years = {};
for (let year = 2000; year <= 2100; year++) {
  years[year] = {
    springFestival: getSolarDateFromLunar(`${year}-01-01`).date,
    qingming: getSolarTermDate(year, 4, 'pure_brightness'),
    dragonBoat: getSolarDateFromLunar(`${year}-05-05`).date,
    midAutumn: getSolarDateFromLunar(`${year}-08-15`).date,
  };
}
const target = new URL('../domain/calendar/statutory-dates.json', import.meta.url);
writeFileSync(target, `${JSON.stringify({ source: `chinese-days@${version}`, years }, null, 1)}\n`);
console.log(`wrote ${Object.keys(years).length} years to domain/calendar/statutory-dates.json`);
