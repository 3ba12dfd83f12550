import { auditHash } from '../src/audit/audit-chain.js';
import { Role } from '../src/common/actor.js';
import { UnitOfWork } from '../src/common/database/unit-of-work.js';
import { agency, municipality, newSupplier, randomOrgNumber } from './support/factories.js';
import { createTestApp, errorCode, ok, scratchDatabase, type TestApp } from './support/test-app.js';

const LOG = `query($entityId: String, $first: Int, $after: String) {
  auditLog(entityId: $entityId, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id at actorSubject actorOrganization { id kind } action entityType entityId hash } }
  }
}`;
const VERIFY = `{ verifyAuditLog { valid entriesChecked firstInvalidEntryId } }`;
const REGISTER = `mutation($orgNumber: String!, $name: String!) {
  registerOrganization(kind: SUPPLIER, name: $name, orgNumber: $orgNumber) { id }
}`;

type LogResult = {
  auditLog: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        action: string;
        entityId: string;
        actorSubject: string;
        hash: string;
        actorOrganization: { id: string };
      };
    }[];
  };
};
type VerifyResult = {
  verifyAuditLog: { valid: boolean; entriesChecked: number; firstInvalidEntryId: string | null };
};

describe('audit trail', () => {
  let t: TestApp;
  let agencyId: string;
  let agencyUuid: string;
  let admin: string;
  let reader: string;

  beforeAll(async () => {
    t = await createTestApp();
    const a = await agency(t);
    agencyId = a.id;
    agencyUuid = a.uuid;
    admin = await a.token(Role.ADMIN, 'auditor-admin');
    reader = await a.token(Role.VIEWER);
  });
  afterAll(() => t.close());

  const headSeq = async () =>
    Number((await t.dataSource.query(`SELECT seq FROM audit_head WHERE id = 1`))[0].seq);

  it('records who did what to which entity, with a chained hash', async () => {
    const supplier = await newSupplier(t);
    const data = ok(await t.gql<LogResult>(LOG, { entityId: supplier.id }, reader));
    expect(data.auditLog.totalCount).toBe(1);
    const [entry] = data.auditLog.edges.map((e) => e.node);
    expect(entry).toMatchObject({
      action: 'organization.registered',
      entityId: supplier.id,
      actorSubject: 'user-admin',
      actorOrganization: { id: agencyId },
    });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists newest first and pages', async () => {
    await newSupplier(t);
    await newSupplier(t);
    const page = ok(await t.gql<LogResult>(LOG, { first: 2 }, reader)).auditLog.edges.map((e) => e.node);
    expect(page).toHaveLength(2);
    const [newer, older] = page;
    expect(Buffer.from(newer.id, 'base64url').toString() > '').toBe(true);
    const seq = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);
    expect(seq(newer.id)).toBe(seq(older.id) + 1);
  });

  it('verifies the whole chain', async () => {
    await newSupplier(t);
    // Other test files append while this one verifies: every entry up to the head as it was when
    // the verification began is checked, and none beyond the head after it.
    const before = await headSeq();
    const result = ok(await t.gql<VerifyResult>(VERIFY, {}, reader)).verifyAuditLog;
    const after = await headSeq();
    expect(result).toMatchObject({ valid: true, firstInvalidEntryId: null });
    expect(result.entriesChecked).toBeGreaterThanOrEqual(before);
    expect(result.entriesChecked).toBeLessThanOrEqual(after);
  });

  it('writes nothing for a failed mutation', async () => {
    // Counted by this file's own subject: other test files append to the same trail meanwhile.
    const mine = async () =>
      Number(
        (
          await t.dataSource.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM audit_entry WHERE actor_subject = 'auditor-admin'`,
          )
        )[0].n,
      );
    const orgNumber = randomOrgNumber();
    ok(await t.gql(REGISTER, { orgNumber, name: 'Once AB' }, admin));
    const before = await mine();
    expect(errorCode(await t.gql(REGISTER, { orgNumber, name: 'Twice AB' }, admin))).toBe('CONFLICT');
    expect(errorCode(await t.gql(REGISTER, { orgNumber: '556036-0794', name: 'Bad AB' }, admin))).toBe(
      'BAD_USER_INPUT',
    );
    expect(before).toBeGreaterThan(0);
    expect(await mine()).toBe(before);
  });

  it('cannot be updated, deleted or truncated by the application', async () => {
    // The service's role has no such privilege (test/database-roles.e2e-spec.ts) ...
    await expect(t.dataSource.query(`UPDATE audit_entry SET action = 'forged'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(t.dataSource.query(`DELETE FROM audit_entry`)).rejects.toThrow(/permission denied/);
    await expect(t.dataSource.query(`TRUNCATE audit_entry`)).rejects.toThrow(/permission denied/);
    // ... and the triggers refuse it even to the owner.
    await expect(t.ownerQuery(`UPDATE audit_entry SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.ownerQuery(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
    await expect(t.ownerQuery(`TRUNCATE audit_entry`)).rejects.toThrow(/append-only/);
  });

  it('detects a row changed directly in SQL and names it', async () => {
    // On a database of its own: while the row is forged, every other test file's verification
    // (they run side by side) would fail on the shared one.
    const scratch = await scratchDatabase();
    const own = await createTestApp({}, { databaseUrl: scratch.url });
    try {
      const a = await agency(own);
      const viewer = await a.token(Role.VIEWER);
      const supplier = await newSupplier(own);
      await newSupplier(own); // so the tampered entry is not the last one
      const [entry] = ok(await own.gql<LogResult>(LOG, { entityId: supplier.id }, viewer)).auditLog.edges.map(
        (e) => e.node,
      );
      const seq = Buffer.from(entry.id, 'base64url').toString().split(':')[1];
      // Tampering needs the owner role: the service's own role cannot touch the triggers or the rows.
      await own.ownerQuery(`ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete`);
      try {
        await own.ownerQuery(`UPDATE audit_entry SET actor_subject = 'someone-else' WHERE seq = $1`, [seq]);
        const result = ok(await own.gql<VerifyResult>(VERIFY, {}, viewer)).verifyAuditLog;
        expect(result.valid).toBe(false);
        expect(result.firstInvalidEntryId).toBe(entry.id);
        expect(result.entriesChecked).toBe(Number(seq) - 1);
      } finally {
        await own.ownerQuery(`UPDATE audit_entry SET actor_subject = $2 WHERE seq = $1`, [
          seq,
          entry.actorSubject,
        ]);
        await own.ownerQuery(`ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete`);
      }
      expect(ok(await own.gql<VerifyResult>(VERIFY, {}, viewer)).verifyAuditLog.valid).toBe(true);
    } finally {
      await own.close();
      await scratch.drop();
    }
  });

  it('chains entries in SQL exactly as the verifier hashes them, whatever the characters', async () => {
    const awkward = ['quote " and \\ backslash', 'line\nbreak\ttab\u0001\u001f', 'åäö € 😀 \u2028', "<>&'/"];
    const uow = t.app.get(UnitOfWork);
    for (const [subject, organizationId] of [
      [awkward[0], agencyUuid],
      [awkward[1], null],
    ] as const) {
      await uow.run(
        {
          subject,
          organizationId: organizationId as string,
          organizationKind: 'AGENCY',
          roles: [Role.ADMIN],
        } as never,
        async (tx) => {
          for (const text of awkward) tx.audit(`test.${text}`, 'Test', text);
        },
      );
      const rows = await t.ownerQuery<
        {
          seq: string;
          at: Date;
          actor_subject: string;
          actor_organization_id: string | null;
          action: string;
          entity_type: string;
          entity_id: string;
          prev_hash: string;
          hash: string;
        }[]
      >(`SELECT * FROM audit_entry WHERE actor_subject = $1 ORDER BY seq`, [subject]);
      expect(rows.map((r) => r.entity_id)).toEqual(awkward);
      for (const [i, row] of rows.entries()) {
        if (i > 0) expect(row.prev_hash).toBe(rows[i - 1].hash);
        expect(row.hash).toBe(
          auditHash(row.prev_hash, {
            seq: row.seq,
            at: row.at,
            actorSubject: row.actor_subject,
            actorOrganizationId: row.actor_organization_id,
            action: row.action,
            entityType: row.entity_type,
            entityId: row.entity_id,
          }),
        );
      }
    }
    expect(ok(await t.gql<VerifyResult>(VERIFY, {}, reader)).verifyAuditLog.valid).toBe(true);
  });

  it('finds an intact trail intact while other writes append to it', async () => {
    let stop = false;
    const writers = Promise.all(
      Array.from({ length: 3 }, async () => {
        while (!stop) await newSupplier(t);
      }),
    );
    try {
      for (let i = 0; i < 10; i++) {
        expect(ok(await t.gql<VerifyResult>(VERIFY, {}, reader)).verifyAuditLog.valid).toBe(true);
      }
    } finally {
      stop = true;
      await writers;
    }
  });

  it('is readable by the agency only', async () => {
    const supplier = await newSupplier(t);
    for (const token of [await supplier.token(Role.ADMIN), await (await municipality(t)).token(Role.ADMIN)]) {
      expect(errorCode(await t.gql(LOG, {}, token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(VERIFY, {}, token))).toBe('FORBIDDEN');
    }
    expect(errorCode(await t.gql(LOG, {}))).toBe('UNAUTHENTICATED');
  });
});
