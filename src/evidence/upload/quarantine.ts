import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A received upload waiting for its checks; never served to anyone. */
export interface QuarantinedFile {
  readonly path: string;
  readonly sha256: string;
  readonly sizeBytes: number;
}

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes`);
  }
}

/** Counts and hashes bytes as they pass, failing as soon as the limit is crossed. */
class HashingLimit extends Transform {
  readonly hash = createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new UploadTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

/**
 * The holding area for uploads under DATA_DIR/quarantine. Files there are unchecked: they move to
 * storage once accepted and are deleted otherwise; whatever a crash leaves behind is swept.
 */
export class Quarantine {
  constructor(private readonly dir: string) {}

  /**
   * Streams `source` into a new quarantine file, hashing on the way; nothing remains on failure.
   * The file is named `<evidenceId>.<random>.upload`, so an operator (and a test) can tell which
   * evidence a leftover belongs to.
   */
  async receive(evidenceId: string, source: Readable, maxBytes: number): Promise<QuarantinedFile> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, `${evidenceId}.${randomUUID()}.upload`);
    const limit = new HashingLimit(maxBytes);
    try {
      await pipeline(source, limit, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await this.discard(path);
      throw error;
    }
    return { path, sha256: limit.hash.digest('hex'), sizeBytes: limit.size };
  }

  async discard(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  /** Deletes quarantine files last touched before `olderThanMs` ago; returns how many. */
  async sweep(olderThanMs: number): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const name of names) {
      const path = join(this.dir, name);
      try {
        if ((await stat(path)).mtimeMs <= cutoff) {
          await rm(path, { force: true, recursive: true });
          removed++;
        }
      } catch {
        // Removed concurrently: nothing to do.
      }
    }
    return removed;
  }
}
