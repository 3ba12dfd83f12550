import type { Organization } from '../../organizations/dto/organization.model.js';
import type { Evidence } from '../../evidence/dto/evidence.model.js';
import type { Product } from '../../products/dto/product.model.js';
import { html, type SafeHtml } from '../html.js';
import type { ProductParts } from '../product-parts.js';
import {
  pagination,
  productHref,
  productTable,
  reasonList,
  stateBadge,
  STATES,
  supplierLink,
  TIERS,
} from './components.js';
import { layout, type PageFrame } from './layout.js';

export interface SearchView {
  readonly text?: string;
  readonly tier?: string;
  readonly state?: string;
  readonly page: number;
  readonly pages: number;
  readonly total: number;
  readonly products: readonly ProductParts[];
  readonly suppliers: readonly Organization[];
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}" ${selected === value ? html` selected` : ''}>${label}</option>`;
}

export function searchPage(frame: PageFrame, view: SearchView): SafeHtml {
  const { m } = frame;
  const title = m.t('search.title');
  return layout(
    frame,
    title,
    html`<h1>${title}</h1>
      <p>${m.t('search.intro')}</p>
      <form method="get" action="/" class="search-form" role="search">
        <div class="field">
          <label for="q">${m.t('search.text')}</label>
          <input type="search" id="q" name="q" value="${view.text ?? ''}" maxlength="100" />
        </div>
        <div class="field">
          <label for="tier">${m.t('search.tier')}</label>
          <select id="tier" name="tier">
            ${option('', m.t('search.any'), view.tier ?? '')}${TIERS.map((t) => option(t, m.t(`tier.${t}`), view.tier))}
          </select>
        </div>
        <div class="field">
          <label for="state">${m.t('search.state')}</label>
          <select id="state" name="state">
            ${option('', m.t('search.any'), view.state ?? '')}${STATES.map((s) => option(s, m.t(`state.${s}`), view.state))}
          </select>
        </div>
        <div class="field"><button type="submit">${m.t('search.submit')}</button></div>
      </form>
      ${
        view.suppliers.length > 0
          ? html`<h2>${m.t('search.suppliersMatching')}</h2>
              <ul>
                ${view.suppliers.map((s) => html`<li>${supplierLink(s)} (${s.orgNumber ?? ''})</li>`)}
              </ul>`
          : ''
      }
      <h2>${m.t('search.results')}</h2>
      <p aria-live="polite">${m.t('search.count', { n: view.total })}</p>
      ${view.products.length > 0 ? productTable(m, m.t('search.results'), view.products) : html`<p>${m.t('search.none')}</p>`}
      ${pagination(m, '/', { q: view.text, tier: view.tier, state: view.state }, view.page, view.pages)}`,
  );
}

export interface ProductView {
  readonly parts: ProductParts;
  readonly subprocessors: readonly Product[];
  readonly evidence: readonly Evidence[];
}

export function productPage(frame: PageFrame, view: ProductView): SafeHtml {
  const { m } = frame;
  const { product, supplier, status, rawStatus } = view.parts;
  return layout(
    frame,
    product.name,
    html`<h1>${product.name}</h1>
      ${product.description ? html`<p>${product.description}</p>` : ''}
      <h2>${m.t('product.status')}</h2>
      <p>${stateBadge(m, status)}</p>
      ${reasonList(status)}
      <h2>${m.t('product.facts')}</h2>
      <dl class="facts">
        <dt>${m.t('col.supplier')}</dt>
        <dd>${supplierLink(supplier)}</dd>
        <dt>${m.t('col.tier')}</dt>
        <dd>${m.t(`tier.${product.tier}`)}</dd>
        <dt>${m.t('product.assessedAt')}</dt>
        <dd>${m.date(rawStatus?.assessedAt)}</dd>
        <dt>${m.t('col.validUntil')}</dt>
        <dd>${m.date(status?.validUntil)}</dd>
        <dt>${m.t('product.hosting')}</dt>
        <dd>${product.hostingCountries.join(', ') || m.t('none')}</dd>
      </dl>
      <h2>${m.t('product.subprocessors')}</h2>
      ${
        view.subprocessors.length > 0
          ? html`<ul>
              ${view.subprocessors.map((p) => html`<li><a href="${productHref(p.id)}">${p.name}</a></li>`)}
            </ul>`
          : html`<p>${m.t('product.noSubprocessors')}</p>`
      }
      <h2>${m.t('product.evidence')}</h2>
      ${
        view.evidence.length > 0
          ? html`<div class="table-scroll" role="region" aria-label="${m.t('product.evidence')}" tabindex="0">
              <table>
                <caption>
                  ${m.t('product.evidence')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${m.t('col.title')}</th>
                    <th scope="col">${m.t('col.validUntil')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${view.evidence.map(
                    (e) =>
                      html`<tr>
                        <th scope="row">${e.title}</th>
                        <td>${m.date(e.validUntil)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p>${m.t('product.noEvidence')}</p>`
      }`,
  );
}

export function supplierPage(
  frame: PageFrame,
  supplier: Organization,
  products: readonly ProductParts[],
  page: number,
  pages: number,
): SafeHtml {
  const { m } = frame;
  return layout(
    frame,
    supplier.name,
    html`<h1>${supplier.name}</h1>
      <dl class="facts">
        <dt>${m.t('col.orgNumber')}</dt>
        <dd>${supplier.orgNumber ?? m.t('none')}</dd>
      </dl>
      <h2>${m.t('supplier.products')}</h2>
      ${products.length > 0 ? productTable(m, m.t('supplier.products'), products) : html`<p>${m.t('supplier.none')}</p>`}
      ${pagination(m, `/suppliers/${encodeURIComponent(supplier.orgNumber ?? '')}`, {}, page, pages)}`,
  );
}
