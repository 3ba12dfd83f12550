import { Tier } from '../../baselines/dto/tier.enum.js';
import type { Organization } from '../../organizations/dto/organization.model.js';
import { ComplianceState } from '../../products/dto/compliance-state.enum.js';
import { html, type SafeHtml } from '../html.js';
import type { Messages } from '../i18n/i18n.js';
import type { ProductParts } from '../product-parts.js';
import type { DisplayedStatus } from '../status-display.js';

export const TIERS = Object.values(Tier);
export const STATES = Object.values(ComplianceState);

export function productHref(id: string): string {
  return `/products/${encodeURIComponent(id)}`;
}

/** The supplier's public page by organisation number, or its plain name when it has none. */
export function supplierLink(supplier: Pick<Organization, 'name' | 'orgNumber'>): SafeHtml {
  return supplier.orgNumber
    ? html`<a href="/suppliers/${encodeURIComponent(supplier.orgNumber)}">${supplier.name}</a>`
    : html`${supplier.name}`;
}

export function stateBadge(m: Messages, status: DisplayedStatus | null): SafeHtml {
  const state = status?.state ?? ComplianceState.NOT_ASSESSED;
  return html`<span class="state state-${state}">${m.t(`state.${state}`)}</span>`;
}

export function reasonList(status: DisplayedStatus | null): SafeHtml {
  if (!status || status.reasons.length === 0) return html``;
  return html`<ul class="reasons">
    ${status.reasons.map((reason) => html`<li>${reason}</li>`)}
  </ul>`;
}

/** The product table of the search and supplier pages. */
export function productTable(m: Messages, caption: string, rows: readonly ProductParts[]): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-label="${caption}" tabindex="0">
    <table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${m.t('col.product')}</th>
          <th scope="col">${m.t('col.supplier')}</th>
          <th scope="col">${m.t('col.tier')}</th>
          <th scope="col">${m.t('col.state')}</th>
          <th scope="col">${m.t('col.validUntil')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ({ product, supplier, status }) =>
            html`<tr>
              <th scope="row"><a href="${productHref(product.id)}">${product.name}</a></th>
              <td>${supplierLink(supplier)}</td>
              <td>${m.t(`tier.${product.tier}`)}</td>
              <td>${stateBadge(m, status)}${reasonList(status)}</td>
              <td>${m.date(status?.validUntil)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Previous/next links that keep the other query parameters. */
export function pagination(
  m: Messages,
  base: string,
  params: Record<string, string | undefined>,
  page: number,
  pages: number,
): SafeHtml {
  if (pages <= 1) return html``;
  const href = (n: number): string => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    query.set('page', String(n));
    return `${base}?${query.toString()}`;
  };
  return html`<nav class="pagination" aria-label="${m.t('page.pagination')}">
    ${page > 1 ? html`<a href="${href(page - 1)}" rel="prev">${m.t('page.previous')}</a>` : ''}
    <span>${m.t('page.of', { page, pages })}</span>
    ${page < pages ? html`<a href="${href(page + 1)}" rel="next">${m.t('page.next')}</a>` : ''}
  </nav>`;
}
