const q = (name) => `"${name.replace(/"/g, '""')}"`;

/**
 * Runs `fn` (a bulk insert into `table`) with the table's indexes, unique and primary keys, and the
 * foreign keys pointing at it dropped, then recreates them exactly as they were
 * (pg_get_constraintdef / pg_get_indexdef): one sorted index build instead of millions of random
 * B-tree inserts, ~3x faster for the findings.
 */
export async function withoutIndexes(client, table, fn) {
  const { rows: references } = await client.query(
    `SELECT conname AS name, conrelid::regclass::text AS owner, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND confrelid = $1::regclass`,
    [table],
  );
  const { rows: keys } = await client.query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype IN ('p', 'u') AND conrelid = $1::regclass`,
    [table],
  );
  const { rows: indexes } = await client.query(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [table],
  );
  for (const r of references) await client.query(`ALTER TABLE ${r.owner} DROP CONSTRAINT ${q(r.name)}`);
  for (const i of indexes) await client.query(`DROP INDEX ${q(i.name)}`);
  for (const k of keys) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${q(k.name)}`);
  const result = await fn();
  for (const k of keys) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${q(k.name)} ${k.def}`);
  for (const i of indexes) await client.query(i.def);
  for (const r of references)
    await client.query(`ALTER TABLE ${r.owner} ADD CONSTRAINT ${q(r.name)} ${r.def}`);
  return result;
}
