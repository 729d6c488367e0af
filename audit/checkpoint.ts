// Signed audit checkpoints: the heads of all instance chains, their Merkle root and an Ed25519 signature made
// with a key kept outside the database. Written to files outside the database, so deleting a whole instance or
// cutting the newest events off a chain — which the per-instance chain alone cannot show — is detected.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import stableStringify from 'fast-json-stable-stringify';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { merkleRoot, type ChainHead } from './merkle';

export interface Checkpoint {
  version: 1;
  createdAt: string;
  count: number;
  merkleRoot: string;
  heads: ChainHead[];
  /** SPKI PEM of the signing key, for convenience; auditors should verify against a key they trust. */
  publicKey: string;
  signature: string;
}

export async function readHeads(db: Db): Promise<ChainHead[]> {
  const result = await db.execute(sql`
    select distinct on (instance_id) instance_id as "instanceId", seq, hash
    from audit_events order by instance_id, seq desc`);
  return (result as unknown as { rows: ChainHead[] }).rows.map((r) => ({ instanceId: r.instanceId, seq: Number(r.seq), hash: r.hash }));
}

function signedPayload(c: Pick<Checkpoint, 'version' | 'createdAt' | 'count' | 'merkleRoot'>): Buffer {
  return Buffer.from(stableStringify({ version: c.version, createdAt: c.createdAt, count: c.count, merkleRoot: c.merkleRoot }));
}

export function makeCheckpoint(heads: ChainHead[], privateKey: KeyObject, createdAt: Date): Checkpoint {
  const sorted = [...heads].sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  const body = { version: 1 as const, createdAt: createdAt.toISOString(), count: sorted.length, merkleRoot: merkleRoot(sorted) };
  return {
    ...body,
    heads: sorted,
    publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    signature: sign(null, signedPayload(body), privateKey).toString('base64'),
  };
}

/** The signature is valid for the trusted key, and the heads hash to the signed root. */
export function checkpointIntact(c: Checkpoint, trustedPublicKeyPem: string): { signature: boolean; root: boolean } {
  const key = createPublicKey(trustedPublicKeyPem);
  return {
    signature: verify(null, signedPayload(c), key, Buffer.from(c.signature, 'base64')),
    root: merkleRoot(c.heads) === c.merkleRoot && c.count === c.heads.length,
  };
}

/** Loads the Ed25519 signing key from its file, creating it (and its public half beside it) on first use. */
export function loadSigningKey(file: string): KeyObject {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(`${file}.pub`, publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return createPrivateKey(readFileSync(file));
}

/** The newest checkpoint, rewritten after each batch of appends; the verifiers' default. */
export const LATEST_CHECKPOINT_FILE = 'checkpoint-latest.json';

/**
 * Writes the checkpoint as the latest one (replaced atomically, so a reader never sees half a file) and, when
 * `archive` is set (at start-up and on the periodic loop), also under its own time-stamped name: the files an
 * operator copies out of reach of the database's operators. Returns the file written last.
 */
export function writeCheckpointFile(dir: string, checkpoint: Checkpoint, archive = true): string {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
  const latest = join(dir, LATEST_CHECKPOINT_FILE);
  writeFileSync(`${latest}.tmp`, text);
  renameSync(`${latest}.tmp`, latest);
  if (!archive) return latest;
  const file = join(dir, `checkpoint-${checkpoint.createdAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, text);
  return file;
}
