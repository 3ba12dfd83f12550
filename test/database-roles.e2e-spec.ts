import { randomBytes } from 'node:crypto';
import { Role } from '../src/common/actor.js';
import { newProduct, newSupplier, agency } from './support/factories.js';
import { createTestApp, ok, testDatabaseUrl, type TestApp } from './support/test-app.js';

/**
 * The audit trail beyond the application's reach: migrations run as the owner; the service works
 * as registry_app, which may read and append to the audit tables and nothing more. Shown for both
 * ways of connecting: the owner's URL switching role at connect (development, tests), and a login
 * role of its own (DATABASE_APP_URL, production).
 */

type Query = (sql: string) => Promise<unknown>;

async function expectLockedOut(query: Query): Promise<void> {
  for (const sql of [
    `UPDATE audit_entry SET action = 'forged'`,
    `DELETE FROM audit_entry`,
    `TRUNCATE audit_entry`,
    `UPDATE audit_checkpoint SET root_hash = repeat('0', 64)`,
    `DELETE FROM audit_checkpoint`,
    `TRUNCATE audit_checkpoint`,
    `DELETE FROM audit_head`,
    `INSERT INTO audit_head (id, seq, hash) VALUES (2, 0, repeat('0', 64))`,
  ]) {
    await expect(query(sql)).rejects.toThrow(/permission denied/);
  }
  for (const sql of [
    `ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete`,
    `ALTER TABLE audit_entry DISABLE TRIGGER USER`,
    `ALTER TABLE audit_checkpoint DISABLE TRIGGER ALL`,
    `ALTER TABLE audit_entry ADD COLUMN note text`,
    `DROP TRIGGER audit_entry_no_truncate ON audit_entry`,
    `DROP TABLE audit_entry`,
    `CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
  ]) {
    await expect(query(sql)).rejects.toThrow(/must be owner|permission denied/);
  }
}

async function stillWorks(t: TestApp): Promise<void> {
  const supplier = await newSupplier(t);
  await newProduct(t, supplier);
  const verified = ok(
    await t.gql<{ verifyAuditLog: { valid: boolean } }>(
      `{ verifyAuditLog { valid } }`,
      {},
      await (await agency(t)).token(Role.VIEWER),
    ),
  ).verifyAuditLog;
  expect(verified.valid).toBe(true);
}

describe('database roles', () => {
  describe('the owner URL switching to registry_app at connect', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('works as registry_app, which owns nothing', async () => {
      const [who] = await t.dataSource.query<{ role: string }[]>(`SELECT current_user AS role`);
      expect(who.role).toBe('registry_app');
      const owned = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
          WHERE s.nspname = 'public' AND pg_get_userbyid(c.relowner) = current_user`,
      );
      expect(owned[0].n).toBe(0);
    });

    it('cannot update, delete, truncate or alter the audit tables nor switch their triggers off', async () => {
      await expectLockedOut((sql) => t.dataSource.query(sql));
    });

    it('still writes through the API, audit entries included, and the chain verifies', async () => {
      await stillWorks(t);
    });
  });

  describe('a login role of its own (DATABASE_APP_URL)', () => {
    let t: TestApp;
    const login = `registry_app_test_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');

    beforeAll(async () => {
      const owner = await createTestApp(); // applies the migrations, so registry_app exists
      await owner.ownerQuery(`CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE registry_app`);
      await owner.close();
      const url = new URL(testDatabaseUrl());
      url.username = login;
      url.password = password;
      t = await createTestApp({ DATABASE_APP_URL: url.toString() });
    });
    afterAll(async () => {
      await t.close();
      const owner = await createTestApp();
      await owner.ownerQuery(`DROP ROLE IF EXISTS ${login}`);
      await owner.close();
    });

    it('connects as the login role, and RESET ROLE gives nothing more', async () => {
      const runner = t.dataSource.createQueryRunner();
      try {
        await runner.query('RESET ROLE');
        const [who] = (await runner.query(`SELECT current_user AS role`)) as { role: string }[];
        expect(who.role).toBe(login);
        await expectLockedOut((sql) => runner.query(sql));
      } finally {
        await runner.release();
      }
    });

    it('still writes through the API', async () => {
      await stillWorks(t);
    });
  });
});
