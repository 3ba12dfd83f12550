import type { WriteContext } from '../common/database/unit-of-work.js';
import { humanDate } from '../common/time/human-time.js';
import { RegistryEventType } from '../events/dto/registry-event-type.enum.js';
import type { EventInput } from '../events/events.service.js';
import { REQUIREMENT_COLUMNS, type RequirementRow, toRequirement } from './baseline.mapper.js';
import { diffRequirements } from './baseline-diff.js';
import type { Requirement } from './dto/requirement.model.js';
import type { Tier } from './dto/tier.enum.js';

interface ProductToReassess {
  id: string;
  name: string;
  tier: Tier;
  supplier_id: string;
  assessed_baseline_id: string;
  assessed_version: string;
}

/** What a product must have reassessed: the new version's requirements for its tier, added or changed. */
export function requirementsToReassess(
  from: readonly Requirement[],
  to: readonly Requirement[],
  tier: Tier,
): { added: string[]; changed: { code: string; fields: string[] }[] } {
  const diff = diffRequirements(from, to);
  const applies = (r: Requirement) => r.tiers.includes(tier);
  return {
    added: diff.added.filter(applies).map((r) => r.code),
    changed: diff.changed.filter((c) => applies(c.after)).map((c) => ({ code: c.code, fields: c.fields })),
  };
}

/**
 * REASSESSMENT_DUE for a version just published, one per product whose latest completed
 * assessment in the series is against an earlier version, to its supplier: the requirements of
 * the product's tier added or changed since the version it was assessed against (the baseline
 * diff), and the transition end. Three statements whatever the number of products.
 */
export async function reassessmentNotices(
  tx: WriteContext,
  baseline: { uuid: string; key: string; version: string; transitionEndsAt: Date },
): Promise<EventInput[]> {
  const products = await tx.em.query<ProductToReassess[]>(
    `SELECT p.id, p.name, p.tier, p.supplier_id, c.baseline_id AS assessed_baseline_id, c.version AS assessed_version
       FROM product_status ps
       JOIN product p ON p.id = ps.product_id
       CROSS JOIN LATERAL (
         SELECT a.baseline_id, b.version FROM assessment a JOIN baseline b ON b.id = a.baseline_id
          WHERE a.product_id = p.id AND a.state = 'COMPLETED' AND b.key = $1
          ORDER BY a.completed_at DESC, a.id DESC LIMIT 1
       ) c
      WHERE ps.series_key = $1 AND c.baseline_id <> $2
      ORDER BY p.name, p.id`,
    [baseline.key, baseline.uuid],
  );
  if (products.length === 0) return [];
  const baselineUuids = [baseline.uuid, ...new Set(products.map((p) => p.assessed_baseline_id))];
  const rows = await tx.em.query<RequirementRow[]>(
    `SELECT ${REQUIREMENT_COLUMNS} FROM requirement r WHERE r.baseline_id = ANY($1::uuid[])`,
    [baselineUuids],
  );
  const byBaseline = new Map<string, Requirement[]>();
  for (const row of rows) {
    const list = byBaseline.get(row.baseline_id) ?? [];
    list.push(toRequirement(row));
    byBaseline.set(row.baseline_id, list);
  }
  const target = byBaseline.get(baseline.uuid) ?? [];
  const due = humanDate(baseline.transitionEndsAt, 'en');
  return products.map((product) => {
    const { added, changed } = requirementsToReassess(
      byBaseline.get(product.assessed_baseline_id) ?? [],
      target,
      product.tier,
    );
    const parts = [
      added.length > 0 ? `added ${added.join(', ')}` : null,
      changed.length > 0
        ? `changed ${changed.map((c) => `${c.code} (${c.fields.join(', ')})`).join(', ')}`
        : null,
    ].filter((part): part is string => part !== null);
    return {
      type: RegistryEventType.REASSESSMENT_DUE,
      message:
        `${product.name}: assessed against ${baseline.key} ${product.assessed_version}; reassessment against ` +
        `${baseline.version} due by ${due}; for tier ${product.tier}: ` +
        (parts.length > 0 ? parts.join('; ') : 'no requirement added or changed'),
      productId: product.id,
      baselineId: baseline.uuid,
      audience: [product.supplier_id],
    };
  });
}
