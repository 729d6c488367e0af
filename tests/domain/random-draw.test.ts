// The double-random draw (domain/random-inspection/draw.ts): reproducible from seed and snapshot, uniform when
// unweighted, proportional to the credit weights when asked, and recusals that replace once and never repeat.
import { createHash } from 'node:crypto';
import {
  DEFAULT_CREDIT_WEIGHTS, draw, recuse, registryHash, verifyDraw, type CreditGrade, type DrawPlan, type RegistrySnapshot,
} from '../../domain/random-inspection/draw';

/** Seeds are derived from their index, so a failure names a seed that reproduces it. */
const seedOf = (i: number) => createHash('sha256').update(`random-draw-test:${i}`).digest('hex');

function registry(subjects: number, inspectors: number, grades: CreditGrade[] = ['B']): RegistrySnapshot {
  return {
    subjects: Array.from({ length: subjects }, (_, i) => ({
      creditCode: `S${String(i).padStart(5, '0')}`, name: `商户${i}`, gridCode: `G${i % 4}`, creditGrade: grades[i % grades.length],
    })),
    inspectors: Array.from({ length: inspectors }, (_, i) => ({ userId: `u${String(i).padStart(3, '0')}`, unitId: 'street-1', conflictGridCodes: [] as string[] })),
  };
}

const plan = (over: Partial<DrawPlan> = {}): DrawPlan => ({ sample: { count: 3 }, inspectorsPerSubject: 2, weighting: 'none', weights: DEFAULT_CREDIT_WEIGHTS, ...over });

/** Pearson's statistic over observed counts and expected counts. */
function chiSquared(observed: number[], expected: number[]): number {
  return observed.reduce((sum, o, i) => sum + (o - expected[i]) ** 2 / expected[i], 0);
}

