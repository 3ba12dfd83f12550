import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { assessPins, describeFinding } from '../pin-detector.js';
import { type EvidenceKind, KINDS, kindForFileName } from './file-kinds.js';
import type { QuarantinedFile } from './quarantine.js';
import { type ExtractionResult, TextExtractor } from './text-extraction.js';
import { DEFAULT_ZIP_LIMITS, inspectZip, type ZipLimits } from './zip-inspector.js';

export type Inspection =
  | {
      readonly accepted: true;
      readonly kind: EvidenceKind;
      readonly mediaType: string;
      /** False for images: their pixels are not read, only their metadata. */
      readonly contentScanned: boolean;
    }
  | { readonly accepted: false; readonly reason: string };

const refuse = (reason: string): Inspection => ({ accepted: false, reason });

/** Parts every genuine container of the kind has, checked on the central directory's names. */
const REQUIRED_PARTS: Partial<Record<EvidenceKind, readonly string[]>> = {
  docx: ['[Content_Types].xml', 'word/document.xml'],
  xlsx: ['[Content_Types].xml', 'xl/workbook.xml'],
  odt: ['mimetype', 'content.xml'],
};

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The end of central directory record's reach from the end: 22 bytes and a comment of up to 64 kB. */
const EOCD_REACH = 22 + 0xffff;

/**
 * Whether a ZIP archive is appended to the file (a JPEG+ZIP or PDF+ZIP polyglot): an end of central
 * directory record whose comment ends exactly at the end of the file, as unzip tools look for it.
 */
async function endsWithZipDirectory(path: string, size: number): Promise<boolean> {
  const length = Math.min(size, EOCD_REACH);
  const handle = await open(path, 'r');
  try {
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    for (let i = tail.length - 22; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === 0x06054b50 && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
        return true;
      }
    }
    return false;
  } finally {
    await handle.close();
  }
}

const isZip = (head: Buffer): boolean => head.length === 4 && head.readUInt32LE(0) === 0x04034b50;
/** UTF-16 text starts with a byte order mark that magic-byte detection mistakes for MPEG audio. */
const isUtf16Bom = (head: Buffer): boolean =>
  head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));

/**
 * Decides whether a quarantined upload may be kept: the declared name, the real type from the
 * bytes, container bounds, and the personal identity number scan of every text it holds.
 * Reasons name what was wrong and where, never the content.
 */
export class EvidenceInspector {
  constructor(
    private readonly extractor: TextExtractor = new TextExtractor(),
    private readonly zipLimits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {}

  async inspect(file: QuarantinedFile, fileName: string): Promise<Inspection> {
    const nameFinding = assessPins(fileName);
    if (nameFinding) return refuse(describeFinding(nameFinding, 'the file name'));
    const kind = kindForFileName(fileName);
    if (!kind) return refuse('The file name does not end with an allowed extension.');
    if (file.sizeBytes === 0) return refuse('The file is empty.');
    const spec = KINDS[kind];

    const head = await readHead(file.path);
    // Containers are bounded from their central directory before anything (file-type included) inflates.
    if (isZip(head)) {
      if (spec.extraction !== 'ooxml' && spec.extraction !== 'odf') {
        return refuse(`The file is a ZIP container, not the ${kind.toUpperCase()} its name declares.`);
      }
      const zip = await inspectZip(file.path, file.sizeBytes, this.zipLimits);
      if (!zip.ok) return refuse(`The file was refused because ${zip.reason}.`);
      const missing = (REQUIRED_PARTS[kind] ?? []).filter((part) => !zip.entryNames.includes(part));
      if (missing.length > 0) return refuse(`The file is not a genuine ${kind.toUpperCase()} document.`);
    }

    if (!isZip(head) && (await endsWithZipDirectory(file.path, file.sizeBytes))) {
      return refuse(`The file has a ZIP archive appended, which a ${kind.toUpperCase()} does not have.`);
    }

    const textWithBom = spec.extraction === 'text' && isUtf16Bom(head);
    const detected = textWithBom ? undefined : await fileTypeFromFile(file.path).catch(() => undefined);
    if (detected?.mime !== spec.detectedMime) {
      return refuse(
        detected
          ? `The content is ${detected.ext.toUpperCase()} (${detected.mime}), which does not match the file name or is not allowed.`
          : `The content is not the ${kind.toUpperCase()} its file name declares.`,
      );
    }

    const extraction = await this.extractor.extract(file.path, spec.extraction);
    const scan = this.scan(extraction);
    if (scan) return refuse(scan);
    return { accepted: true, kind, mediaType: spec.mediaType, contentScanned: spec.extraction !== 'image' };
  }

  private scan(extraction: ExtractionResult): string | null {
    if (!extraction.ok) return `The file could not be checked for personal data: ${extraction.reason}.`;
    for (const segment of extraction.segments) {
      const finding = assessPins(segment.text);
      if (finding) return describeFinding(finding, segment.where);
    }
    return null;
  }
}
