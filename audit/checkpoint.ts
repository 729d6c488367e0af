// Signed audit checkpoints: the heads of all instance chains, their Merkle root and a signature (Ed25519, or SM2
// with an SM3 Merkle tree: audit/signature.ts) made with a key kept outside the database. Written to files outside the database, so deleting a whole instance or
// cutting the newest events off a chain — which the per-instance chain alone cannot show — is detected.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import stableStringify from 'fast-json-stable-stringify';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { merkleRoot, type ChainHead } from './merkle';
import { generateSigningKey, merkleHashFor, signPayload, signatureAlgorithmOf, verifyPayload, type SignatureAlgorithm } from './signature';
import type { HashAlgorithm } from '../db/chain-hash';

export interface Checkpoint {
  version: 1;
  createdAt: string;
  count: number;
  merkleRoot: string;
  /** How it is signed; absent on checkpoints written before the choice, which are Ed25519. Signed with the rest. */
  signatureAlgorithm?: SignatureAlgorithm;
  /** The hash of its Merkle tree (SM3 with SM2); absent = SHA-256. Signed with the rest. */
  merkleHash?: HashAlgorithm;
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

type SignedFields = Pick<Checkpoint, 'version' | 'createdAt' | 'count' | 'merkleRoot' | 'signatureAlgorithm' | 'merkleHash'>;

/**
 * The bytes signed: the checkpoint's fields but its heads (which the root covers). The algorithms are among them, so
 * a checkpoint cannot be passed off as signed another way; a checkpoint without them signed the same bytes as before.
 */
export function signedPayload(c: SignedFields): Buffer {
  return Buffer.from(stableStringify({
    version: c.version, createdAt: c.createdAt, count: c.count, merkleRoot: c.merkleRoot, signatureAlgorithm: c.signatureAlgorithm, merkleHash: c.merkleHash,
  }));
}

/** Signs the heads with the key, by the key's own algorithm (Ed25519 or SM2). */
export function makeCheckpoint(heads: ChainHead[], privateKey: KeyObject, createdAt: Date): Checkpoint {
  const signatureAlgorithm = signatureAlgorithmOf(privateKey);
  if (!signatureAlgorithm) throw new Error('the checkpoint signing key is neither an Ed25519 nor an SM2 key');
  const merkleHash = merkleHashFor(signatureAlgorithm);
  const sorted = [...heads].sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  const body = { version: 1 as const, createdAt: createdAt.toISOString(), count: sorted.length, merkleRoot: merkleRoot(sorted, merkleHash), signatureAlgorithm, merkleHash };
  return {
    ...body,
    heads: sorted,
    publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    signature: signPayload(signatureAlgorithm, privateKey, signedPayload(body)),
  };
}

/** The signature is valid for the trusted key (by the algorithm the checkpoint records), and the heads hash to the signed root. */
export function checkpointIntact(c: Checkpoint, trustedPublicKeyPem: string): { signature: boolean; root: boolean } {
  const key = createPublicKey(trustedPublicKeyPem);
  const merkleHash = c.merkleHash ?? 'sha256';
  return {
    signature: verifyPayload(c.signatureAlgorithm ?? 'ed25519', key, signedPayload(c), c.signature),
    root: (merkleHash === 'sha256' || merkleHash === 'sm3') && merkleRoot(c.heads, merkleHash) === c.merkleRoot && c.count === c.heads.length,
  };
}

/**
 * Loads the signing key from its file, creating it (and its public half beside it) on first use: a PKCS#8 PEM of an
 * Ed25519 or SM2 key. A file holding a key of the other algorithm is refused: the choice is made at installation.
 */
export function loadSigningKey(file: string, algorithm: SignatureAlgorithm = 'ed25519'): KeyObject {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey, publicKey } = generateSigningKey(algorithm);
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(`${file}.pub`, publicKey.export({ type: 'spki', format: 'pem' }));
  }
  const key = createPrivateKey(readFileSync(file));
  const held = signatureAlgorithmOf(key);
  if (held !== algorithm) {
    throw new Error(`the checkpoint signing key ${file} is ${held ? `an ${held}` : 'neither an Ed25519 nor an SM2'} key, but checkpoints are to be signed with ${algorithm} `
      + '(SHANZHI_CHECKPOINT_SIGNATURE): keep the algorithm the installation chose, or point SHANZHI_CHECKPOINT_KEY_FILE at a key of the new one');
  }
  return key;
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
