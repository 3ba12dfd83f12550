import { Role } from '../src/common/actor.js';
import * as f from '../src/evidence/upload/fixtures.test-support.js';
import { newBaseline } from './support/baselines.js';
import {
  EVIDENCE_FIELDS,
  newEvidence,
  quarantined,
  sha256,
  stored,
  upload,
  type TestEvidence,
} from './support/evidence.js';
import { newProduct, newSupplier, type TestOrg, type TestProduct } from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const PNR12 = '19640823-3234'; // Skatteverket's documented example: synthetic
const PNR10 = '640823-3234';
const HARMLESS =
  'Leverantör AB, org.nr 556036-0793, tel 070-123 45 67 och +46701234567, faktura OCR 7350012345678901.';
const NODE = `query($id: ID!) { node(id: $id) { ... on Evidence { ${EVIDENCE_FIELDS} } } }`;

interface EvidenceView {
  status: string;
  rejectionReason: string | null;
  sha256: string | null;
  sizeBytes: number | null;
  mediaType: string | null;
  contentScanned: boolean | null;
}

describe('evidence uploads', () => {
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

  const record = (fileName: string) => newEvidence(t, supplier, product, requirementIds, { fileName });
  const view = async (evidence: TestEvidence) =>
    ok(await t.gql<{ node: EvidenceView }>(NODE, { id: evidence.id }, editor)).node;

  describe('accepts each allowed type, storing the bytes under their verified SHA-256', () => {
    const cases: [string, () => Buffer | Promise<Buffer>, string, boolean][] = [
      ['policy.pdf', () => f.pdf(['Informationssäkerhetspolicy', HARMLESS]), 'application/pdf', true],
      ['arkitektur.png', () => f.png('Arkitekturskiss'), 'image/png', false],
      ['foto.jpg', () => f.jpeg(), 'image/jpeg', false],
      [
        'rutin.txt',
        () => Buffer.from(`Rutin för loggning.\n${HARMLESS}\n`),
        'text/plain; charset=utf-8',
        true,
      ],
      [
        'leverantorer.csv',
        () => Buffer.from(`namn;orgnr;telefon\nExempel AB;556036-0793;070-123 45 67\n`),
        'text/csv; charset=utf-8',
        true,
      ],
      [
        'rutin.docx',
        () => f.docx(['Behörighetsrutin', HARMLESS]),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        true,
      ],
      [
        'matris.xlsx',
        () =>
          f.xlsx([
            ['Krav', 'Status'],
            ['IAM-01', HARMLESS],
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
    ];
    it.each(cases)('%s', async (fileName, build, mediaType, scanned) => {
      const bytes = await build();
      const evidence = await record(fileName);
      const response = await upload(t, evidence, bytes, editor);
      expect(response.status).toBe(200);
      expect(response.json()).toMatchObject({
        evidence: { id: evidence.id, status: 'AVAILABLE', sha256: sha256(bytes) },
      });
      expect(await view(evidence)).toMatchObject({
        status: 'AVAILABLE',
        sha256: sha256(bytes),
        sizeBytes: bytes.length,
        mediaType,
        contentScanned: scanned,
        rejectionReason: null,
      });
      expect(stored(t, sha256(bytes))).toBe(true);
      expect(quarantined(t, evidence)).toEqual([]);
    });
  });

  describe('refuses, leaving the evidence REJECTED with a reason and no bytes anywhere', () => {
    const cases: [string, string, () => Buffer | Promise<Buffer>, RegExp][] = [
      ['an executable renamed .pdf', 'setup.pdf', () => f.executable(), /EXE/],
      [
        'HTML named .pdf',
        'report.pdf',
        () => Buffer.from('<!doctype html><html><script>alert(1)</script></html>'),
        /not the PDF/,
      ],
      ['an empty file', 'empty.pdf', () => Buffer.alloc(0), /empty/],
      ['a zip bomb inside a DOCX', 'bomb.docx', () => f.docxBomb(30), /compression ratio/],
      [
        'a 12-digit number in plain text',
        'personal.txt',
        () => Buffer.from(`Kontaktperson\nAnna ${PNR12}\n`),
        /TWELVE_DIGIT_FORM.*line 2, column 6/,
      ],
      [
        'a separated number in CSV',
        'personal.csv',
        () => Buffer.from(`namn;nummer\nAnna;${PNR10}\n`),
        /SEPARATED_FORM.*line 2/,
      ],
      [
        'bare numbers under a pnr column in CSV',
        'lista.csv',
        () => Buffer.from(`namn;pnr\nAnna;6408233234\n`),
        /CONTEXT_WORD/,
      ],
      [
        'a number in a DOCX',
        'personal.docx',
        () => f.docx(['Behörigheter', `Administratör: ${PNR10}`]),
        /SEPARATED_FORM.*word\/document\.xml/,
      ],
      [
        'a number in DOCX metadata',
        'meta.docx',
        () => f.docx(['Policy'], { creator: `Anna ${PNR12}` }),
        /document metadata/,
      ],
      [
        'a number in a PDF',
        'personal.pdf',
        () => f.pdf(['Kontaktlista', `Anna Andersson ${PNR12}`]),
        /TWELVE_DIGIT_FORM.*page 1/,
      ],
    ];
    it.each(cases)('%s', async (_label, fileName, build, reason) => {
      const bytes = await build();
      const evidence = await record(fileName);
      const response = await upload(t, evidence, bytes, editor);
      expect(response.status).toBe(422);
      expect(response.json()).toMatchObject({
        error: { code: 'REJECTED' },
        evidence: { status: 'REJECTED' },
      });
      const after = await view(evidence);
      expect(after).toMatchObject({ status: 'REJECTED', sha256: null, sizeBytes: null });
      expect(after.rejectionReason).toMatch(reason);
      expect(after.rejectionReason).not.toMatch(/640823|3234/);
      expect(stored(t, sha256(bytes))).toBe(false);
      expect(quarantined(t, evidence)).toEqual([]);
    });
  });

  it('refuses a personal identity number in the file name when the evidence is recorded', async () => {
    const response = await t.gql(
      `mutation($input: CreateEvidenceInput!) { createEvidence(input: $input) { uploadUrl } }`,
      {
        input: {
          productId: product.id,
          title: 'Intyg',
          requirementIds,
          confidentiality: 'PUBLIC',
          fileName: `intyg ${PNR10}.pdf`,
        },
      },
      editor,
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.fields).toEqual(['input.fileName']);
    expect(response.errors?.[0].message).toMatch(/SEPARATED_FORM/);
    expect(JSON.stringify(response)).not.toMatch(/640823|3234/);
  });

  it('answers a second PUT to the same URL with 409 and keeps the first upload', async () => {
    const bytes = f.pdf(['Första versionen']);
    const evidence = await record('first.pdf');
    expect((await upload(t, evidence, bytes, editor)).status).toBe(200);
    const second = await upload(t, evidence, f.pdf(['Andra versionen']), editor);
    expect(second.status).toBe(409);
    expect(second.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await view(evidence)).toMatchObject({ status: 'AVAILABLE', sha256: sha256(bytes) });
    expect(quarantined(t, evidence)).toEqual([]);
  });

  it('refuses an expired URL with 410 and changes nothing', async () => {
    const evidence = await record('late.pdf');
    await t.dataSource.query(
      `UPDATE evidence SET upload_expires_at = now() - interval '1 minute' WHERE id = $1`,
      [Buffer.from(evidence.id, 'base64url').toString('utf8').split(':')[1]],
    );
    const response = await upload(t, evidence, f.pdf(['Sent']), editor);
    expect(response.status).toBe(410);
    expect(await view(evidence)).toMatchObject({ status: 'AWAITING_UPLOAD', sha256: null });
  });

  it("gives another organisation's token 404, and callers without upload rights 401/403, changing nothing", async () => {
    const evidence = await record('mine.pdf');
    const other = await newSupplier(t);
    const bytes = f.pdf(['Någon annans']);
    expect((await upload(t, evidence, bytes, await other.token(Role.EDITOR))).status).toBe(404);
    expect((await upload(t, evidence, bytes, await supplier.token(Role.VIEWER))).status).toBe(403);
    expect((await upload(t, evidence, bytes, '')).status).toBe(401);
    expect(
      (
        await upload(
          t,
          { ...evidence, uploadPath: '/evidence/uploads/not-a-real-token-at-all-000' },
          bytes,
          editor,
        )
      ).status,
    ).toBe(404);
    expect(await view(evidence)).toMatchObject({ status: 'AWAITING_UPLOAD', sha256: null });
    // The URL still works for its owner afterwards.
    expect((await upload(t, evidence, bytes, editor)).status).toBe(200);
  });
});

describe('evidence uploads above EVIDENCE_MAX_BYTES', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ EVIDENCE_MAX_BYTES: '4096' });
  });
  afterAll(() => t.close());

  it('answers 413, keeps nothing and leaves the evidence REJECTED', async () => {
    const supplier = await newSupplier(t);
    const product = await newProduct(t, supplier);
    const requirementIds = (await newBaseline(t, { publish: true })).requirements.map((r) => r.id);
    const evidence = await newEvidence(t, supplier, product, requirementIds, { fileName: 'big.txt' });
    const bytes = Buffer.alloc(5000, 'a');
    const response = await upload(t, evidence, bytes, await supplier.token(Role.EDITOR));
    expect(response.status).toBe(413);
    expect(stored(t, sha256(bytes))).toBe(false);
    expect(quarantined(t, evidence)).toEqual([]);
    const after = ok(
      await t.gql<{ node: EvidenceView }>(NODE, { id: evidence.id }, await supplier.token(Role.VIEWER)),
    ).node;
    expect(after).toMatchObject({ status: 'REJECTED', sha256: null });
    expect(after.rejectionReason).toMatch(/larger than the limit of 4096 bytes/);
  });
});
