// KPI definitions on a fixed data set, with the expected rates worked out by hand.
import { computeKpis, type KpiCase } from '../../api/metrics/kpis';

const day = (d: string) => new Date(`${d}T10:00:00+08:00`);
const kase = (over: Partial<KpiCase> & { units?: Record<string, boolean> }): KpiCase => ({
  instanceId: Math.random().toString(36), startedAt: day('2026-11-02'), status: 'closed', streetId: 'street-a', levelReached: 'community',
  reworks: 0, satisfaction: null, onTime: true, ...over, unitsMissed: new Map(Object.entries(over.units ?? {})),
});

// Eight filed cases:
//  1 closed, grid self-resolved, on time                                  street-a
//  2 closed, community, on time, satisfied                                street-a
//  3 closed, street (dept-urban on time, dept-market late), 1 rework,
//    dissatisfied                                                         street-a
//  4 closed, district (dept-urban late), basically satisfied, 2 reworks   street-b
//  5 closed, community, on time                                           street-b
//  6 running, community task open past due                                street-b
//  7 running, dept-urban task open, not due                               street-a
//  8 closed, street (dept-market on time), on time                        street-a
const cases: KpiCase[] = [
  kase({ levelReached: 'grid', units: {} }),
  kase({ satisfaction: 'satisfied', units: { 'community-a1': false } }),
  kase({ levelReached: 'street', reworks: 1, satisfaction: 'dissatisfied', onTime: false, units: { 'dept-urban': false, 'dept-market': true } }),
  kase({ streetId: 'street-b', levelReached: 'district', reworks: 2, satisfaction: 'basically_satisfied', onTime: false, units: { 'dept-urban': true }, startedAt: day('2026-11-03') }),
  kase({ streetId: 'street-b', units: { 'community-b1': false }, startedAt: day('2026-11-03') }),
  kase({ streetId: 'street-b', status: 'running', levelReached: null, reworks: null, onTime: null, units: { 'community-b1': true }, startedAt: day('2026-11-03') }),
  kase({ status: 'running', levelReached: null, reworks: null, onTime: null, units: { 'dept-urban': false }, startedAt: day('2026-11-03') }),
  kase({ levelReached: 'street', units: { 'dept-market': false } }),
];
const units = [
  { id: 'street-a', name: '东湖街道', kind: 'street' }, { id: 'street-b', name: '西园街道', kind: 'street' },
  { id: 'dept-urban', name: '区城市管理局', kind: 'department' }, { id: 'dept-market', name: '区市场监督管理局', kind: 'department' },
];
const kpis = computeKpis(cases, units, (d) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10));

test('overall rates', () => {
  expect(kpis).toMatchObject({
    cases: 8,
    closureRate: 6 / 8, // cases 1,2,3,4,5,8
    onTimeRate: 4 / 6, // closed and on time: 1,2,5,8
    selfResolutionRate: 3 / 6, // closed at grid or community: 1,2,5
    satisfactionRate: 2 / 3, // followed up: 2 (satisfied), 3 (dissatisfied), 4 (basically)
    reworkRate: 2 / 6, // closed with reworks: 3,4
    overdueRate: 3 / 8, // any missed deadline: 3 (dept-market), 4 (dept-urban), 6 (open past due)
  });
});

test('per street', () => {
  expect(kpis.byUnit.find((u) => u.orgUnitId === 'street-a')).toMatchObject({
    cases: 5, closureRate: 4 / 5, onTimeRate: 3 / 4, selfResolutionRate: 2 / 4, satisfactionRate: 1 / 2, reworkRate: 1 / 4, overdueRate: 1 / 5,
  });
  expect(kpis.byUnit.find((u) => u.orgUnitId === 'street-b')).toMatchObject({
    cases: 3, closureRate: 2 / 3, onTimeRate: 1 / 2, selfResolutionRate: 1 / 2, satisfactionRate: 1, reworkRate: 1 / 2, overdueRate: 2 / 3,
  });
});

test('per department, judged on its own deadlines only', () => {
  // dept-urban handled 3 (on time), 4 (late), 7 (running, not late): closed 2, on time 1; overdue 1 of 3
  expect(kpis.byUnit.find((u) => u.orgUnitId === 'dept-urban')).toMatchObject({ cases: 3, closureRate: 2 / 3, onTimeRate: 1 / 2, overdueRate: 1 / 3 });
  // dept-market handled 3 (late) and 8 (on time)
  expect(kpis.byUnit.find((u) => u.orgUnitId === 'dept-market')).toMatchObject({ cases: 2, closureRate: 1, onTimeRate: 1 / 2, overdueRate: 1 / 2 });
});

test('trend per day', () => {
  expect(kpis.trend.map((t) => [t.period, t.cases, t.closureRate])).toEqual([['2026-11-02', 4, 1], ['2026-11-03', 4, 2 / 4]]);
});

test('a rate with nothing to divide by is null', () => {
  expect(computeKpis([], units, () => 'x')).toMatchObject({ cases: 0, closureRate: null, satisfactionRate: null });
});
