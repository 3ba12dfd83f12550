import type { ExtractionMethod } from './file-kinds.js';

export interface Segment {
  /** Where the text comes from, in words: "page 2 of the document", "the document metadata". */
  readonly where: string;
  readonly text: string;
}

export interface ExtractLimits {
  /** Total characters of text; beyond it the file is refused as uncheckable. */
  readonly maxChars: number;
  /** Inflated bytes of one container part. */
  readonly maxEntryBytes: number;
  readonly maxPdfPages: number;
}

export class ExtractionRefused extends Error {}

export function decodeText(bytes: Uint8Array): string;
export function xmlToText(xml: string): string;
export function extractText(
  path: string,
  method: ExtractionMethod,
  limits: ExtractLimits,
): Promise<Segment[]>;
