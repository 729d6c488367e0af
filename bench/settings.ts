// The size of a benchmark run, from the environment. Every benchmark takes BENCH_N (its main count: cases,
// instances, tasks, deadlines) and BENCH_ROUNDS (how often it repeats its measurement), so `BENCH_N=100
// BENCH_ROUNDS=1` is a trial of any of them in a few minutes that prints the same JSON; a benchmark's own older
// variable (BENCH_OPEN, REL_CASES, …) wins where it is set. Unset, each runs at the size its issue asked for.
function read(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not ${value}`);
  return n;
}

/** The main count: `own` if set, else BENCH_N, else `fallback`. */
export function benchN(fallback: number, own?: string): number {
  return (own ? read(own) : undefined) ?? read('BENCH_N') ?? fallback;
}

/** Repetitions: `own` if set, else BENCH_ROUNDS, else `fallback`. */
export function benchRounds(fallback: number, own?: string): number {
  return Math.max(1, (own ? read(own) : undefined) ?? read('BENCH_ROUNDS') ?? fallback);
}

/**
 * A secondary count (samples, open tasks, users) that keeps its proportion to the main count `n` — `fallback` at
 * the main count's default `nDefault` — unless its own variable is set; never below `min`.
 */
export function scaled(own: string, fallback: number, n: number, nDefault: number, min = 1): number {
  return read(own) ?? Math.max(min, Math.round((fallback * n) / nDefault));
}

/** The benchmark settings set in the environment, for the command line a result is reported under. */
export function settingsInEnvironment(): string[] {
  return Object.keys(process.env).filter((k) => /^(BENCH|REL)_/.test(k) && k !== 'BENCH_REPORT').sort().map((k) => `${k}=${process.env[k]}`);
}
