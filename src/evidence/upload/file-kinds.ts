import { extname } from 'node:path';

/** The kinds of file the registry accepts as evidence. */
export type EvidenceKind = 'pdf' | 'png' | 'jpeg' | 'text' | 'csv' | 'docx' | 'xlsx' | 'odt';

/** How the text of a kind is reached for the personal-data scan. */
export type ExtractionMethod = 'pdf' | 'text' | 'ooxml' | 'odf' | 'image';

export interface KindSpec {
  readonly mediaType: string;
  /** Lower-case file name extensions that declare this kind. */
  readonly extensions: readonly string[];
  /** What `file-type` reports for the bytes; undefined for text, which has no magic bytes. */
  readonly detectedMime: string | undefined;
  readonly extraction: ExtractionMethod;
}

export const KINDS: Readonly<Record<EvidenceKind, KindSpec>> = {
  pdf: {
    mediaType: 'application/pdf',
    extensions: ['.pdf'],
    detectedMime: 'application/pdf',
    extraction: 'pdf',
  },
  png: { mediaType: 'image/png', extensions: ['.png'], detectedMime: 'image/png', extraction: 'image' },
  jpeg: {
    mediaType: 'image/jpeg',
    extensions: ['.jpg', '.jpeg'],
    detectedMime: 'image/jpeg',
    extraction: 'image',
  },
  text: {
    mediaType: 'text/plain; charset=utf-8',
    extensions: ['.txt', '.md', '.log'],
    detectedMime: undefined,
    extraction: 'text',
  },
  csv: {
    mediaType: 'text/csv; charset=utf-8',
    extensions: ['.csv'],
    detectedMime: undefined,
    extraction: 'text',
  },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
    detectedMime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extraction: 'ooxml',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
    detectedMime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extraction: 'ooxml',
  },
  odt: {
    mediaType: 'application/vnd.oasis.opendocument.text',
    extensions: ['.odt'],
    detectedMime: 'application/vnd.oasis.opendocument.text',
    extraction: 'odf',
  },
};

/** The allow-list in words, for error messages and the API description. */
export const ALLOWED_EXTENSIONS = Object.values(KINDS).flatMap((k) => k.extensions);

/** The kind a file name declares through its extension, or null when it is not allowed. */
export function kindForFileName(fileName: string): EvidenceKind | null {
  const extension = extname(fileName).toLowerCase();
  const entry = Object.entries(KINDS).find(([, spec]) => spec.extensions.includes(extension));
  return entry ? (entry[0] as EvidenceKind) : null;
}

/** Whether a file name is acceptable as given: a plain name (no path), allowed extension, sane length. */
export function fileNameProblem(fileName: string): string | null {
  if (fileName.length === 0 || fileName.length > 200) return 'must be 1 to 200 characters';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[/\\\u0000-\u001f\u007f]/.test(fileName))
    return 'must be a plain file name without path or control characters';
  if (/\p{Cf}/u.test(fileName))
    return 'must not contain invisible formatting characters (bidirectional overrides, zero-width characters)';
  if (fileName.trim() !== fileName || fileName.startsWith('.')) return 'must not start with a dot or a space';
  if (!kindForFileName(fileName)) return `must end with one of ${ALLOWED_EXTENSIONS.join(', ')}`;
  return null;
}
