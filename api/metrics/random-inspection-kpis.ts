// The double-random KPIs (docs/kpis.md "双随机、一公开"): draw-to-inspection time, share inspected, share of problems
// and publication on time, over the plans drawn in a period. Pure: the router reads the rows, this counts them.

export interface KpiPlan { instanceId: string; title: string; drawnAt: Date; drawn: number }
export interface KpiResult {
  instanceId: string;
  outcome: 'compliant' | 'problem' | 'notFound';
  inspectedAt: Date;
  publishBy: Date;
  publishedAt: Date | null;
}

const DAY_MS = 86_400_000;
const rate = (n: number, d: number) => (d === 0 ? null : n / d);
const round1 = (x: number) => Math.round(x * 10) / 10;

function counts(plans: KpiPlan[], results: KpiResult[], now: Date) {
  const drawnAt = new Map(plans.map((p) => [p.instanceId, p.drawnAt]));
  const drawn = plans.reduce((sum, p) => sum + p.drawn, 0);
  const inspected = results.length;
  const problems = results.filter((r) => r.outcome === 'problem').length;
  const notFound = results.filter((r) => r.outcome === 'notFound').length;
  // A result is due for publication once published, or once its last day has passed without it.
  const due = results.filter((r) => r.publishedAt !== null || r.publishBy < now);
  const onTime = due.filter((r) => r.publishedAt !== null && r.publishedAt <= r.publishBy).length;
  const published = results.filter((r) => r.publishedAt !== null).length;
  const days = results.map((r) => (r.inspectedAt.getTime() - drawnAt.get(r.instanceId)!.getTime()) / DAY_MS).sort((a, b) => a - b);
  const median = days.length === 0 ? null : days.length % 2 === 1 ? days[(days.length - 1) / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2;
  return {
    drawn, inspected, problems, notFound, published, publicationDue: due.length, publishedOnTime: onTime,
    inspectedShare: rate(inspected, drawn),
    problemShare: rate(problems, inspected - notFound),
    publishedOnTimeRate: rate(onTime, due.length),
    drawToInspectionDays: {
      median: median === null ? null : round1(median),
      mean: days.length === 0 ? null : round1(days.reduce((a, b) => a + b, 0) / days.length),
      max: days.length === 0 ? null : round1(days[days.length - 1]),
    },
  };
}

export function computeRandomInspectionKpis(plans: KpiPlan[], results: KpiResult[], now: Date) {
  const ofPlan = (id: string) => results.filter((r) => r.instanceId === id);
  return {
    plans: plans.length,
    ...counts(plans, results, now),
    byPlan: [...plans].sort((a, b) => a.drawnAt.getTime() - b.drawnAt.getTime() || a.instanceId.localeCompare(b.instanceId)).map((p) => ({
      instanceId: p.instanceId, title: p.title, drawnAt: p.drawnAt.toISOString(), ...counts([p], ofPlan(p.instanceId), now),
    })),
  };
}
