// The 三率 of 12345 orders (接诉即办条例 art. 32's core of assessment), per unit and period, from the orders' case files.
// Definitions are in docs/kpis.md; a rate is null when its denominator is zero. Pure: the router loads, this counts.

export interface RateDispatch {
  /** The dispatch's number on its order (1 for the first); by position when not given. */
  seq?: number;
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

export type RateName = 'response' | 'resolution' | 'satisfaction';
export const RATE_NAMES: readonly RateName[] = ['response', 'resolution', 'satisfaction'];

/** One counted item behind a rate: a settled contact (response) or a return visit (resolution, satisfaction). */
export interface RateEntry {
  rate: RateName;
  instanceId: string;
  unitId: string;
  /** The dispatch (response) or the visit (resolution, satisfaction): the instant that puts it in a period. */
  at: Date;
  period: string;
  /** Counts in the numerator: contacted in time, resolved, satisfied or basically satisfied. */
  met: boolean;
  /** The dispatch, for a response entry. */
  seq?: number;
}

/** Every entry the rates of the range count, in order of the orders given; the drill-down lists them. */
export function rateEntries(orders: readonly RateOrder[], range: { from: Date; to: Date; now: Date; periodOf: (d: Date) => string }): RateEntry[] {
  const inRange = (d: Date) => d.getTime() >= range.from.getTime() && d.getTime() < range.to.getTime();
  const entries: RateEntry[] = [];
  for (const order of orders) {
    order.dispatches.forEach((d, i) => {
      // Response is counted in the period of the dispatch.
      if (!inRange(d.dispatchedAt)) return;
      const inTime = contactOutcome(d, range.now);
      if (inTime === null) return;
      entries.push({ rate: 'response', instanceId: order.instanceId, unitId: d.unitId, at: d.dispatchedAt, period: range.periodOf(d.dispatchedAt), met: inTime, seq: d.seq ?? i + 1 });
    });
    // Resolution and satisfaction are counted in the period of the return visit, for the unit that handled the order.
    if (!order.visitedAt || !inRange(order.visitedAt) || order.unitId === null) continue;
    const visit = { instanceId: order.instanceId, unitId: order.unitId, at: order.visitedAt, period: range.periodOf(order.visitedAt) };
    entries.push({ rate: 'resolution', ...visit, met: order.resolved === true });
    entries.push({ rate: 'satisfaction', ...visit, met: order.satisfaction === 'satisfied' || order.satisfaction === 'basically_satisfied' });
  }
  return entries;
}

export function computeHotlineRates(orders: readonly RateOrder[], range: { from: Date; to: Date; now: Date; periodOf: (d: Date) => string }) {
  const inRange = (d: Date) => d.getTime() >= range.from.getTime() && d.getTime() < range.to.getTime();
  const all = tally();
  const byUnit = new Map<string, Tally>();
  const byPeriod = new Map<string, Tally>();
  const of = (map: Map<string, Tally>, key: string) => map.get(key) ?? map.set(key, tally()).get(key)!;
  // A unit's orders: its dispatches of the range, upheld objections excluded, whether or not their contact is settled.
  for (const order of orders) {
    for (const d of order.dispatches) if (inRange(d.dispatchedAt) && d.ruling !== 'upheld') of(byUnit, d.unitId).orders.add(order.instanceId);
  }
  for (const e of rateEntries(orders, range)) {
    for (const t of [all, of(byUnit, e.unitId), of(byPeriod, e.period)]) {
      if (e.rate === 'response') {
        t.contacted++;
        if (e.met) t.inTime++;
      } else if (e.rate === 'resolution') {
        t.visited++;
        if (e.met) t.resolved++;
      } else if (e.met) t.satisfied++;
    }
  }
  return {
    ...rates(all),
    byUnit: [...byUnit.entries()].sort(([a], [b]) => a.localeCompare(b))
      .map(([unitId, t]): UnitRates => ({ unitId, orders: t.orders.size, contacts: t.contacted, visits: t.visited, ...rates(t) })),
    trend: [...byPeriod.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([period, t]): PeriodRates => ({ period, ...rates(t) })),
  };
}
