import { Role } from '../../src/common/actor.js';
import { organizationId } from '../../src/organizations/organization.mapper.js';
import { ok, type TestApp } from './test-app.js';
import {
  requirementInput,
  type BaselineOptions,
  type RequirementSeed,
  type TestBaseline,
  type TestRequirement,
  uniqueKey,
} from './test-data.js';

export { requirementInput, type RequirementSeed, type TestBaseline, type TestRequirement, uniqueKey };

/** Baseline factories: every baseline gets a key of its own, so tests never meet each other's rows. */

export async function agencyToken(t: TestApp, role: Role = Role.ADMIN): Promise<string> {
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `SELECT id FROM organization WHERE kind = 'AGENCY'`,
  );
  return t.token(organizationId(row.id), role, { sub: `agency-${role.toLowerCase()}` });
}

const CREATE = `mutation($input: CreateBaselineInput!) {
  createBaseline(input: $input) { id key version requirements(first: 100) { edges { node { id code } } } }
}`;

/**
 * A draft baseline made through the API by an agency ADMIN (two BASIC-to-HIGH requirements unless
 * given), published when `publish` is set: `newBaseline(t, { publish: true })` is what an
 * assessment or an attestation needs.
 */
export async function newBaseline(t: TestApp, options: BaselineOptions = {}): Promise<TestBaseline> {
  const token = await agencyToken(t);
  const requirements = options.requirements ?? [
    { code: 'IAM-01' },
    { code: 'LOG-01', category: 'Logging and monitoring' },
  ];
  const data = ok(
    await t.gql<{
      createBaseline: {
        id: string;
        key: string;
        version: string;
        requirements: { edges: { node: TestRequirement }[] };
      };
    }>(
      CREATE,
      {
        input: {
          key: options.key ?? uniqueKey(),
          version: options.version ?? '2026.1',
          title: 'Test baseline',
          fromBaselineId: options.fromBaselineId,
          requirements: requirements.map(requirementInput),
        },
      },
      token,
    ),
  );
  const created = data.createBaseline;
  if (options.publish) {
    ok(await t.gql(`mutation($id: ID!) { publishBaseline(id: $id) { id } }`, { id: created.id }, token));
  }
  return {
    id: created.id,
    key: created.key,
    version: created.version,
    requirements: created.requirements.edges.map((e) => e.node),
  };
}
