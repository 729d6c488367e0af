// The Merkle root over every instance's chain head: one value that changes if any chain is altered, truncated
// or removed, and that proves one head's inclusion without revealing the others (pairs are sorted, so a proof
// is a plain list of hashes).
import { createHash } from 'node:crypto';
import { MerkleTree } from 'merkletreejs';

export interface ChainHead {
  instanceId: string;
  seq: number;
  hash: string;
}

const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest();

export function leafOf(head: ChainHead): Buffer {
  return sha256(`${head.instanceId}\n${head.seq}\n${head.hash}`);
}

function treeOf(heads: ChainHead[]): MerkleTree {
  return new MerkleTree([...heads].sort((a, b) => a.instanceId.localeCompare(b.instanceId)).map(leafOf), sha256, { sortPairs: true });
}

export function merkleRoot(heads: ChainHead[]): string {
  return heads.length === 0 ? sha256('').toString('hex') : treeOf(heads).getRoot().toString('hex');
}

/** Proof that one head is in the set whose root was signed. */
export function inclusionProof(heads: ChainHead[], head: ChainHead): string[] {
  return treeOf(heads).getHexProof(leafOf(head));
}

export function verifyInclusion(proof: string[], head: ChainHead, root: string): boolean {
  return new MerkleTree([], sha256, { sortPairs: true }).verify(proof, leafOf(head), Buffer.from(root, 'hex'));
}
