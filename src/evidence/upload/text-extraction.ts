import { Worker } from 'node:worker_threads';
import type { ExtractLimits, Segment } from './extract-text.worker.mjs';
import type { ExtractionMethod } from './file-kinds.js';

export interface ExtractionOptions extends ExtractLimits {
  /** Wall-clock budget of one extraction. */
  readonly timeoutMs: number;
  /** Heap of the worker (V8 old generation). */
  readonly maxHeapMb: number;
  /** Extractions running at once; the rest wait. */
  readonly concurrency: number;
}

export const DEFAULT_EXTRACTION_OPTIONS: ExtractionOptions = {
  maxChars: 20_000_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxPdfPages: 2000,
  timeoutMs: 30_000,
  maxHeapMb: 512,
  concurrency: 2,
};

export type ExtractionResult =
  | { readonly ok: true; readonly segments: readonly Segment[] }
  | { readonly ok: false; readonly reason: string };

// Resolved from this file's place, which is the same depth below the project root in src/ and dist/.
const WORKER_FILE = new URL('../../../src/evidence/upload/extract-text.worker.mjs', import.meta.url);

/**
 * Runs the text extraction of one file in a fresh worker thread (a parser stuck on one file cannot
 * affect the next), with a heap limit and a deadline; a limited number run at once.
 */
export class TextExtractor {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: ExtractionOptions = DEFAULT_EXTRACTION_OPTIONS) {}

  async extract(path: string, method: ExtractionMethod): Promise<ExtractionResult> {
    await this.acquire();
    try {
      return await this.runWorker(path, method);
    } finally {
      this.release();
    }
  }

  private runWorker(path: string, method: ExtractionMethod): Promise<ExtractionResult> {
    const { timeoutMs, maxHeapMb, concurrency: _c, ...limits } = this.options;
    return new Promise((resolve) => {
      let settled = false;
      const worker = new Worker(WORKER_FILE, {
        // None of the parent's flags (a debugger, a module loader): the worker is plain JavaScript
        // and starts once per file, so what it inherits it pays for every time.
        execArgv: [],
        workerData: { role: 'evidence-text-extractor', path, method, limits },
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
        stdout: true,
        stderr: true,
      });
      // Parser warnings are noise here; drain them so they cannot pile up.
      worker.stdout.resume();
      worker.stderr.resume();
      const finish = (result: ExtractionResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(result);
      };
      const timer = setTimeout(
        () => finish({ ok: false, reason: `checking the file took longer than ${timeoutMs / 1000} s` }),
        timeoutMs,
      );
      worker.on('message', (message: { ok: boolean; segments?: Segment[]; reason?: string }) =>
        finish(
          message.ok
            ? { ok: true, segments: message.segments ?? [] }
            : { ok: false, reason: message.reason ?? 'the file could not be read' },
        ),
      );
      worker.on('error', (error: Error & { code?: string }) =>
        finish({
          ok: false,
          reason:
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? 'checking the file needed more memory than allowed'
              : 'the file could not be read',
        }),
      );
      worker.on('exit', () => finish({ ok: false, reason: 'the file could not be read' }));
    });
  }

  private async acquire(): Promise<void> {
    if (this.running < this.options.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
