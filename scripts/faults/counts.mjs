import pg from 'pg';

const dist = (path) => import(new URL(`../../dist/${path}`, import.meta.url).href);

/** Counts straight from the database what the write path promised, for one supplier's products. */
export async function countOutcome({ url, supplierUuid, result }) {
  const { productId } = await dist('products/product.mapper.js');
  const { verifyAuditTrail } = await dist('audit/audit-verifier.js');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = async (sql, params) => (await client.query(sql, params)).rows;
    const products = await query('SELECT id, name FROM product WHERE supplier_id = $1', [supplierUuid]);
    const nameById = new Map(products.map((p) => [productId(p.id), p.name]));
    const productIds = new Set(nameById.keys());
    const audited = new Set(
      (
        await query(
          `SELECT entity_id FROM audit_entry WHERE action = 'product.registered' AND actor_organization_id = $1`,
          [supplierUuid],
        )
      ).map((r) => r.entity_id),
    );
    const auditRows = Number(
      (
        await query(
          `SELECT count(*) AS n FROM audit_entry WHERE action = 'product.registered' AND actor_organization_id = $1`,
          [supplierUuid],
        )
      )[0].n,
    );
    const byName = new Map();
    for (const p of products) byName.set(p.name, (byName.get(p.name) ?? 0) + 1);
    const duplicates = [...byName.values()].reduce((sum, n) => sum + n - 1, 0);
    const ackedNames = new Set([...result.acked.values()].map((a) => a.name));
    const stuckKeys = Number(
      (
        await query(
          `SELECT count(*) AS n FROM idempotency_key WHERE organization_id = $1 AND response IS NULL`,
          [supplierUuid],
        )
      )[0].n,
    );
    const audit = await verifyAuditTrail(query);
    return {
      products: products.length,
      ackedMissing: [...result.acked.values()].filter((a) => !productIds.has(a.id)).length,
      ackedWrongName: [...result.acked.values()].filter(
        (a) => productIds.has(a.id) && nameById.get(a.id) !== a.name,
      ).length,
      duplicates,
      // Two audit rows for one product would also be a duplicate write.
      auditWithoutChange:
        [...audited].filter((id) => !productIds.has(id)).length + (auditRows - audited.size),
      changeWithoutAudit: [...productIds].filter((id) => !audited.has(id)).length,
      // Committed, but the client never heard back (it gave up): allowed, and shown.
      committedNotAcked: products.filter((p) => !ackedNames.has(p.name)).length,
      stuckKeys,
      audit,
    };
  } finally {
    await client.end();
  }
}
