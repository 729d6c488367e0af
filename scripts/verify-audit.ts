// `npm run verify:audit`: the external auditor's verifier. Reads every audit event, instance and task from a
// database (a restored dump on PostgreSQL, or a PGlite folder), re-hashes every chain with the algorithm it records
// (SHA-256 or SM3), compares the chain heads with a signed checkpoint file (Ed25519 or SM2, as the checkpoint
// records) using a public key the auditor trusts, checks that every task and instance row has its audit events,
// and re-hashes the security log. Exit code 0 = intact, 1 = findings, 2 = usage.
import { parseArgs } from 'node:util';
import { asc } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { auditEvents, auditPurges } from '../db/schema';
import { verifyArchive } from '../audit/verify-archive';
import { readTrustedCheckpoint } from '../audit/against-checkpoint';
import { loadProjections } from '../audit/projections';
import { verifySecurityLog } from '../db/security-log';

const USAGE = `usage: npm run verify:audit -- (--database-url URL | --pglite DIR) [--checkpoint FILE --public-key PEM] [--json]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' }, pglite: { type: 'string' }, checkpoint: { type: 'string' },
      'public-key': { type: 'string' }, json: { type: 'boolean', default: false },
    },
  });
  if (!values['database-url'] && !values.pglite) { console.error(USAGE); return 2; }
  if (Boolean(values.checkpoint) !== Boolean(values['public-key'])) { console.error(`${USAGE}\n--checkpoint needs --public-key, the key you trust`); return 2; }
  const database = await openDatabase(values['database-url'] ? { url: values['database-url'] } : { dataDir: values.pglite });
  try {
    // The projections before the log and the purges after it, so a live database changing meanwhile shows no row
    // without its event and no chain gone without its purge record.
    const projections = await loadProjections(database.db);
    const rows = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.instanceId), asc(auditEvents.seq));
    const purges = await database.db.select().from(auditPurges);
    const checkpoint = values.checkpoint ? readTrustedCheckpoint(values.checkpoint, values['public-key']!) : undefined;
    const verdict = verifyArchive(rows, { checkpoint, projections, purges });
    const securityLog = await verifySecurityLog(database.db);
    const ok = verdict.ok && securityLog.ok;
    if (values.json) {
      console.log(JSON.stringify({ ...verdict, ok, securityLog }, null, 2));
    } else {
      const hashes = Object.entries(verdict.chainsByHash).filter(([, n]) => n > 0).map(([algorithm, n]) => `${n} ${algorithm}`).join(', ');
      const signed = checkpoint ? `, checkpoint of ${checkpoint.checkpoint.createdAt} (${checkpoint.checkpoint.signatureAlgorithm ?? 'ed25519'})` : '';
      console.log(`${verdict.instances} instances, ${verdict.events} events${hashes ? ` (chains: ${hashes})` : ''}${signed}`);
      // Each finding names its instance, so the auditor knows which case file to pull.
      for (const f of verdict.findings) console.log(`  [${f.kind}]${f.instanceId && !f.message.includes(f.instanceId) ? ` ${f.instanceId}:` : ''} ${f.message}`);
      for (const p of verdict.purged) console.log(`  [purged] instance ${p.instanceId} (${p.headSeq} events) purged ${p.purgedAt.toISOString()} by ${p.purgedBy}: ${p.reason}`);
      console.log(`security log: ${securityLog.events} events (${securityLog.hashAlgorithm})${securityLog.ok ? '' : `, broken at seq ${securityLog.firstBrokenSeq}`}`);
      const count = verdict.findings.length + (securityLog.ok ? 0 : 1);
      console.log(ok ? 'INTACT' : `${count} finding(s)`);
    }
    return ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`verify-audit: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
