import { Role } from '../../src/common/actor.js';
import * as f from '../../src/evidence/upload/fixtures.test-support.js';
import { recordFinding, requestAssessment, startAssessment } from './assessments.js';
import { newBaseline } from './baselines.js';
import { newEvidence, upload } from './evidence.js';
import {
  newAssessor,
  newProduct,
  newSupplier,
  subscribe,
  type TestOrg,
  type TestProduct,
} from './factories.js';
import { reportIncident, someMunicipalities } from './incidents.js';
import type { TestApp } from './test-app.js';

export interface PageResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: string;
  readonly statements: number;
}

/** A GET (or form POST) against the portal through Fastify's inject. */
export async function fetchPage(
  t: TestApp,
  url: string,
  options: { headers?: Record<string, string>; method?: 'GET' | 'POST'; form?: Record<string, string> } = {},
): Promise<PageResult> {
  const response = await t.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method: options.method ?? 'GET',
      url,
      headers: {
        ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...options.headers,
      },
      payload: options.form ? new URLSearchParams(options.form).toString() : undefined,
    });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: response.body,
    statements: Number(response.headers['x-sql-statements'] ?? NaN),
  };
}

export interface PublicWorld {
  readonly supplier: TestOrg;
  readonly supplierOrgNumber: string;
  readonly product: TestProduct;
  readonly subprocessor: TestProduct;
  readonly customer: TestOrg;
  readonly publicEvidenceTitle: string;
  /** Strings that must never appear on a public page, in JSON or CSV. */
  readonly canaries: readonly string[];
}

/**
 * A supplier with a product relying on a sub-processor, a subscribing municipality, public
 * evidence, and canary strings planted in everything that is never public: agency-only and
 * subscribers-only evidence, a finding, a remediation, an incident.
 */
export async function publicWorld(t: TestApp, tag: string): Promise<PublicWorld> {
  const marker = (what: string) => `CANARY-${tag}-${what}`;
  const supplier = await newSupplier(t, `Leverantör ${tag} AB`);
  const assessor = await newAssessor(t);
  const [customer] = await someMunicipalities(t, 1);
  const subprocessor = await newProduct(t, supplier, { name: `Drift ${tag}` });
  const product = await newProduct(t, supplier, {
    name: `Skolplattform ${tag}`,
    subprocessorIds: [subprocessor.id],
  });
  await subscribe(t, customer, product.id);
  const baseline = await newBaseline(t, { publish: true });
  const [first] = baseline.requirements;
  const editor = await supplier.token(Role.EDITOR);
  const publicEvidenceTitle = `Offentlig rapport ${tag}`;
  const open = await newEvidence(t, supplier, product, [first.id], { title: publicEvidenceTitle });
  await upload(t, open, f.pdf(['Offentlig']), editor);
  for (const level of ['AGENCY_ONLY', 'SUBSCRIBERS']) {
    const hidden = await newEvidence(t, supplier, product, [first.id], {
      title: marker(`${level}-title`),
      description: marker(`${level}-description`),
      confidentiality: level,
    });
    await upload(t, hidden, f.pdf(['Hemlig']), editor);
  }
  const assessmentId = await requestAssessment(t, supplier, product.id, baseline.id);
  await startAssessment(t, assessor, assessmentId);
  await recordFinding(t, assessor, assessmentId, first.id, {
    result: 'PARTIALLY_SATISFIED',
    note: marker('finding-note'),
    remediation: {
      description: marker('remediation'),
      dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    },
  });
  await reportIncident(t, supplier, [product], {
    title: marker('incident-title'),
    description: marker('incident-description'),
  });
  const canaries = [
    marker('AGENCY_ONLY-title'),
    marker('AGENCY_ONLY-description'),
    marker('SUBSCRIBERS-title'),
    marker('SUBSCRIBERS-description'),
    marker('finding-note'),
    marker('remediation'),
    marker('incident-title'),
    marker('incident-description'),
    customer.name,
  ];
  const [{ org_number: supplierOrgNumber }] = await t.dataSource.query<{ org_number: string }[]>(
    'SELECT org_number FROM organization WHERE id = $1',
    [supplier.uuid],
  );
  return { supplier, supplierOrgNumber, product, subprocessor, customer, publicEvidenceTitle, canaries };
}

/** The value of the first `name` cookie set by a response. */
export function setCookie(page: PageResult, name: string): string | undefined {
  const all = ([] as string[]).concat((page.headers['set-cookie'] as string | string[] | undefined) ?? []);
  const found = all.find((c) => c.startsWith(`${name}=`));
  return found?.split(';')[0].slice(name.length + 1);
}

/** The CSRF token of the first form of a page. */
export function csrfOf(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1];
}

export interface Browsing {
  /** The Cookie header of the signed-in visitor. */
  readonly cookie: string;
  get(url: string): Promise<PageResult>;
  /** Posts a form with the session's CSRF token (read from /my) unless `_csrf` is given. */
  post(url: string, form: Record<string, string>): Promise<PageResult>;
}

/** Signs in through the development sign-in page, as a person of `org` with `roles`. */
export async function signIn(
  t: TestApp,
  org: { uuid: string },
  roles: Role[] = [Role.VIEWER],
): Promise<Browsing> {
  const page = await fetchPage(t, '/sign-in');
  const formToken = setCookie(page, 'registry_sign_in_csrf')!;
  const body = new URLSearchParams({ _csrf: csrfOf(page.body), organization: org.uuid });
  for (const role of roles) body.append('roles', role);
  const response = await t.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method: 'POST',
      url: '/sign-in/dev',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `registry_sign_in_csrf=${formToken}`,
      },
      payload: body.toString(),
    });
  const session = ([] as string[])
    .concat(response.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('registry_session='));
  if (response.statusCode !== 303 || !session) throw new Error(`sign-in failed: ${response.statusCode}`);
  const cookie = session.split(';')[0];
  const get = (url: string) => fetchPage(t, url, { headers: { cookie } });
  return {
    cookie,
    get,
    async post(url, form) {
      const _csrf = form._csrf ?? csrfOf((await get('/my')).body);
      return fetchPage(t, url, { method: 'POST', headers: { cookie }, form: { _csrf, ...form } });
    },
  };
}
