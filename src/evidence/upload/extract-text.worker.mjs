// Text extraction for the personal-data scan of uploads. Runs in a worker thread with memory and
// time limits (see text-extraction.ts), because parsers of untrusted PDFs and Office files can be
// made to loop or to allocate without bound. Plain JavaScript on purpose: the same file runs
// unchanged from the TypeScript sources (tests) and from dist/, which a .ts worker could not.
import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import yauzl from 'yauzl';

/** @typedef {{ where: string, text: string }} Segment */
/** @typedef {{ maxChars: number, maxEntryBytes: number, maxPdfPages: number }} ExtractLimits */

export class ExtractionRefused extends Error {}

/** Collects segments and refuses once their total exceeds the character budget. */
class Segments {
  /** @param {number} maxChars */
  constructor(maxChars) {
    this.maxChars = maxChars;
    this.total = 0;
    /** @type {Segment[]} */
    this.list = [];
  }

  /** @param {string} where @param {string} text */
  add(where, text) {
    if (!text || !/\S/.test(text)) return;
    this.total += text.length;
    if (this.total > this.maxChars) {
      throw new ExtractionRefused(`the file holds more than ${this.maxChars} characters of text to check`);
    }
    this.list.push({ where, text });
  }
}

/** Decodes text files: UTF-8 (with or without BOM), UTF-16 with BOM, otherwise Windows-1252. */
export function decodeText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw new ExtractionRefused('the file is binary, not text');
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) controls++;
  }
  if (controls > text.length / 100) throw new ExtractionRefused('the file is binary, not text');
  if (/^\s*<(!doctype\s+html|html|script|svg|\?xml|body|iframe)\b/i.test(text.slice(0, 1024))) {
    throw new ExtractionRefused('the file is markup (HTML, SVG or XML), not plain text');
  }
  return text;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The visible text of an OOXML/ODF part: paragraph ends become new lines, cells and tabs spaces. */
export function xmlToText(xml) {
  const kept = xml
    .replace(/<(?:[\w.-]+:)?docPr\b[^>]*?\b(?:descr|title)="([^"]*)"[^>]*>/g, ' $1 ')
    .replace(/<\/(?:w:p|a:p|text:p|text:h|si|row|table:table-row|dc:[\w-]+|cp:[\w-]+|meta:[\w-]+)>/g, '\n')
    .replace(/<(?:w:br|w:cr|text:line-break)\b[^>]*\/>/g, '\n')
    .replace(/<(?:w:tab|text:tab|text:s)\b[^>]*\/>/g, ' ')
    .replace(/<\/(?:c|table:table-cell|vt:[\w]+)>/g, ' ')
    .replace(/<[^>]*>/g, '');
  return kept.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, code) => {
    if (code[0] === '#') {
      const n =
        code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n <= 0x10ffff ? String.fromCodePoint(n) : ' ';
    }
    return ENTITIES[code] ?? whole;
  });
}

function openZip(path) {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

/** Reads one entry, refusing it beyond `maxBytes` inflated (yauzl also stops at the declared size). */
function readEntry(zip, entry, maxBytes) {
  if (entry.uncompressedSize > maxBytes) {
    return Promise.reject(new ExtractionRefused(`the part ${entry.fileName} is too large to check`));
  }
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks = [];
      let size = 0;
      stream.on('data', (chunk) => {
        size += chunk.length;
        if (size > maxBytes)
          stream.destroy(new ExtractionRefused(`the part ${entry.fileName} is too large to check`));
        else chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

const METADATA_PARTS = /^(docProps\/|meta\.xml$)/;

/** Every XML part of an Office or ODF container: body, headers, comments, shared strings, metadata. */
async function extractContainer(path, segments, limits) {
  const zip = await openZip(path);
  try {
    await new Promise((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry) => {
        const name = entry.fileName;
        if (!/\.xml$/i.test(name)) return zip.readEntry();
        readEntry(zip, entry, limits.maxEntryBytes).then((bytes) => {
          const where = METADATA_PARTS.test(name)
            ? `the document metadata (${name})`
            : `the document part ${name}`;
          segments.add(where, xmlToText(bytes.toString('utf8')));
          zip.readEntry();
        }, reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** Page text, with spaces or line breaks where the layout puts them apart. */
function pageText(items) {
  let out = '';
  let previous;
  for (const item of items) {
    if (typeof item.str !== 'string') continue;
    if (previous) {
      const [, , , , x, y] = item.transform;
      const [, , , , px, py] = previous.transform;
      const size = Math.abs(previous.transform[3]) || 10;
      if (previous.hasEOL || Math.abs(y - py) > size / 2) out += '\n';
      else if (x - (px + previous.width) > size * 0.15) out += ' ';
    }
    out += item.str;
    previous = item;
  }
  return out;
}

async function extractPdf(bytes, segments, limits) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document;
  try {
    document = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    if (error?.name === 'PasswordException')
      throw new ExtractionRefused('the PDF is encrypted and cannot be checked');
    throw new ExtractionRefused('the file is not a readable PDF');
  }
  try {
    if (document.numPages > limits.maxPdfPages) {
      throw new ExtractionRefused(`the PDF has more than ${limits.maxPdfPages} pages`);
    }
    const { info, metadata } = await document.getMetadata().catch(() => ({}));
    const infoText = Object.values(info ?? {})
      .filter((v) => typeof v === 'string')
      .join('\n');
    segments.add('the document metadata', infoText);
    const xmp = metadata?.getAll ? Object.values(metadata.getAll()).flat().join('\n') : '';
    segments.add('the document metadata (XMP)', xmp);
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      segments.add(`page ${n} of the document`, pageText(content.items));
      page.cleanup();
    }
  } finally {
    await document.destroy();
  }
}

/** Printable runs in an image's bytes: EXIF, XMP and PNG text chunks. The pixels are not read. */
function imageMetadataText(bytes) {
  const runs = bytes.toString('latin1').match(/[\x20-\x7e\xa0-\xff\t\r\n]{8,}/g) ?? [];
  return runs.join('\n');
}

/**
 * The text of a quarantined file for the scan, as segments naming where each comes from.
 * @param {string} path @param {'pdf'|'text'|'ooxml'|'odf'|'image'} method @param {ExtractLimits} limits
 * @returns {Promise<Segment[]>}
 */
export async function extractText(path, method, limits) {
  const segments = new Segments(limits.maxChars);
  switch (method) {
    case 'text':
      segments.add('the file', decodeText(await readFile(path)));
      break;
    case 'pdf':
      await extractPdf(await readFile(path), segments, limits);
      break;
    case 'ooxml':
    case 'odf':
      await extractContainer(path, segments, limits);
      break;
    case 'image':
      segments.add('the image metadata', imageMetadataText(await readFile(path)));
      break;
    default:
      throw new ExtractionRefused('this kind of file cannot be checked');
  }
  return segments.list;
}

if (!isMainThread && workerData?.role === 'evidence-text-extractor') {
  const { path, method, limits } = workerData;
  extractText(path, method, limits).then(
    (segments) => parentPort.postMessage({ ok: true, segments }),
    (error) =>
      parentPort.postMessage({
        ok: false,
        refused: error instanceof ExtractionRefused,
        reason: error instanceof ExtractionRefused ? error.message : 'the file could not be read',
      }),
  );
}
