import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type SavedCheckpoint, verifyAuditTrail } from '../audit/audit-verifier.js';

const usage = `Usage: npm run audit:verify -- [--database-url URL] [--checkpoint saved.json] [--trusted-key-id ID] [--save out.json]

Checks the audit trail in the database: the hash chain, the head row, every signed checkpoint, and
(with --checkpoint) a checkpoint you saved earlier outside the registry, which is what reveals a
truncated tail, a rewritten chain or an older copy restored. --save writes the newest checkpoint
to a file for the next run. Exit 0 when everything verifies, 1 when anything does not.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      checkpoint: { type: 'string' },
      'trusted-key-id': { type: 'string' },
      save: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (values.help || !url) {
    console.error(usage);
    process.exit(values.help ? 0 : 2);
  }
  const saved = values.checkpoint
    ? (JSON.parse(readFileSync(values.checkpoint, 'utf8')) as SavedCheckpoint)
    : undefined;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows;
    const report = await verifyAuditTrail(query, { saved, trustedKeyId: values['trusted-key-id'] });
    console.log(JSON.stringify(report, null, 2));
    if (values.save) {
      const [latest] = await query(
        `SELECT tree_size, root_hash, head_hash, signed_at, key_id, signature, public_key
           FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1`,
      );
      if (!latest) throw new Error('There is no checkpoint yet to save');
      const checkpoint: SavedCheckpoint = {
        treeSize: Number(latest.tree_size),
        rootHash: latest.root_hash,
        headHash: latest.head_hash,
        signedAt: new Date(latest.signed_at).toISOString(),
        keyId: latest.key_id,
        signature: latest.signature,
        publicKey: latest.public_key,
      };
      writeFileSync(values.save, JSON.stringify(checkpoint, null, 2) + '\n');
      console.error(`Saved checkpoint ${checkpoint.treeSize} to ${values.save}`);
    }
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
