import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertSha256, type StorageBackend } from './storage-backend.js';

/** Content-addressed files under `<root>/sha256/<hex>`, written once, read-only afterwards. */
export class LocalStorageBackend implements StorageBackend {
  private readonly dir: string;

  constructor(root: string) {
    this.dir = join(root, 'sha256');
  }

  async put(sha256: string, localPath: string): Promise<void> {
    const target = this.path(sha256);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    if (await this.exists(sha256)) {
      await rm(localPath, { force: true });
      return;
    }
    try {
      await rename(localPath, target);
    } catch (error) {
      // Quarantine on another file system: copy, then remove the source.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(localPath, target);
      await unlink(localPath);
    }
  }

  async get(sha256: string): Promise<Readable> {
    const path = this.path(sha256);
    await stat(path);
    return createReadStream(path);
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.path(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.path(sha256), { force: true });
  }

  private path(sha256: string): string {
    assertSha256(sha256);
    return join(this.dir, sha256);
  }
}
