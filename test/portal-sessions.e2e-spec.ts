import { randomUUID } from 'node:crypto';
import { tokenHash } from '../src/web/session/session.store.js';
import { someMunicipalities } from './support/incidents.js';
import { signIn } from './support/portal.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Expired sessions and abandoned sign-ins are deleted by the next sign-in (at most once a minute). */
describe('portal: session housekeeping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('deletes sessions idle past the timeout when someone signs in, and keeps live ones', async () => {
    const [muni] = await someMunicipalities(t, 1);
    const [expired, live, abandoned] = [randomUUID(), randomUUID(), randomUUID()].map(tokenHash);
    await t.dataSource.query(
      `INSERT INTO web_session (id, subject, organization_id, roles, csrf_token, last_seen_at)
       VALUES ($1, 'old', $3, '{VIEWER}', 'x', now() - interval '31 minutes'),
              ($2, 'new', $3, '{VIEWER}', 'y', now() - interval '29 minutes')`,
      [expired, live, muni.uuid],
    );
    await t.dataSource.query(
      `INSERT INTO web_sign_in (id, code_verifier, state, nonce, next, created_at)
       VALUES ($1, 'v', 's', 'n', '/my', now() - interval '11 minutes')`,
      [abandoned],
    );
    await signIn(t, muni);
    const sessions = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM web_session WHERE id = ANY($1::text[])`,
      [[expired, live]],
    );
    expect(sessions.map((row) => row.id)).toEqual([live]);
    const signIns = await t.dataSource.query(`SELECT 1 FROM web_sign_in WHERE id = $1`, [abandoned]);
    expect(signIns).toEqual([]);
  });
});
