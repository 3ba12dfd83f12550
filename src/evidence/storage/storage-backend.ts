import type { Readable } from 'node:stream';

/**
 * Where accepted evidence bytes live, addressed by their SHA-256. The local file system is the
 * default; an S3-compatible store can take its place by implementing these four methods.
 */
export interface StorageBackend {
  /**
   * Takes over the finished, checked file at `localPath` (it is gone afterwards) and stores it under
   * its hash. Storing bytes that are already there is not an error.
   */
  put(sha256: string, localPath: string): Promise<void>;
  /** The stored bytes; throws when nothing is stored under the hash. */
  get(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}

/** Injection token of the StorageBackend in use. */
export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Refuses anything but a lower-case hex SHA-256, so a key can never name a path outside the store. */
export function assertSha256(sha256: string): void {
  if (!HEX_SHA256.test(sha256)) throw new Error('storage key must be a lower-case hex SHA-256');
}
