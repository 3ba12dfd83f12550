import { Role } from '../src/common/actor.js';
import { newBaseline } from './support/baselines.js';
import { CREATE_EVIDENCE } from './support/evidence.js';
import { newProduct, newSupplier, type TestOrg, type TestProduct } from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

/*
 * Issue 15, hole 8: invisible Unicode format characters (category Cf) are refused in evidence
 * titles and file names, naming the field, and cannot hide an identity number from the detector.
 */

const INVISIBLE: [string, string][] = [
  ['a right-to-left override', '\u202E'],
  ['a zero-width space', '\u200B'],
  ['a zero-width joiner', '\u200D'],
  ['a first-strong isolate', '\u2068'],
  ['a byte order mark', '\uFEFF'],
  ['a soft hyphen', '\u00AD'],
];

describe('Evidence titles and file names refuse format characters', () => {
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

  const create = (overrides: Record<string, string>) =>
    t.gql(
      CREATE_EVIDENCE,
      {
        input: {
          productId: product.id,
          title: 'Penetration test summary',
          requirementIds,
          confidentiality: 'PUBLIC',
          fileName: 'report.pdf',
          ...overrides,
        },
      },
      editor,
    );

  it.each(INVISIBLE)('a file name with %s is BAD_USER_INPUT naming input.fileName', async (_label, c) => {
    const response = await create({ fileName: `invoice${c}fdp.exe.pdf` });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].extensions?.fields).toEqual(['input.fileName']);
    expect(response.errors![0].message).toMatch(/invisible formatting characters/);
  });

  it.each(INVISIBLE)('a title with %s is BAD_USER_INPUT naming input.title', async (_label, c) => {
    const response = await create({ title: `Penetration${c} test` });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].extensions?.fields).toEqual(['input.title']);
  });

  it('a zero-width space inside an identity number in the description is still found', async () => {
    const response = await create({ description: 'Kontakt: 640823\u200B-3234' });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].extensions?.fields).toEqual(['input.description']);
    expect(response.errors![0].message).toMatch(/SEPARATED_FORM/);
  });

  it('"Pnr: 640823 3234" in the description is refused', async () => {
    const response = await create({ description: 'Pnr: 640823 3234' });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(/CONTEXT_WORD/);
  });

  it('ordinary accented names and titles are accepted', async () => {
    ok(await create({ title: 'Säkerhetsgranskning – översikt', fileName: 'Översikt åäö.pdf' }));
  });
});