describe('the draw', () => {
  it('gives the same subjects and inspectors for the same seed and snapshot, whatever order the rows came in', () => {
    const snapshot = registry(50, 8);
    const shuffled: RegistrySnapshot = { subjects: [...snapshot.subjects].reverse(), inspectors: [...snapshot.inspectors].reverse() };
    const first = draw(seedOf(1), snapshot, plan({ sample: { count: 10 } }));
    const again = draw(seedOf(1), shuffled, plan({ sample: { count: 10 } }));
    expect(again).toEqual(first);
    expect(first.subjects).toHaveLength(10);
    expect(new Set(first.subjects.map((s) => s.creditCode)).size).toBe(10);
    for (const s of first.subjects) {
      expect(first.inspectors[s.creditCode]).toHaveLength(2);
      expect(new Set(first.inspectors[s.creditCode]).size).toBe(2);
    }
    expect(draw(seedOf(2), snapshot, plan({ sample: { count: 10 } })).subjects).not.toEqual(first.subjects);
    expect(verifyDraw(first, shuffled, plan({ sample: { count: 10 } }))).toEqual([]);
  });

  it('takes a percentage of the registry, rounded up', () => {
    expect(draw(seedOf(3), registry(41, 4), plan({ sample: { percent: 10 } })).subjects).toHaveLength(5);
    expect(draw(seedOf(3), registry(7, 4), plan({ sample: { count: 20 } })).subjects).toHaveLength(7);
  });

  it('draws every subject equally often without weighting (chi-squared over 3000 seeds)', () => {
    const n = 20;
    const counts = new Array<number>(n).fill(0);
    const seeds = 3000;
    const snapshot = registry(n, 4, ['A', 'B', 'C', 'D']);
    for (let i = 0; i < seeds; i++) {
      for (const s of draw(seedOf(i), snapshot, plan({ sample: { count: 3 } })).subjects) counts[Number(s.creditCode.slice(1))]++;
    }
    // 19 degrees of freedom: 43.82 is the 0.999 quantile; a fair draw stays under it 999 times in 1000.
    expect(chiSquared(counts, counts.map(() => (seeds * 3) / n))).toBeLessThan(43.82);
  });

  it('draws in proportion to the credit weights when the plan asks (chi-squared over 4000 seeds)', () => {
    const snapshot = registry(4, 4, ['A', 'B', 'C', 'D']);
    const counts = [0, 0, 0, 0];
    const seeds = 4000;
    for (let i = 0; i < seeds; i++) counts[Number(draw(seedOf(i), snapshot, plan({ sample: { count: 1 }, weighting: 'credit' })).subjects[0].creditCode.slice(1))]++;
    // Weights A 1, B 2, C 4, D 8 of 15: 3 degrees of freedom, 16.27 is the 0.999 quantile.
    const expected = [1, 2, 4, 8].map((w) => (seeds * w) / 15);
    expect(chiSquared(counts, expected)).toBeLessThan(16.27);
    // The same registry unweighted would be far from these proportions: the weighting really acts.
    expect(chiSquared(counts, [1, 1, 1, 1].map(() => seeds / 4))).toBeGreaterThan(100);
  });

  it('draws every inspector equally often (chi-squared over 2000 seeds)', () => {
    const snapshot = registry(5, 10);
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      for (const ids of Object.values(draw(seedOf(i), snapshot, plan({ sample: { count: 5 } })).inspectors)) {
        for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    const observed = snapshot.inspectors.map((i) => counts.get(i.userId) ?? 0);
    // 2000 × 5 subjects × 2 inspectors over 10 people; 9 degrees of freedom, 27.88 is the 0.999 quantile.
    expect(chiSquared(observed, observed.map(() => 2000))).toBeLessThan(27.88);
  });

  it('has an inspector of the subject\'s own grid recuse, replaced once by someone without a conflict', () => {
    const snapshot = registry(4, 5);
    // Everyone but u004 has a conflict with grid G0: each of them drawn for a G0 subject recuses.
    snapshot.inspectors.forEach((i) => { if (i.userId !== 'u004') i.conflictGridCodes = ['G0']; });
    let seen = 0;
    for (let i = 0; i < 50; i++) {
      const result = draw(seedOf(i), snapshot, plan({ sample: { count: 4 } }));
      const g0 = result.subjects.find((s) => s.gridCode === 'G0')!;
      const acting = result.inspectors[g0.creditCode];
      for (const r of result.recusals) {
        expect(r.reason).toBe('sameGrid');
        expect(r.declared).toBe(false);
        expect(r.replacement).not.toBe(r.userId);
        expect(acting).not.toContain(r.userId);
      }
      // Only u004 is free of conflict, so at most one inspector can act and every conflicted one drawn recused.
      expect(acting.every((id) => id === 'u004')).toBe(true);
      seen += result.recusals.length;
      expect(verifyDraw(result, snapshot, plan({ sample: { count: 4 } }))).toEqual([]);
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('replaces a declared recusal with someone never drawn for the subject, and the record still verifies', () => {
    const snapshot = registry(6, 6);
    let result = draw(seedOf(7), snapshot, plan({ sample: { count: 2 } }));
    const subject = result.subjects[0].creditCode;
    const [first, second] = result.inspectors[subject];
    result = recuse(result, snapshot, subject, first, '与当事人有亲属关系');
    const replacement = result.recusals[0].replacement!;
    expect([first, second]).not.toContain(replacement);
    expect(result.inspectors[subject]).toEqual([second, replacement]);
    result = recuse(result, snapshot, subject, replacement, '曾在该企业任职');
    expect([first, second, replacement]).not.toContain(result.recusals[1].replacement);
    expect(verifyDraw(result, snapshot, plan({ sample: { count: 2 } }))).toEqual([]);
    expect(() => recuse(result, snapshot, subject, first, 'again')).toThrow(/not a drawn inspector/);
  });

  it('catches a record whose inspectors or snapshot were changed after the draw', () => {
    const snapshot = registry(10, 5);
    const result = draw(seedOf(9), snapshot, plan());
    const code = result.subjects[0].creditCode;
    const outsider = snapshot.inspectors.map((i) => i.userId).find((id) => !result.inspectors[code].includes(id))!;
    const forged = { ...result, inspectors: { ...result.inspectors, [code]: [outsider, result.inspectors[code][1]] } };
    expect(verifyDraw(forged, snapshot, plan())).toContain('the drawn inspectors differ');
    const changed = { ...snapshot, subjects: snapshot.subjects.slice(1) };
    expect(registryHash(changed)).not.toBe(result.registryHash);
    expect(verifyDraw(result, changed, plan())[0]).toMatch(/hash/);
  });
});
