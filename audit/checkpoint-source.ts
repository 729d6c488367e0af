// Where the API finds the latest signed checkpoint to verify an instance against: the checkpoint folder, and the
// public half of the signing key. The newer of checkpoint-latest.json and the newest time-stamped file is used,
// so replacing the latest file with an older one only moves "verified up to" back in time, visibly.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TrustedCheckpoint } from './against-checkpoint';
import { LATEST_CHECKPOINT_FILE, type Checkpoint } from './checkpoint';

export interface CheckpointSource {
  /** The newest checkpoint with the key to trust, or null when none was written yet (or there is no key). */
  latest(): Promise<TrustedCheckpoint | null>;
}

const ARCHIVED = /^checkpoint-\d{4}-.*\.json$/;

/** The public key to trust: derived from the private key when this process can read it, else its `.pub` file. */
function trustedPublicKey(keyFile: string): string | null {
  if (existsSync(keyFile)) return createPublicKey(createPrivateKey(readFileSync(keyFile))).export({ type: 'spki', format: 'pem' }).toString();
  return existsSync(`${keyFile}.pub`) ? readFileSync(`${keyFile}.pub`, 'utf8') : null;
}

export function fileCheckpointSource(dir: string, keyFile: string): CheckpointSource {
  let publicKey: string | null = null;
  const parsed = new Map<string, { stamp: string; checkpoint: Checkpoint }>();
  const read = (name: string): Checkpoint | null => {
    const file = join(dir, name);
    if (!existsSync(file)) return null;
    const { mtimeMs, size } = statSync(file);
    const stamp = `${mtimeMs}:${size}`;
    const cached = parsed.get(name);
    if (cached?.stamp === stamp) return cached.checkpoint;
    const checkpoint = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
    parsed.set(name, { stamp, checkpoint });
    return checkpoint;
  };
  return {
    async latest() {
      publicKey ??= trustedPublicKey(keyFile);
      if (!publicKey || !existsSync(dir)) return null;
      const newestArchived = readdirSync(dir).filter((n) => ARCHIVED.test(n)).sort().pop();
      const candidates = [read(LATEST_CHECKPOINT_FILE), newestArchived ? read(newestArchived) : null]
        .filter((c): c is Checkpoint => c !== null);
      if (candidates.length === 0) return null;
      const checkpoint = candidates.reduce((a, b) => (Date.parse(b.createdAt) > Date.parse(a.createdAt) ? b : a));
      return { checkpoint, trustedPublicKeyPem: publicKey };
    },
  };
}
