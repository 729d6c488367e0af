// The Merkle root over every instance's chain head: one value that changes if any chain is altered, truncated
// or removed, and that proves one head's inclusion without revealing the others (pairs are sorted, so a proof
// is a plain list of hashes). SHA-256, or SM3 for a checkpoint signed with SM2.
import { createHash } from 'node:crypto';
import { MerkleTree } from 'merkletreejs';
import type { HashAlgorithm } from '../db/chain-hash';

export interface ChainHead {
  instanceId: string;
  seq: number;
  hash: string;
}

const hasher = (algorithm: HashAlgorithm) => (data: Buffer | string): Buffer => createHash(algorithm).update(data).digest();

export function leafOf(head: ChainHead, algorithm: HashAlgorithm = 'sha256'): Buffer {
  return hasher(algorithm)(`${head.instanceId}\n${head.seq}\n${head.hash}`);
}

function treeOf(heads: ChainHead[], algorithm: HashAlgorithm): MerkleTree {
  const sorted = [...heads].sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  return new MerkleTree(sorted.map((h) => leafOf(h, algorithm)), hasher(algorithm), { sortPairs: true });
}

export function merkleRoot(heads: ChainHead[], algorithm: HashAlgorithm = 'sha256'): string {
  return heads.length === 0 ? hasher(algorithm)('').toString('hex') : treeOf(heads, algorithm).getRoot().toString('hex');
}

/** Proof that one head is in the set whose root was signed. */
export function inclusionProof(heads: ChainHead[], head: ChainHead, algorithm: HashAlgorithm = 'sha256'): string[] {
  return treeOf(heads, algorithm).getHexProof(leafOf(head, algorithm));
}

export function verifyInclusion(proof: string[], head: ChainHead, root: string, algorithm: HashAlgorithm = 'sha256'): boolean {
  return new MerkleTree([], hasher(algorithm), { sortPairs: true }).verify(proof, leafOf(head, algorithm), Buffer.from(root, 'hex'));
}
