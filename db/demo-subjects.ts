// The demo subjects registry (检查对象名录库): a few hundred made-up market subjects spread over the demo grids, with
// valid unified social credit codes (check character per GB 32100-2015), so the double-random pages have something
// to draw from in demo mode. Generated, not random: the same rows on every installation.
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { marketSubjects } from './schema';
import { DEMO_ORG_UNITS } from './demo-org';
import { creditCodeCheckChar } from '../domain/identifiers';
import type { SubjectRow } from '../domain/random-inspection/subject-rows';
import type { CreditGrade } from '../domain/random-inspection/weights';
import { upsertSubjects } from './market-subjects';

export const DEMO_SUBJECT_COUNT = 320;

const BRANDS = ['鸿运', '福满', '佳味', '百顺', '金穗', '晨光', '惠民', '新华', '兴隆', '和美', '乐家', '一品', '益康', '万家', '四季', '同心'];
const TRADES = ['餐饮店', '便利店', '理发店', '水果店', '五金店', '药店', '面馆', '烘焙坊', '洗衣店', '汽车美容店', '茶叶店', '文具店', '干洗店', '小吃店', '超市', '烧烤店', '粮油店', '花店', '眼镜店', '快餐店'];
const ROADS = ['东湖路', '湖滨路', '解放大道', '中山路', '建设路', '民主路', '友谊大道', '和平路'];
/** A–D in the shares a typical registry shows: most subjects 守信 or 基本守信, a few 失信. */
const GRADES: CreditGrade[] = ['A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'C', 'D'];

/** A valid credit code: 92 (个体工商户) or 91 (企业), division 420106, subject code MA + 7 digits, check character. */
export function demoCreditCode(n: number): string {
  const first17 = `${n % 3 === 0 ? '92' : '91'}420106MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The demo rows: subject n lies in the demo grid n mod the number of grids, so every grid holds about as many. */
export function demoSubjects(count = DEMO_SUBJECT_COUNT): SubjectRow[] {
  const grids = DEMO_ORG_UNITS.filter((u) => u.kind === 'grid' && u.code).map((u) => ({ code: u.code!, name: u.name }));
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const grid = grids[i % grids.length];
    const brand = BRANDS[i % BRANDS.length];
    const trade = TRADES[Math.floor(i / BRANDS.length) % TRADES.length];
    const road = ROADS[(i * 7) % ROADS.length];
    return {
      creditCode: demoCreditCode(n),
      name: `${grid.name.slice(0, 2)}${brand}${trade}${i >= BRANDS.length * TRADES.length ? `（${Math.floor(i / (BRANDS.length * TRADES.length)) + 1}店）` : ''}`,
      address: `${road}${(n * 13) % 400 + 1}号`,
      gridCode: grid.code,
      creditGrade: GRADES[(i * 3) % GRADES.length],
    };
  });
}

/** Seeds the demo subjects into an empty registry (demo mode only); a registry already holding subjects is left alone. */
export async function seedDemoSubjects(db: Db, at = new Date()): Promise<{ seeded: number }> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(marketSubjects);
  if (n > 0) return { seeded: 0 };
  const { created } = await upsertSubjects(db, demoSubjects(), at);
  return { seeded: created };
}
