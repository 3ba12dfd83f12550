import type { OpenAssessment } from '../../assessments/assessments.service.js';
import type { RequirementGap } from '../../attestations/attestations.service.js';
import type { ExpiringEvidence } from '../../evidence/evidence.service.js';
import type { Incident } from '../../incidents/dto/incident.model.js';
import { productId } from '../../products/product.mapper.js';
import { html, type SafeHtml } from '../html.js';
import type { Messages } from '../i18n/i18n.js';
import type { ProductParts } from '../product-parts.js';
import { productHref, productTable } from './components.js';
import { layout, type PageFrame } from './layout.js';

export interface SupplierView {
  readonly organizationName: string;
  readonly products: readonly ProductParts[];
  readonly gaps: readonly RequirementGap[];
  readonly expiring: readonly ExpiringEvidence[];
  readonly assessments: readonly OpenAssessment[];
  readonly incidents: readonly Incident[];
}

/** A scrollable, labelled table (its caption is also the region's name). */
function table(caption: string, head: readonly string[], rows: readonly SafeHtml[]): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-label="${caption}" tabindex="0">
    <table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${head.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

const productLink = (uuid: string, name: string): SafeHtml =>
  html`<a href="${productHref(productId(uuid))}">${name}</a>`;

function gapsTable(m: Messages, gaps: readonly RequirementGap[]): SafeHtml {
  const mark = (present: boolean) => m.t(present ? 'supplierPage.present' : 'supplierPage.absent');
  return table(
    m.t('supplierPage.missing'),
    [
      m.t('col.product'),
      m.t('supplierPage.requirement'),
      m.t('supplierPage.attestation'),
      m.t('supplierPage.evidence'),
    ],
    gaps.map(
      (g) =>
        html`<tr>
          <td>${productLink(g.productUuid, g.productName)}</td>
          <th scope="row">${g.code} ${g.title}</th>
          <td>${mark(g.attested)}</td>
          <td>${mark(g.evidenced)}</td>
        </tr>`,
    ),
  );
}

/**
 * A supplier's page: its products with their states; for each, the requirements of its tier it
 * has not attested or has no current evidence for; evidence expiring within 30 days; assessments
 * under way; the incidents it reported.
 */
export function supplierHomePage(frame: PageFrame, view: SupplierView): SafeHtml {
  const { m } = frame;
  const none = html`<p>${m.t('supplierPage.none')}</p>`;
  return layout(
    frame,
    m.t('home.title'),
    html`<h1>${m.t('home.title')}</h1>
      <p>${m.t('home.signedInAs', { org: view.organizationName })}</p>
      <h2>${m.t('supplierPage.products')}</h2>
      ${
        view.products.length > 0
          ? productTable(m, m.t('supplierPage.products'), view.products)
          : html`<p>${m.t('supplier.none')}</p>`
      }
      <h2>${m.t('supplierPage.missing')}</h2>
      ${view.gaps.length > 0 ? gapsTable(m, view.gaps) : html`<p>${m.t('supplierPage.nothingMissing')}</p>`}
      <h2>${m.t('supplierPage.expiring')}</h2>
      ${
        view.expiring.length === 0
          ? none
          : table(
              m.t('supplierPage.expiring'),
              [m.t('col.product'), m.t('col.title'), m.t('col.validUntil')],
              view.expiring.map(
                (e) =>
                  html`<tr>
                    <td>${productLink(e.productUuid, e.productName)}</td>
                    <th scope="row">${e.title}</th>
                    <td>${m.date(e.validUntil)}</td>
                  </tr>`,
              ),
            )
      }
      <h2>${m.t('supplierPage.assessments')}</h2>
      ${
        view.assessments.length === 0
          ? none
          : table(
              m.t('supplierPage.assessments'),
              [
                m.t('col.product'),
                m.t('supplierPage.baseline'),
                m.t('col.state'),
                m.t('supplierPage.requested'),
              ],
              view.assessments.map(
                (a) =>
                  html`<tr>
                    <th scope="row">${productLink(a.productUuid, a.productName)}</th>
                    <td>${a.baseline}</td>
                    <td>${m.t(`assessmentState.${a.state}`)}</td>
                    <td>${m.date(a.requestedAt)}</td>
                  </tr>`,
              ),
            )
      }
      <h2>${m.t('supplierPage.incidents')}</h2>
      ${
        view.incidents.length === 0
          ? none
          : html`<ul>
              ${view.incidents.map((i) => html`<li>${i.title} (${i.severity}, ${m.dateTime(i.reportedAt)})</li>`)}
            </ul>`
      }`,
  );
}
