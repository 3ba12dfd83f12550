import { stringify } from 'csv-stringify/sync';
import { isoInstant } from '../../common/time/human-time.js';
import { API_REASON_LANGUAGE, reasonTexts } from '../../status/status-reason.js';
import type { ProductParts } from '../product-parts.js';

/** One product of the open-data exports: public facts only (never incidents, findings or subscribers). */
export interface ExportedProduct {
  readonly id: string;
  readonly name: string;
  readonly supplier: { readonly name: string; readonly orgNumber: string | null };
  readonly tier: string;
  readonly state: string;
  readonly reasons: readonly string[];
  readonly assessedAt: string | null;
  readonly validUntil: string | null;
  readonly url: string;
}

export function exportedProduct(parts: ProductParts, publicUrl: string): ExportedProduct {
  const { product, supplier, status, rawStatus } = parts;
  return {
    id: product.id,
    name: product.name,
    supplier: { name: supplier.name, orgNumber: supplier.orgNumber },
    tier: product.tier,
    state: status?.state ?? 'NOT_ASSESSED',
    reasons: status ? reasonTexts(status.reasons, API_REASON_LANGUAGE) : [],
    assessedAt: rawStatus?.assessedAt ? isoInstant(rawStatus.assessedAt) : null,
    validUntil: status?.validUntil ? isoInstant(status.validUntil) : null,
    url: `${publicUrl}/products/${encodeURIComponent(product.id)}`,
  };
}

export const CSV_COLUMNS = [
  'id',
  'name',
  'supplier',
  'supplier_org_number',
  'tier',
  'state',
  'reasons',
  'assessed_at',
  'valid_until',
  'url',
] as const;

/** CSV rows (RFC 4180, formulas escaped so a spreadsheet never runs a cell). */
export function toCsv(products: readonly ExportedProduct[], withHeader: boolean): string {
  return stringify(
    products.map((p) => [
      p.id,
      p.name,
      p.supplier.name,
      p.supplier.orgNumber ?? '',
      p.tier,
      p.state,
      p.reasons.join('; '),
      p.assessedAt ?? '',
      p.validUntil ?? '',
      p.url,
    ]),
    { header: withHeader, columns: [...CSV_COLUMNS], escape_formulas: true, record_delimiter: '\r\n' },
  );
}
