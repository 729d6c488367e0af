// Appends a benchmark's result to docs/benchmarks.md with the machine, the date and the command.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const FILE = join(__dirname, '..', 'docs', 'benchmarks.md');

/** Set BENCH_REPORT=0 for trial runs: the result is printed but not written to docs/benchmarks.md. */
export function appendResult(title: string, command: string, lines: string[]): void {
  if (process.env.BENCH_REPORT === '0') {
    console.log([`## ${title}`, ...lines].join('\n'));
    return;
  }
  if (!existsSync(FILE)) writeFileSync(FILE, '# Benchmarks\n\nEach section is appended by a run of its command (`bench/`); none of them is part of `npm test`.\n');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  appendFileSync(FILE, [``, `## ${title}`, ``, `${new Date().toISOString()} · ${machine} · \`${command}\``, ``, ...lines, ``].join('\n'));
}
