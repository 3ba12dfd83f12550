import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { EvidenceInspector, type Inspection } from './evidence-inspector.js';
import * as f from './fixtures.test-support.js';
import { Quarantine, UploadTooLargeError } from './quarantine.js';
import { TextExtractor, DEFAULT_EXTRACTION_OPTIONS } from './text-extraction.js';

const EVIDENCE_ID = '00000000-0000-4000-8000-000000000001';
const PNR12 = '19640823-3234'; // Skatteverket's documented example
const PNR10 = '640823-3234';
const BARE = '6408233234';
const HARMLESS =
  'Leverantör AB, org.nr 556036-0793, tel 070-123 45 67, faktura 2026-10042, giltig 2026-01-15.';

describe('upload inspection', () => {
  let dir: string;
  let quarantine: Quarantine;
  const inspector = new EvidenceInspector();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'evidence-inspector-'));
    quarantine = new Quarantine(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function check(bytes: Buffer | Promise<Buffer>, fileName: string): Promise<Inspection> {
    const file = await quarantine.receive(EVIDENCE_ID, Readable.from([await bytes]), 1024 * 1024 * 1024);
    try {
      return await inspector.inspect(file, fileName);
    } finally {
      await quarantine.discard(file.path);
    }
  }

  describe('accepts each allowed type with harmless content', () => {
    const cases: [string, () => Buffer | Promise<Buffer>, string, boolean][] = [
      ['policy.pdf', () => f.pdf(['Informationssäkerhetspolicy', HARMLESS]), 'application/pdf', true],
      ['diagram.png', () => f.png('Arkitektur'), 'image/png', false],
      ['foto.JPG', () => f.jpeg(), 'image/jpeg', false],
      [
        'notes.txt',
        () => Buffer.from(`Backup körs nattligen.\n${HARMLESS}\n`),
        'text/plain; charset=utf-8',
        true,
      ],
      [
        'list.csv',
        () => Buffer.from(`leverantör,orgnr\nExempel AB,556036-0793\n`, 'latin1'),
        'text/csv; charset=utf-8',
        true,
      ],
      [
        'rutin.docx',
        () => f.docx(['Rutin för behörigheter', HARMLESS]),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        true,
      ],
      [
        'matris.xlsx',
        () =>
          f.xlsx([
            ['Krav', 'Status'],
            ['IAM-03', HARMLESS],
          ]),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        true,
      ],
      [
        'plan.odt',
        () => f.odt(['Kontinuitetsplan', HARMLESS]),
        'application/vnd.oasis.opendocument.text',
        true,
      ],
      ['ensam.txt', () => Buffer.from(`Ärende ${BARE} är stängt.`), 'text/plain; charset=utf-8', true],
    ];
    it.each(cases)('%s', async (name, build, mediaType, scanned) => {
      expect(await check(build(), name)).toEqual({
        accepted: true,
        kind: expect.any(String),
        mediaType,
        contentScanned: scanned,
      });
    });
  });

  describe('refuses', () => {
    const cases: [string, () => Buffer | Promise<Buffer>, string, RegExp][] = [
      ['an executable renamed .pdf', () => f.executable(), 'report.pdf', /EXE/],
      [
        'HTML named .pdf',
        () => Buffer.from('<!doctype html><script>alert(1)</script>'),
        'report.pdf',
        /not the PDF/,
      ],
      ['HTML named .txt', () => Buffer.from('<html><body>hi</body></html>'), 'notes.txt', /markup/],
      ['an empty file', () => Buffer.alloc(0), 'empty.pdf', /empty/],
      ['a PDF named .docx', () => f.pdf(['x']), 'x.docx', /PDF/],
      ['a DOCX named .pdf', () => f.docx(['x']), 'x.pdf', /ZIP container/],
      [
        'a plain ZIP named .docx',
        () => f.zip([{ name: 'a.txt', content: 'x' }]),
        'x.docx',
        /not a genuine DOCX/,
      ],
      ['binary named .txt', () => Buffer.from([1, 2, 0, 3, 4]), 'x.txt', /binary/],
      ['a zip bomb inside a DOCX', () => f.docxBomb(20), 'bomb.docx', /compression ratio/],
      ['a disallowed extension', () => Buffer.from('x'), 'script.js', /allowed extension/],
      [
        'a 12-digit number in text',
        () => Buffer.from(`Namn: Test\nKontakt ${PNR12}`),
        'a.txt',
        /TWELVE_DIGIT_FORM.* in the file at line 2, column 9/,
      ],
      [
        'a separated number in CSV',
        () => Buffer.from(`namn;nr\nTest;${PNR10}\n`),
        'a.csv',
        /SEPARATED_FORM.* in the file at line 2/,
      ],
      [
        'two bare numbers in CSV',
        () => Buffer.from(`a;${BARE}\nb;8112189876\n`),
        'a.csv',
        /SEVERAL_BARE_NUMBERS|SEPARATED/,
      ],
      [
        'a number with a context word in UTF-16 text',
        () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Personnummer ${BARE}`, 'utf16le')]),
        'a.txt',
        /CONTEXT_WORD/,
      ],
      [
        'a number in a DOCX body',
        () => f.docx(['Anställd', `Kontakt: ${PNR10}`]),
        'a.docx',
        /SEPARATED_FORM.* in the document part word\/document.xml at line 2/,
      ],
      [
        'a number in DOCX metadata',
        () => f.docx(['Policy'], { creator: `Anna ${PNR12}` }),
        'a.docx',
        /in the document metadata \(docProps\/core.xml\)/,
      ],
      [
        'a number in an XLSX cell',
        () =>
          f.xlsx([
            ['namn', 'pnr'],
            ['Anna', BARE],
          ]),
        'a.xlsx',
        /CONTEXT_WORD/,
      ],
      ['a number in an ODT', () => f.odt([`Född ${PNR12}`]), 'a.odt', /TWELVE_DIGIT_FORM/],
      [
        'a number in PDF text',
        () => f.pdf(['Personal', `Kontakt ${PNR10} (chef)`]),
        'a.pdf',
        /SEPARATED_FORM.* in page 1 of the document at line 2/,
      ],
      [
        'a number in PDF metadata',
        () => f.pdf(['Policy'], { author: `Anna ${PNR12}` }),
        'a.pdf',
        /in the document metadata/,
      ],
      ['a number in PNG metadata', () => f.png(`Fotograf ${PNR12}`), 'a.png', /image metadata/],
      [
        'a number in the file name',
        () => Buffer.from('ok'),
        `intyg ${PNR10}.txt`,
        /SEPARATED_FORM.* in the file name/,
      ],
    ];
    it.each(cases)('%s', async (_label, build, name, reason) => {
      const result = await check(build(), name);
      expect(result.accepted).toBe(false);
      if (result.accepted) return;
      expect(result.reason).toMatch(reason);
      expect(result.reason).not.toMatch(/640823|3234/);
    });
  });

  it('refuses a container whose declared inflated total exceeds the limit', async () => {
    const strict = new EvidenceInspector(new TextExtractor(), {
      maxEntries: 100,
      maxTotalUncompressedBytes: 1000,
      maxRatio: 1000,
    });
    const file = await quarantine.receive(
      EVIDENCE_ID,
      Readable.from([await f.docx(['x'.repeat(2000)])]),
      1e9,
    );
    const result = await strict.inspect(file, 'a.docx');
    await quarantine.discard(file.path);
    expect(result).toEqual({
      accepted: false,
      reason: expect.stringMatching(/inflate to more than 1000 bytes/),
    });
  });

  it('refuses a container with too many entries', async () => {
    const strict = new EvidenceInspector(new TextExtractor(), {
      ...{ maxEntries: 3 },
      maxTotalUncompressedBytes: 1e9,
      maxRatio: 1000,
    });
    const file = await quarantine.receive(EVIDENCE_ID, Readable.from([await f.docx(['x'])]), 1e9);
    const result = await strict.inspect(file, 'a.docx');
    await quarantine.discard(file.path);
    expect(result).toEqual({ accepted: false, reason: expect.stringMatching(/more than 3 entries/) });
  });

  it('refuses a ZIP appended to an image or a PDF (polyglots), but not a ZIP signature inside one', async () => {
    const appended = await f.zip([{ name: 'run.sh', content: '#!/bin/sh\n' }]);
    for (const [bytes, name] of [
      [Buffer.concat([f.jpeg(), appended]), 'photo.jpg'],
      [Buffer.concat([f.pdf(['Policy']), appended]), 'policy.pdf'],
    ] as const) {
      expect(await check(bytes, name)).toEqual({
        accepted: false,
        reason: expect.stringMatching(/ZIP archive appended/),
      });
    }
    expect(await check(f.png('PK\x05\x06 in a comment'), 'diagram.png')).toMatchObject({ accepted: true });
  });

  it('refuses a nested archive inside an Office container', async () => {
    const inner = await f.zip([{ name: 'a.txt', content: 'x' }]);
    const result = await check(
      f.docx(['Policy'], { extra: [{ name: 'word/embeddings/inner.zip', content: inner, store: true }] }),
      'policy.docx',
    );
    expect(result).toEqual({ accepted: false, reason: expect.stringMatching(/nested archive/) });
  });
  it('gives up on a file that takes longer than the deadline', async () => {
    const slow = new EvidenceInspector(new TextExtractor({ ...DEFAULT_EXTRACTION_OPTIONS, timeoutMs: 1 }));
    const file = await quarantine.receive(EVIDENCE_ID, Readable.from([f.pdf(['x'])]), 1e9);
    const result = await slow.inspect(file, 'a.pdf');
    await quarantine.discard(file.path);
    expect(result).toEqual({ accepted: false, reason: expect.stringMatching(/longer than/) });
  });
});

describe('quarantine', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarantine-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes while streaming', async () => {
    const bytes = Buffer.from('evidence bytes');
    const file = await new Quarantine(dir).receive(
      EVIDENCE_ID,
      Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]),
      100,
    );
    expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(file.sizeBytes).toBe(bytes.length);
    expect(file.path.startsWith(join(dir, `${EVIDENCE_ID}.`))).toBe(true);
  });

  it('stops at the size limit and keeps nothing', async () => {
    const source = Readable.from([Buffer.alloc(60), Buffer.alloc(60)]);
    await expect(new Quarantine(dir).receive(EVIDENCE_ID, source, 100)).rejects.toBeInstanceOf(
      UploadTooLargeError,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('sweeps stale files only', async () => {
    writeFileSync(join(dir, 'old.upload'), 'x');
    writeFileSync(join(dir, 'new.upload'), 'x');
    const past = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(dir, 'old.upload'), past, past);
    expect(await new Quarantine(dir).sweep(3600_000)).toBe(1);
    expect(readdirSync(dir)).toEqual(['new.upload']);
  });
});
