import type { RegistryEvent } from '../../events/dto/registry-event.model.js';
import type { Incident, IncidentDeadline } from '../../incidents/dto/incident.model.js';
import type { Product } from '../../products/dto/product.model.js';
import { html, type SafeHtml } from '../html.js';
import type { ProductParts } from '../product-parts.js';
import { productHref, reasonList, stateBadge, supplierLink } from './components.js';
import { csrfField, layout, type PageFrame } from './layout.js';

export interface MunicipalityView {
  readonly organizationName: string;
  readonly csrfToken: string;
  readonly products: readonly ProductParts[];
  readonly changes: readonly RegistryEvent[];
  readonly incidents: readonly { incident: Incident; deadlines: readonly IncidentDeadline[] }[];
  /** Products the organisation may subscribe to (not yet subscribed). */
  readonly candidates: readonly Product[];
  readonly canEdit: boolean;
}

/** A municipality's (region's, public body's) morning page. */
export function municipalityPage(frame: PageFrame, view: MunicipalityView): SafeHtml {
  const { m } = frame;
  const title = m.t('home.title');
  return layout(
    frame,
    title,
    html`<h1>${title}</h1>
      <p>${m.t('home.signedInAs', { org: view.organizationName })}</p>
      <h2>${m.t('muni.incidents')}</h2>
      ${
        view.incidents.length === 0
          ? html`<p>${m.t('muni.noIncidents')}</p>`
          : html`<div class="table-scroll" role="region" aria-label="${m.t('muni.incidents')}" tabindex="0">
              <table>
                <caption>
                  ${m.t('muni.incidents')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${m.t('muni.incident')}</th>
                    <th scope="col">${m.t('muni.severity')}</th>
                    <th scope="col">${m.t('muni.nis2')} / ${m.t('muni.gdpr')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${view.incidents.map(
                    ({ incident, deadlines }) =>
                      html`<tr>
                        <th scope="row">${incident.title}</th>
                        <td>${incident.severity}</td>
                        <td>
                          <ul class="reasons">
                            ${deadlines.map((d) => html`<li>${m.t(`deadline.${d.kind}`)}: <time datetime="${d.dueAt.toISOString()}">${m.dateTime(d.dueAt)}</time></li>`)}
                          </ul>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <h2>${m.t('muni.products')}</h2>
      <p><a href="/my/products.csv">${m.t('muni.csv')}</a></p>
      ${
        view.products.length === 0
          ? html`<p>${m.t('muni.noProducts')}</p>`
          : html`<div class="table-scroll" role="region" aria-label="${m.t('muni.products')}" tabindex="0">
              <table>
                <caption>
                  ${m.t('muni.products')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${m.t('col.product')}</th>
                    <th scope="col">${m.t('col.supplier')}</th>
                    <th scope="col">${m.t('col.state')}</th>
                    <th scope="col">${m.t('col.validUntil')}</th>
                    ${view.canEdit ? html`<td></td>` : ''}
                  </tr>
                </thead>
                <tbody>
                  ${view.products.map(
                    ({ product, supplier, status }) =>
                      html`<tr>
                        <th scope="row"><a href="${productHref(product.id)}">${product.name}</a></th>
                        <td>${supplierLink(supplier)}</td>
                        <td>${stateBadge(m, status)}${reasonList(status)}</td>
                        <td>${m.date(status?.validUntil)}</td>
                        ${
                          view.canEdit
                            ? html`<td>
                                <form method="post" action="/my/subscriptions/remove" class="inline-form">
                                  ${csrfField(view.csrfToken)}
                                  <input type="hidden" name="product" value="${product.id}" /><button
                                    type="submit"
                                    class="button-secondary"
                                  >
                                    ${m.t('muni.unsubscribe', { product: product.name })}
                                  </button>
                                </form>
                              </td>`
                            : ''
                        }
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <h2>${m.t('muni.changes')}</h2>
      ${
        view.changes.length === 0
          ? html`<p>${m.t('muni.noChanges')}</p>`
          : html`<ul>
              ${view.changes.map((e) => html`<li><time datetime="${e.occurredAt.toISOString()}">${m.dateTime(e.occurredAt)}</time>: ${e.message}</li>`)}
            </ul>`
      }
      ${
        view.canEdit && view.candidates.length > 0
          ? html`<h2>${m.t('muni.subscribe')}</h2>
              <form method="post" action="/my/subscriptions">
                ${csrfField(view.csrfToken)}
                <div class="field">
                  <label for="subscribe-product">${m.t('muni.subscribeProduct')}</label>
                  <select id="subscribe-product" name="product">
                    ${view.candidates.map((p) => html`<option value="${p.id}">${p.name}</option>`)}
                  </select>
                </div>
                <p><button type="submit">${m.t('muni.subscribeSubmit')}</button></p>
              </form>`
          : ''
      }`,
  );
}
