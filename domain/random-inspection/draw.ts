// The double-random draw (双随机 摇号), version `shanzhi-draw/1`: a pure function of the recorded seed and a snapshot
// of both registries, so anyone holding the three can re-run it and must get the same subjects and inspectors.
//
// Algorithm (every step is named so it can be re-implemented elsewhere):
// 1. The snapshot is put in canonical order — subjects by credit code, inspectors by user id — and hashed:
//    registryHash = SHA-256 of the canonical JSON of { subjects, inspectors } (see `registryHash`).
// 2. Subjects: k = the plan's count (at most the registry's size) or ⌈percent × n / 100⌉. They are drawn one at a
//    time without replacement, each with probability proportional to its weight among those left (successive
//    sampling); with no weighting every weight is 1, which is a uniform draw of k among n. Weights come from the
//    plan's credit-grade table (recorded with the draw). The integer r = below(total weight left) on stream
//    `subjects` picks the subject whose cumulative weight range (in canonical order) contains r; a Fenwick tree
//    finds it in O(log n), so 100,000 subjects draw in milliseconds.
// 3. Inspectors: for each drawn subject in draw order, stream `inspectors:<creditCode>` draws the plan's number of
//    inspectors uniformly without replacement from the eligible ones (canonical order, those already drawn removed).
//    A drawn inspector with a conflict (a grid they declared a conflict with is the subject's grid) recuses: the
//    recusal is logged and one replacement is drawn from the same stream among those not yet drawn for this subject
//    and without a known conflict with it.
// 4. A recusal declared later (at the inspection) draws one replacement on stream `recusal:<creditCode>:<n>` (n the
//    number of declared recusals for that subject before it, from 0) among those never drawn for the subject and
//    without a known conflict: never the same person again.
// Random integers: see prng.ts (HMAC-SHA256 counter mode, rejection sampling).
import { createHash } from 'node:crypto';
import { DrawStream } from './prng';
import type { CreditGrade, CreditWeights } from './weights';

export const DRAW_ALGORITHM = 'shanzhi-draw/1';

export { CREDIT_GRADES, DEFAULT_CREDIT_WEIGHTS, type CreditGrade, type CreditWeights } from './weights';

export interface SubjectEntry { creditCode: string; name: string; gridCode: string; creditGrade: CreditGrade }
export interface InspectorEntry { userId: string; unitId: string; conflictGridCodes: string[] }
export interface RegistrySnapshot { subjects: SubjectEntry[]; inspectors: InspectorEntry[] }

export type Sample = { count: number } | { percent: number };

export interface DrawPlan {
  sample: Sample;
  inspectorsPerSubject: number;
  weighting: 'none' | 'credit';
  weights: CreditWeights;
}

/** `declared`: stepped down at the inspection; otherwise found at the draw (a known conflict with the subject's grid). */
export interface Recusal { creditCode: string; userId: string; reason: string; replacement: string | null; declared: boolean }

export interface DrawResult {
  algorithm: typeof DRAW_ALGORITHM;
  seed: string;
  registryHash: string;
  subjects: { creditCode: string; name: string; gridCode: string }[];
  /** The inspectors who act for each subject now (recused ones removed, replacements in). */
  inspectors: Record<string, string[]>;
  recusals: Recusal[];
}

export class DrawError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

function canonical(snapshot: RegistrySnapshot): RegistrySnapshot {
  const byCode = (a: SubjectEntry, b: SubjectEntry) => (a.creditCode < b.creditCode ? -1 : a.creditCode > b.creditCode ? 1 : 0);
  const byId = (a: InspectorEntry, b: InspectorEntry) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
  return {
    subjects: snapshot.subjects.map((s) => ({ creditCode: s.creditCode, name: s.name, gridCode: s.gridCode, creditGrade: s.creditGrade })).sort(byCode),
    inspectors: snapshot.inspectors.map((i) => ({ userId: i.userId, unitId: i.unitId, conflictGridCodes: [...i.conflictGridCodes].sort() })).sort(byId),
  };
}

