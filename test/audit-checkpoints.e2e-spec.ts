import { AuditCheckpointService } from '../src/audit/audit-checkpoint.service.js';
import { type SavedCheckpoint, type SqlQuery, verifyAuditTrail } from '../src/audit/audit-verifier.js';
import { auditHash } from '../src/audit/audit-chain.js';
import { Role } from '../src/common/actor.js';
import { agency, newSupplier } from './support/factories.js';
import { createTestApp, ok, scratchDatabase, type TestApp } from './support/test-app.js';

type Scratch = Awaited<ReturnType<typeof scratchDatabase>>;

async function entries(t: TestApp, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await newSupplier(t);
}

async function latestCheckpoint(t: TestApp): Promise<SavedCheckpoint> {
  const data = ok(
    await t.gql<{ auditCheckpoints: { edges: { node: SavedCheckpoint }[] } }>(
      `{ auditCheckpoints(first: 1) { edges { node { treeSize rootHash headHash signedAt keyId signature publicKey } } } }`,
      {},
      await (await agency(t)).token(Role.VIEWER),
    ),
  );
  return data.auditCheckpoints.edges[0].node;
}

const queryOf =
  (t: TestApp): SqlQuery =>
  (sql, params) =>
    t.dataSource.query(sql, params);

/** Direct SQL as an attacker with database access would write it (the triggers switched off). */
async function tamper(t: TestApp, sql: string, params: unknown[] = []): Promise<void> {
  // As the owner: the service's own role may not switch triggers off (test/database-roles).
  await t.ownerQuery('ALTER TABLE audit_entry DISABLE TRIGGER USER');
  try {
    await t.ownerQuery(sql, params);
  } finally {
    await t.ownerQuery('ALTER TABLE audit_entry ENABLE TRIGGER USER');
  }
}

/**
 * A scratch registry with 12 audit entries, checkpoints after entry 6 and entry 12, and entry 12's
 * checkpoint saved "outside" (in this test's memory), as `npm run audit:verify -- --save` would.
 */
