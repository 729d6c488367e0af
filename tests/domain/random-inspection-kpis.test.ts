// The double-random KPIs on a hand-built set of three plans: every figure worked out by hand below.
import { computeRandomInspectionKpis, type KpiPlan, type KpiResult } from '../../api/metrics/random-inspection-kpis';

const at = (iso: string) => new Date(iso);
// Draws at 10:00 Shanghai time (02:00 UTC): P1 on Mon 2 Mar 2026 (4 subjects), P2 on Tue 10 Mar (2), P3 on Sun 15 Mar (3).
const plans: KpiPlan[] = [
  { instanceId: 'P2', title: '第二批', drawnAt: at('2026-03-10T02:00:00Z'), drawn: 2 },
  { instanceId: 'P1', title: '第一批', drawnAt: at('2026-03-02T02:00:00Z'), drawn: 4 },
  { instanceId: 'P3', title: '第三批', drawnAt: at('2026-03-15T02:00:00Z'), drawn: 3 },
];
const results: KpiResult[] = [
  // 1 day after the draw, published within its limit.
  { instanceId: 'P1', outcome: 'compliant', inspectedAt: at('2026-03-03T02:00:00Z'), publishBy: at('2026-03-31T10:00:00Z'), publishedAt: at('2026-03-03T03:00:00Z') },
  // 3 days; published a minute after its last instant: late.
  { instanceId: 'P1', outcome: 'problem', inspectedAt: at('2026-03-05T02:00:00Z'), publishBy: at('2026-03-06T10:00:00Z'), publishedAt: at('2026-03-06T10:01:00Z') },
  // 2.5 days; not published, its limit still running on 20 Mar: not yet due.
  { instanceId: 'P1', outcome: 'notFound', inspectedAt: at('2026-03-04T14:00:00Z'), publishBy: at('2026-04-01T10:00:00Z'), publishedAt: null },
  // 2 days; not published and its limit passed on 15 Mar: due, not on time.
  { instanceId: 'P2', outcome: 'problem', inspectedAt: at('2026-03-12T02:00:00Z'), publishBy: at('2026-03-15T00:00:00Z'), publishedAt: null },
];
const now = at('2026-03-20T02:00:00Z');

test('over all plans: 4 of 9 drawn inspected, 2 problems among the 3 found, 1 of 3 due published on time, 2.25 days median', () => {
  const k = computeRandomInspectionKpis(plans, results, now);
  expect(k).toMatchObject({
    plans: 3, drawn: 9, inspected: 4, problems: 2, notFound: 1, published: 2, publicationDue: 3, publishedOnTime: 1,
    inspectedShare: 4 / 9, problemShare: 2 / 3, publishedOnTimeRate: 1 / 3,
    // Days 1, 2, 2.5, 3: median (2 + 2.5) / 2 = 2.25 → 2.3; mean 8.5 / 4 = 2.125 → 2.1; max 3.
    drawToInspectionDays: { median: 2.3, mean: 2.1, max: 3 },
  });
});

test('per plan, in the order drawn; a plan with no inspection yet has shares of zero or none', () => {
  const k = computeRandomInspectionKpis(plans, results, now);
  expect(k.byPlan.map((p) => p.instanceId)).toEqual(['P1', 'P2', 'P3']);
  expect(k.byPlan[0]).toMatchObject({
    title: '第一批', drawnAt: '2026-03-02T02:00:00.000Z', drawn: 4, inspected: 3, inspectedShare: 0.75, problems: 1, notFound: 1,
    problemShare: 0.5, publicationDue: 2, publishedOnTime: 1, publishedOnTimeRate: 0.5,
    // Days 1, 2.5, 3: median 2.5; mean 6.5 / 3 = 2.1667 → 2.2.
    drawToInspectionDays: { median: 2.5, mean: 2.2, max: 3 },
  });
  expect(k.byPlan[1]).toMatchObject({ drawn: 2, inspected: 1, inspectedShare: 0.5, problemShare: 1, publicationDue: 1, publishedOnTimeRate: 0, drawToInspectionDays: { median: 2, mean: 2, max: 2 } });
  expect(k.byPlan[2]).toMatchObject({
    drawn: 3, inspected: 0, inspectedShare: 0, problemShare: null, publishedOnTimeRate: null, drawToInspectionDays: { median: null, mean: null, max: null },
  });
});

test('no plans: every rate is null', () => {
  expect(computeRandomInspectionKpis([], [], now)).toMatchObject({ plans: 0, drawn: 0, inspectedShare: null, problemShare: null, publishedOnTimeRate: null, byPlan: [] });
});
