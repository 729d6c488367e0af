// The 三率 of 12345 orders (接诉即办条例 art. 32's core of assessment), per unit and period, from the orders' case files.
// Definitions are in docs/kpis.md; a rate is null when its denominator is zero. Pure: the router loads, this counts.

export interface RateDispatch {
  unitId: string;
  dispatchedAt: Date;
  contactDueAt: Date;
  contactedAt: Date | null;
  objection: string | null;
  ruling: 'upheld' | 'refused' | null;
}

export interface RateOrder {
  instanceId: string;
  /** The unit responsible at the end (the last dispatch); null for a consultation answered at once. */
  unitId: string | null;
  visitedAt: Date | null;
  resolved: boolean | null;
  satisfaction: string | null;
  dispatches: RateDispatch[];
}

export interface Rates { responseRate: number | null; resolutionRate: number | null; satisfactionRate: number | null }
export interface UnitRates extends Rates { unitId: string; orders: number; contacts: number; visits: number }
export interface PeriodRates extends Rates { period: string }

interface Tally { contacted: number; inTime: number; visited: number; resolved: number; satisfied: number; orders: Set<string> }

const tally = (): Tally => ({ contacted: 0, inTime: 0, visited: 0, resolved: 0, satisfied: 0, orders: new Set() });
const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
const rates = (t: Tally): Rates => ({
  responseRate: ratio(t.inTime, t.contacted), resolutionRate: ratio(t.resolved, t.visited), satisfactionRate: ratio(t.satisfied, t.visited),
});

/**
 * A dispatch's contact counts once it is settled: contacted (in time when by its due instant), or its contact limit
 * passed without a contact. A dispatch whose objection was upheld is not the unit's order and never counts; one still
 * inside its limit is not counted yet.
 */
function contactOutcome(d: RateDispatch, now: Date): boolean | null {
  if (d.ruling === 'upheld') return null;
  if (d.contactedAt) return d.contactedAt.getTime() <= d.contactDueAt.getTime();
  return d.contactDueAt.getTime() < now.getTime() ? false : null;
}

export function computeHotlineRates(orders: readonly RateOrder[], range: { from: Date; to: Date; now: Date; periodOf: (d: Date) => string }) {
  const inRange = (d: Date) => d.getTime() >= range.from.getTime() && d.getTime() < range.to.getTime();
  const all = tally();
  const byUnit = new Map<string, Tally>();
  const byPeriod = new Map<string, Tally>();
  const of = (map: Map<string, Tally>, key: string) => map.get(key) ?? map.set(key, tally()).get(key)!;
  for (const order of orders) {
    for (const d of order.dispatches) {
      // Response is counted in the period of the dispatch.
      if (!inRange(d.dispatchedAt) || d.ruling === 'upheld') continue;
      of(byUnit, d.unitId).orders.add(order.instanceId);
      const inTime = contactOutcome(d, range.now);
      if (inTime === null) continue;
      for (const t of [all, of(byUnit, d.unitId), of(byPeriod, range.periodOf(d.dispatchedAt))]) {
        t.contacted++;
        if (inTime) t.inTime++;
      }
    }
    // Resolution and satisfaction are counted in the period of the return visit, for the unit that handled the order.
    if (!order.visitedAt || !inRange(order.visitedAt) || order.unitId === null) continue;
    for (const t of [all, of(byUnit, order.unitId), of(byPeriod, range.periodOf(order.visitedAt))]) {
      t.visited++;
      if (order.resolved === true) t.resolved++;
      if (order.satisfaction === 'satisfied' || order.satisfaction === 'basically_satisfied') t.satisfied++;
    }
  }
  return {
    ...rates(all),
    byUnit: [...byUnit.entries()].sort(([a], [b]) => a.localeCompare(b))
      .map(([unitId, t]): UnitRates => ({ unitId, orders: t.orders.size, contacts: t.contacted, visits: t.visited, ...rates(t) })),
    trend: [...byPeriod.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([period, t]): PeriodRates => ({ period, ...rates(t) })),
  };
}
