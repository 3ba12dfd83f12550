import yauzl from 'yauzl';

/** Bounds on Office/ODF containers, checked from the central directory before anything is inflated. */
export interface ZipLimits {
  readonly maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  readonly maxTotalUncompressedBytes: number;
  /** Declared uncompressed total over the container's size. */
  readonly maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxTotalUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
};

/** Archive file names; OOXML embeddings are Office parts (.xlsx, .bin, ...), never these. */
const NESTED_ARCHIVE = /\.(zip|jar|war|7z|rar|gz|tgz|bz2|xz|zst|tar|cab|arj|lzh|iso)$/i;

export type ZipInspection =
  | { readonly ok: true; readonly entryNames: readonly string[]; readonly totalUncompressedBytes: number }
  | { readonly ok: false; readonly reason: string };

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

/**
 * Reads only the central directory (entry names and declared sizes). The extraction worker later
 * inflates with yauzl's size validation, so an entry that lies about its size fails there.
 */
export async function inspectZip(
  path: string,
  fileSize: number,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ZipInspection> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch {
    return { ok: false, reason: 'the file is not a readable ZIP container' };
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      return { ok: false, reason: `the container has more than ${limits.maxEntries} entries` };
    }
    const names: string[] = [];
    let total = 0;
    const problem = await new Promise<string | null>((resolve) => {
      zip.on('error', () => resolve('the ZIP container is damaged'));
      zip.on('end', () => resolve(null));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.isEncrypted())
          return resolve('the container holds encrypted entries, which cannot be checked');
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
          return resolve('the container uses an unsupported compression method');
        }
        // Archives inside a document are never inflated here, so their bombs would reach readers.
        if (NESTED_ARCHIVE.test(entry.fileName)) {
          return resolve('the container holds a nested archive, which cannot be checked');
        }
        total += entry.uncompressedSize;
        if (total > limits.maxTotalUncompressedBytes) {
          return resolve(
            `the container would inflate to more than ${limits.maxTotalUncompressedBytes} bytes`,
          );
        }
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.readEntry();
    });
    if (problem) return { ok: false, reason: problem };
    if (total / Math.max(fileSize, 1) > limits.maxRatio) {
      return { ok: false, reason: `the container's compression ratio exceeds ${limits.maxRatio}:1` };
    }
    return { ok: true, entryNames: names, totalUncompressedBytes: total };
  } finally {
    zip.close();
  }
}
