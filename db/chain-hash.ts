// The hash of the audit chains (the case chains and the security log): SHA-256, or SM3 (GB/T 32905, 商用密码) where
// the installation chooses it (SHANZHI_AUDIT_HASH). The choice applies to chains started from then on; each chain
// records its own algorithm (on the case row, on the security log's head) when its first event is written, so
// existing chains keep theirs and verification reads it from there.
import { createHash } from 'node:crypto';

export const HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return (HASH_ALGORITHMS as readonly unknown[]).includes(value);
}

/** The hex digest of `content` (UTF-8 for a string) with the named algorithm; both are built into Node's OpenSSL. */
export function digestHex(algorithm: HashAlgorithm, content: string | Buffer): string {
  return createHash(algorithm).update(content).digest('hex');
}

let forNewChains: HashAlgorithm = 'sha256';

/** The algorithm a chain gets when its first event is written in this process. */
export function hashForNewChains(): HashAlgorithm {
  return forNewChains;
}

/** Set once at start-up from the configuration (SHANZHI_AUDIT_HASH); tests set it to write chains of either kind. */
export function useHashForNewChains(algorithm: HashAlgorithm): void {
  if (!isHashAlgorithm(algorithm)) throw new Error(`unknown audit hash algorithm ${String(algorithm)}`);
  forNewChains = algorithm;
}