/** SHA-256 (hex) of the snapshot's canonical JSON: fixed key order, subjects by credit code, inspectors by id. */
export function registryHash(snapshot: RegistrySnapshot): string {
  return createHash('sha256').update(JSON.stringify(canonical(snapshot))).digest('hex');
}

/** How many subjects a sample takes from n. */
export function sampleSize(sample: Sample, n: number): number {
  return 'count' in sample ? Math.min(sample.count, n) : Math.min(n, Math.ceil((sample.percent * n) / 100));
}

/** Prefix sums over weights with point updates; `find(r)` is the index whose cumulative range holds r. */
class Fenwick {
  private readonly tree: number[];
  private readonly top: number;
  constructor(weights: readonly number[]) {
    const n = weights.length;
    this.tree = new Array<number>(n + 1).fill(0);
    for (let i = 1; i <= n; i++) {
      this.tree[i] += weights[i - 1];
      const parent = i + (i & -i);
      if (parent <= n) this.tree[parent] += this.tree[i];
    }
    let top = 1;
    while (top * 2 <= n) top *= 2;
    this.top = n === 0 ? 0 : top;
  }
  add(index: number, delta: number): void {
    for (let i = index + 1; i < this.tree.length; i += i & -i) this.tree[i] += delta;
  }
  find(r: number): number {
    let pos = 0;
    let rest = r;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next < this.tree.length && this.tree[next] <= rest) {
        pos = next;
        rest -= this.tree[next];
      }
    }
    return pos;
  }
}

function hasConflict(inspector: InspectorEntry, subject: { gridCode: string }): boolean {
  return inspector.conflictGridCodes.includes(subject.gridCode);
}

/** Draws uniformly from `pool` (canonical order) the ones not excluded; null when none is left. */
function pick(stream: DrawStream, pool: readonly InspectorEntry[], excluded: (i: InspectorEntry) => boolean): InspectorEntry | null {
  const left = pool.filter((i) => !excluded(i));
  return left.length === 0 ? null : left[stream.below(left.length)];
}

export function draw(seed: string, rawSnapshot: RegistrySnapshot, plan: DrawPlan): DrawResult {
  if (!/^[0-9a-f]{64}$/.test(seed)) throw new DrawError('seed', 'the seed is 32 bytes in lower-case hex');
  const snapshot = canonical(rawSnapshot);
  const { subjects, inspectors } = snapshot;
  if (plan.inspectorsPerSubject < 2) throw new DrawError('inspectorsPerSubject', 'at least two inspectors per subject');
  if (inspectors.length < plan.inspectorsPerSubject) {
    throw new DrawError('inspectorsPerSubject', `the plan needs ${plan.inspectorsPerSubject} inspectors per subject; the registry holds ${inspectors.length}`);
  }
  const weights = subjects.map((s) => {
    const w = plan.weighting === 'credit' ? plan.weights[s.creditGrade] : 1;
    if (!Number.isSafeInteger(w) || w < 1) throw new DrawError('weights', `the weight of grade ${s.creditGrade} must be a positive integer`);
    return w;
  });
  const k = sampleSize(plan.sample, subjects.length);
  const tree = new Fenwick(weights);
  let total = weights.reduce((a, b) => a + b, 0);
  const subjectStream = new DrawStream(seed, 'subjects');
  const drawn: SubjectEntry[] = [];
  for (let i = 0; i < k; i++) {
    const index = tree.find(subjectStream.below(total));
    drawn.push(subjects[index]);
    tree.add(index, -weights[index]);
    total -= weights[index];
  }

  const assigned: Record<string, string[]> = {};
  const recusals: Recusal[] = [];
  for (const subject of drawn) {
    const stream = new DrawStream(seed, `inspectors:${subject.creditCode}`);
    const seen = new Set<string>();
    const acting: string[] = [];
    // Draw until the plan's number act; each conflicted one recuses and is replaced once, by someone without a conflict.
    for (let slot = 0; slot < plan.inspectorsPerSubject; slot++) {
      const first = pick(stream, inspectors, (i) => seen.has(i.userId));
      if (!first) break;
      seen.add(first.userId);
      if (!hasConflict(first, subject)) {
        acting.push(first.userId);
        continue;
      }
      const replacement = pick(stream, inspectors, (i) => seen.has(i.userId) || hasConflict(i, subject));
      recusals.push({ creditCode: subject.creditCode, userId: first.userId, reason: 'sameGrid', replacement: replacement?.userId ?? null, declared: false });
      if (replacement) {
        seen.add(replacement.userId);
        acting.push(replacement.userId);
      }
    }
    assigned[subject.creditCode] = acting;
  }
  return {
    algorithm: DRAW_ALGORITHM, seed, registryHash: registryHash(snapshot),
    subjects: drawn.map((s) => ({ creditCode: s.creditCode, name: s.name, gridCode: s.gridCode })), inspectors: assigned, recusals,
  };
}