describe('audit checkpoints and the tamper suite', () => {
  let scratch: Scratch;
  let t: TestApp;
  let saved: SavedCheckpoint;

  beforeEach(async () => {
    scratch = await scratchDatabase();
    t = await createTestApp({}, { databaseUrl: scratch.url });
    const checkpoints = t.app.get(AuditCheckpointService);
    await entries(t, 6);
    await checkpoints.checkpoint();
    await entries(t, 6);
    await checkpoints.checkpoint();
    saved = await latestCheckpoint(t);
  });
  afterEach(async () => {
    await t.close();
    await scratch.drop();
  });

  it('publishes signed checkpoints that verify, and finds nothing wrong in an intact trail', async () => {
    expect(saved).toMatchObject({ treeSize: 12, rootHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const report = await verifyAuditTrail(queryOf(t), { saved, trustedKeyId: saved.keyId });
    expect(report).toEqual({
      ok: true,
      entries: 12,
      firstInvalidSeq: null,
      problems: [],
      checkpointsChecked: 2,
    });
    expect(await t.app.get(AuditCheckpointService).checkpoint()).toBeNull();
  });

  it('checkpoints by itself once 1,000 entries or 5 minutes have passed', async () => {
    const service = t.app.get(AuditCheckpointService);
    await entries(t, 1);
    expect(await service.checkpointIfDue(new Date())).toBeNull();
    const later = new Date(Date.now() + 6 * 60 * 1000);
    expect((await service.checkpointIfDue(later))?.treeSize).toBe('13');
  });

  it('names an edited row', async () => {
    await tamper(t, `UPDATE audit_entry SET action = 'organization.forged' WHERE seq = 8`);
    expect(await verifyAuditTrail(queryOf(t), { saved })).toMatchObject({ ok: false, firstInvalidSeq: '8' });
  });

  it('names a deleted middle row', async () => {
    await tamper(t, `DELETE FROM audit_entry WHERE seq = 5`);
    expect(await verifyAuditTrail(queryOf(t), { saved })).toMatchObject({ ok: false, firstInvalidSeq: '5' });
  });

  it('names the first of two swapped rows', async () => {
    await tamper(
      t,
      `UPDATE audit_entry a SET at = b.at, actor_subject = b.actor_subject, action = b.action, entity_type = b.entity_type,
              entity_id = b.entity_id, prev_hash = b.prev_hash, hash = b.hash
         FROM (SELECT * FROM audit_entry WHERE seq IN (3, 4)) b
        WHERE a.seq IN (3, 4) AND b.seq = 7 - a.seq`,
    );
    expect(await verifyAuditTrail(queryOf(t), { saved })).toMatchObject({ ok: false, firstInvalidSeq: '3' });
  });

  it('finds a truncated tail against the checkpoints, though the chain itself still links', async () => {
    await tamper(t, `DELETE FROM audit_entry WHERE seq > 9`);
    await t.ownerQuery(`UPDATE audit_head SET seq = 9, hash = (SELECT hash FROM audit_entry WHERE seq = 9)`);
    const report = await verifyAuditTrail(queryOf(t), { saved });
    expect(report).toMatchObject({ ok: false, entries: 9, firstInvalidSeq: '10' });
    expect(report.problems.join('\n')).toMatch(/covers 12 entries but only 9 exist/);
  });

  it('finds a chain rewritten from a row on, and names the first entry no checkpoint vouches for', async () => {
    const rows = await t.ownerQuery<Record<string, string>[]>(
      `SELECT * FROM audit_entry WHERE seq >= 8 ORDER BY seq`,
    );
    let prev = (await t.ownerQuery<{ hash: string }[]>(`SELECT hash FROM audit_entry WHERE seq = 7`))[0].hash;
    await t.ownerQuery('ALTER TABLE audit_entry DISABLE TRIGGER USER');
    try {
      for (const row of rows) {
        const fields = {
          seq: String(row.seq),
          at: new Date(row.at),
          actorSubject: row.seq === '8' ? 'someone-else' : row.actor_subject,
          actorOrganizationId: row.actor_organization_id,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
        };
        const hash = auditHash(prev, fields);
        await t.ownerQuery(
          `UPDATE audit_entry SET actor_subject = $2, prev_hash = $3, hash = $4 WHERE seq = $1`,
          [fields.seq, fields.actorSubject, prev, hash],
        );
        prev = hash;
      }
    } finally {
      await t.ownerQuery('ALTER TABLE audit_entry ENABLE TRIGGER USER');
    }
    await t.ownerQuery(`UPDATE audit_head SET hash = $1`, [prev]);
    expect(
      ok(await t.gql(`{ verifyAuditLog { valid } }`, {}, await (await agency(t)).token(Role.VIEWER))),
    ).toEqual({
      verifyAuditLog: { valid: true },
    });
    const report = await verifyAuditTrail(queryOf(t), { saved });
    expect(report.ok).toBe(false);
    // Entries 1-6 are vouched for by checkpoint 6; the damage lies in 7-12, and 7 is the first suspect.
    expect(report.firstInvalidSeq).toBe('7');
    expect(report.problems.join('\n')).toMatch(/no longer match its Merkle root/);
  });

  it('finds an older copy restored, with the checkpoint saved elsewhere', async () => {
    // Make the "older copy": a database cloned when only 9 entries existed.
    await t.close();
    const older = await scratchDatabase(scratch.name);
    const oldApp = await createTestApp({}, { databaseUrl: older.url });
    try {
      await tamper(oldApp, `DELETE FROM audit_entry WHERE seq > 9`);
      await oldApp.ownerQuery(`ALTER TABLE audit_checkpoint DISABLE TRIGGER USER`);
      await oldApp.ownerQuery(`DELETE FROM audit_checkpoint WHERE tree_size > 9`);
      await oldApp.ownerQuery(`ALTER TABLE audit_checkpoint ENABLE TRIGGER USER`);
      await oldApp.ownerQuery(
        `UPDATE audit_head SET seq = 9, hash = (SELECT hash FROM audit_entry WHERE seq = 9)`,
      );
      const withoutSaved = await verifyAuditTrail(queryOf(oldApp));
      expect(withoutSaved.ok).toBe(true); // self-consistent: only the saved checkpoint can tell
      const report = await verifyAuditTrail(queryOf(oldApp), { saved });
      expect(report).toMatchObject({ ok: false, firstInvalidSeq: '10' });
    } finally {
      await oldApp.close();
      await older.drop();
      t = await createTestApp({}, { databaseUrl: scratch.url });
    }
  });

  it('refuses a saved checkpoint whose signature does not verify', async () => {
    const forged = { ...saved, rootHash: 'f'.repeat(64) };
    const report = await verifyAuditTrail(queryOf(t), { saved: forged });
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/signature does not verify/);
  });
});
