// `npm run verify:draw -- <instanceId>`: re-runs a plan's double-random draw from its recorded seed, plan and
// registry snapshot (domain/random-inspection/draw.ts, algorithm shanzhi-draw/1) and compares it with what was
// recorded. Reads the database of DATABASE_URL, or the embedded PGlite folder (SHANZHI_DATA_DIR, default .data);
// `--file` checks an exported record { result, plan, snapshot } instead. Exit code 0 = same result, 1 = differs, 2 = usage.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client';
import { recordedDraw, type RecordedDraw } from '../db/random-draws';
import { verifyDraw } from '../domain/random-inspection/draw';

const USAGE = 'usage: npm run verify:draw -- <instanceId> [--database-url URL | --pglite DIR]  |  npm run verify:draw -- --file record.json';

async function load(instanceId: string | undefined, values: { file?: string; 'database-url'?: string; pglite?: string }): Promise<RecordedDraw | null> {
  if (values.file) return JSON.parse(readFileSync(values.file, 'utf8')) as RecordedDraw;
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  const database = await openDatabase(url ? { url } : { dataDir: values.pglite ?? join(process.env.SHANZHI_DATA_DIR ?? '.data', 'pglite') });
  try {
    return await recordedDraw(database.db, instanceId!);
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'database-url': { type: 'string' }, pglite: { type: 'string' }, file: { type: 'string' } } });
  if (!values.file && positionals.length !== 1) { console.error(USAGE); return 2; }
  const record = await load(positionals[0], values);
  if (!record) { console.error(`no draw recorded for ${positionals[0]}`); return 2; }
  const { result } = record;
  console.log(`${result.algorithm}  seed ${result.seed}`);
  console.log(`registry ${result.registryHash}: ${record.snapshot.subjects.length} subjects, ${record.snapshot.inspectors.length} inspectors`);
  const problems = verifyDraw(result, record.snapshot, record.plan);
  for (const p of problems) console.log(`  DIFFERS: ${p}`);
  console.log(problems.length === 0 ? `SAME RESULT: ${result.subjects.length} subjects, ${result.recusals.length} recusals` : `${problems.length} difference(s)`);
  return problems.length === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => { console.error(error); process.exitCode = 2; });