/**
 * A recusal declared at the inspection: the inspector steps down and one replacement is drawn among those never
 * drawn for this subject and without a known conflict. Returns the new result (the input is not changed).
 */
export function recuse(result: DrawResult, rawSnapshot: RegistrySnapshot, creditCode: string, userId: string, reason: string): DrawResult {
  const acting = Object.hasOwn(result.inspectors, creditCode) ? result.inspectors[creditCode] : undefined;
  if (!acting || !acting.includes(userId)) throw new DrawError('userId', `${userId} is not a drawn inspector of ${creditCode}`);
  const subject = result.subjects.find((s) => s.creditCode === creditCode)!;
  const { inspectors } = canonical(rawSnapshot);
  const ever = new Set([...acting, ...result.recusals.filter((r) => r.creditCode === creditCode).flatMap((r) => [r.userId, r.replacement ?? ''])]);
  const declaredBefore = result.recusals.filter((r) => r.creditCode === creditCode && r.declared).length;
  const replacement = pick(new DrawStream(result.seed, `recusal:${creditCode}:${declaredBefore}`), inspectors, (i) => ever.has(i.userId) || hasConflict(i, subject));
  return {
    ...result,
    inspectors: { ...result.inspectors, [creditCode]: [...acting.filter((id) => id !== userId), ...(replacement ? [replacement.userId] : [])] },
    recusals: [...result.recusals, { creditCode, userId, reason, replacement: replacement?.userId ?? null, declared: true }],
  };
}

/**
 * Re-runs a recorded draw: the automatic draw from seed and snapshot, then the declared recusals in their order.
 * Returns the differences from the record (none when it verifies).
 */
export function verifyDraw(record: DrawResult, snapshot: RegistrySnapshot, plan: DrawPlan): string[] {
  const problems: string[] = [];
  if (record.algorithm !== DRAW_ALGORITHM) return [`algorithm ${record.algorithm} is not ${DRAW_ALGORITHM}`];
  const hash = registryHash(snapshot);
  if (hash !== record.registryHash) problems.push(`registry snapshot hash ${hash} differs from the recorded ${record.registryHash}`);
  let again = draw(record.seed, snapshot, plan);
  for (const r of record.recusals.filter((x) => x.declared)) {
    if (!Object.hasOwn(again.inspectors, r.creditCode) || !again.inspectors[r.creditCode].includes(r.userId)) {
      problems.push(`recusal of ${r.userId} for ${r.creditCode}: not a drawn inspector at that point`);
      continue;
    }
    again = recuse(again, snapshot, r.creditCode, r.userId, r.reason);
  }
  // A record read back from jsonb has its keys in another order: compare key-sorted forms.
  const same = (a: unknown, b: unknown) => sortedJson(a) === sortedJson(b);
  if (!same(again.subjects, record.subjects)) problems.push('the drawn subjects differ');
  if (!same(again.inspectors, record.inspectors)) problems.push('the drawn inspectors differ');
  if (!same(again.recusals, record.recusals)) problems.push('the recusals differ');
  return problems;
}

/** JSON with object keys sorted at every level, so equal values compare equal whatever their key order. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
