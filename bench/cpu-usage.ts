// CPU time per process over a benchmark round, read from Linux's /proc: user + system time of each process (all its
// threads), so a round's cost can be split between the Temporal server, PostgreSQL (every backend of the server),
// the API, the worker and the clients. Where /proc is missing (not Linux) the readings are empty.
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on every Linux the project runs on). */
const TICKS_PER_SECOND = 100;

/** User + system CPU time of a process so far, in ms, or undefined if it is gone or /proc is missing. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, so skip past its closing parenthesis): utime is the 14th
    // field of the line, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The pids of every process whose command name is `name` (e.g. every `postgres` backend). */
export function pidsNamed(name: string): number[] {
  try {
    return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => {
      try { return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name; } catch { return false; }
    });
  } catch {
    return [];
  }
}

/** Where to read a component's CPU time: fixed pids, or processes found by name at each reading (PostgreSQL's backends come and go). */
export type CpuSource = { pids: () => Array<number | undefined> };

/** A reading of every component's CPU time, ms, with this process's own under `clients`. */
export type CpuReading = Record<string, number>;

export function readCpu(sources: Record<string, CpuSource>): CpuReading {
  const reading: CpuReading = {};
  for (const [name, source] of Object.entries(sources)) {
    reading[name] = source.pids().reduce<number>((sum, pid) => sum + (pid === undefined ? 0 : processCpuMs(pid) ?? 0), 0);
  }
  const own = process.cpuUsage();
  reading.clients = (own.user + own.system) / 1000;
  return reading;
}

/**
 * CPU ms per unit of work (a decision) between two readings, per component, one decimal. A backend that exited
 * between the readings takes its time with it, so PostgreSQL's figure is a floor when connections churn (the
 * benchmark's pools keep theirs open).
 */
export function cpuPer(before: CpuReading, after: CpuReading, units: number): Record<string, number> {
  const per: Record<string, number> = {};
  for (const name of Object.keys(after)) per[name] = Math.round((Math.max(0, after[name] - (before[name] ?? 0)) / units) * 10) / 10;
  per.total = Math.round(Object.entries(per).reduce((sum, [, v]) => sum + v, 0) * 10) / 10;
  return per;
}
