import { createHash } from 'node:crypto';
import { MerkleFrontier, merkleRoot } from './merkle.js';

const h = (i: number) => createHash('sha256').update(String(i)).digest('hex');

describe('RFC 9162 Merkle tree', () => {
  it('has the RFC value for the empty tree', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('builds the incremental root identical to the definition for every size up to 70', () => {
    const hashes = Array.from({ length: 70 }, (_, i) => h(i));
    const frontier = new MerkleFrontier();
    for (let n = 1; n <= hashes.length; n++) {
      frontier.append(hashes[n - 1]);
      expect(frontier.root()).toBe(merkleRoot(hashes.slice(0, n)));
    }
  });

  it('resumes from a saved state', () => {
    const hashes = Array.from({ length: 23 }, (_, i) => h(i));
    const first = new MerkleFrontier();
    hashes.slice(0, 11).forEach((x) => first.append(x));
    const resumed = new MerkleFrontier(JSON.parse(JSON.stringify(first.state())));
    hashes.slice(11).forEach((x) => resumed.append(x));
    expect(resumed.root()).toBe(merkleRoot(hashes));
    expect(resumed.size).toBe(23);
  });

  it('changes when any leaf or the order changes', () => {
    const hashes = Array.from({ length: 8 }, (_, i) => h(i));
    const swapped = [...hashes];
    [swapped[2], swapped[3]] = [swapped[3], swapped[2]];
    expect(merkleRoot(swapped)).not.toBe(merkleRoot(hashes));
    expect(merkleRoot(hashes.slice(0, 7))).not.toBe(merkleRoot(hashes));
  });
});
