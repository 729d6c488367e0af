// The assessment KPIs of DOMAIN.md §1, computed from cases, their assessment records and their tasks.
// Definitions (docs/kpis.md): the population is the filed cases (not rejected or cancelled) started in the range.
//   closureRate        closed / filed
//   onTimeRate         closed with every handling unit on time / closed
//   selfResolutionRate closed without leaving the community (grid on the spot, or community) / closed
//   satisfactionRate   satisfied or basically satisfied / cases with a follow-up record
//   reworkRate         closed with at least one rework / closed
//   overdueRate        cases with any missed deadline (late, timed out, or open past due) / filed
// A rate is null when its denominator is zero.

export interface KpiCase {
  instanceId: string;
  startedAt: Date;
  status: string;
  streetId: string | null;
  levelReached: string | null;
  reworks: number | null;
  satisfaction: string | null;
  onTime: boolean | null;
  /** Per org unit that had tasks on the case: whether any of its deadlines was missed. */
  unitsMissed: Map<string, boolean>;
}

export interface Rates {
  cases: number;
  closureRate: number | null;
  onTimeRate: number | null;
  selfResolutionRate: number | null;
  satisfactionRate: number | null;
  reworkRate: number | null;
  overdueRate: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function rates(cases: KpiCase[], onTimeOf: (c: KpiCase) => boolean | null = (c) => c.onTime, missedOf = (c: KpiCase) => [...c.unitsMissed.values()].some(Boolean)): Rates {
  const closed = cases.filter((c) => c.status === 'closed');
  const followedUp = cases.filter((c) => c.satisfaction !== null);
  return {
    cases: cases.length,
    closureRate: ratio(closed.length, cases.length),
    onTimeRate: ratio(closed.filter((c) => onTimeOf(c) === true).length, closed.length),
    selfResolutionRate: ratio(closed.filter((c) => c.levelReached === 'grid' || c.levelReached === 'community').length, closed.length),
    satisfactionRate: ratio(followedUp.filter((c) => c.satisfaction === 'satisfied' || c.satisfaction === 'basically_satisfied').length, followedUp.length),
    reworkRate: ratio(closed.filter((c) => (c.reworks ?? 0) > 0).length, closed.length),
    overdueRate: ratio(cases.filter(missedOf).length, cases.length),
  };
}

export interface UnitInfo {
  id: string;
  name: string;
  kind: string;
}

/** Rates for the whole population, per street, per department (its own deadlines only), and per period. */
export function computeKpis(cases: KpiCase[], units: UnitInfo[], period: (d: Date) => string) {
  const byUnit = [
    ...units.filter((u) => u.kind === 'street').map((street) => ({
      orgUnitId: street.id, name: street.name, kind: 'street' as const,
      ...rates(cases.filter((c) => c.streetId === street.id)),
    })),
    ...units.filter((u) => u.kind === 'department').map((dept) => {
      const handled = cases.filter((c) => c.unitsMissed.has(dept.id));
      return {
        orgUnitId: dept.id, name: dept.name, kind: 'department' as const,
        ...rates(handled, (c) => (c.status === 'closed' ? !c.unitsMissed.get(dept.id) : null), (c) => c.unitsMissed.get(dept.id) === true),
      };
    }),
  ];
  const periods = new Map<string, KpiCase[]>();
  for (const c of cases) periods.set(period(c.startedAt), [...(periods.get(period(c.startedAt)) ?? []), c]);
  const trend = [...periods.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([p, group]) => ({ period: p, ...rates(group) }));
  return { ...rates(cases), byUnit, trend };
}
