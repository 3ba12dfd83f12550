import { createHash } from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency 2.0) Merkle tree hashes over the audit entries' hashes:
 * leaf = SHA-256(0x00 || entry hash), node = SHA-256(0x01 || left || right), the tree for n leaves
 * split at the largest power of two below n. A signed root over n entries commits to all of them
 * and their order, so a truncated or rewritten history shows against any saved checkpoint.
 */
const EMPTY_ROOT = createHash('sha256').digest('hex');

export function leafHash(entryHashHex: string): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(Buffer.from(entryHashHex, 'hex'))
    .digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(left)
    .update(right)
    .digest();
}

/** Straight from the RFC's definition; the reference the incremental form is tested against. */
export function merkleRoot(entryHashes: readonly string[]): string {
  const hash = (from: number, to: number): Buffer => {
    const n = to - from;
    if (n === 1) return leafHash(entryHashes[from]);
    let k = 1;
    while (k * 2 < n) k *= 2;
    return nodeHash(hash(from, from + k), hash(from + k, to));
  };
  return entryHashes.length === 0 ? EMPTY_ROOT : hash(0, entryHashes.length).toString('hex');
}

export interface FrontierState {
  readonly size: number;
  /** Roots of the perfect subtrees that make up the tree, largest first, as hex. */
  readonly peaks: readonly { readonly size: number; readonly hash: string }[];
}

/**
 * The tree's right edge: one root per perfect subtree (the binary digits of its size). Appending
 * costs O(log n) and the root follows from the peaks, so checkpoints extend the previous one
 * instead of rehashing the whole history.
 */
export class MerkleFrontier {
  private peaks: { size: number; hash: Buffer }[];
  private count: number;

  constructor(state?: FrontierState) {
    this.count = state?.size ?? 0;
    this.peaks = (state?.peaks ?? []).map((p) => ({ size: p.size, hash: Buffer.from(p.hash, 'hex') }));
  }

  get size(): number {
    return this.count;
  }

  append(entryHashHex: string): void {
    this.peaks.push({ size: 1, hash: leafHash(entryHashHex) });
    this.count += 1;
    while (
      this.peaks.length >= 2 &&
      this.peaks[this.peaks.length - 1].size === this.peaks[this.peaks.length - 2].size
    ) {
      const right = this.peaks.pop()!;
      const left = this.peaks.pop()!;
      this.peaks.push({ size: left.size * 2, hash: nodeHash(left.hash, right.hash) });
    }
  }

  root(): string {
    if (this.peaks.length === 0) return EMPTY_ROOT;
    let acc = this.peaks[this.peaks.length - 1].hash;
    for (let i = this.peaks.length - 2; i >= 0; i--) acc = nodeHash(this.peaks[i].hash, acc);
    return acc.toString('hex');
  }

  state(): FrontierState {
    return {
      size: this.count,
      peaks: this.peaks.map((p) => ({ size: p.size, hash: p.hash.toString('hex') })),
    };
  }
}
