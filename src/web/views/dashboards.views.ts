import type { Baseline } from '../../baselines/dto/baseline.model.js';
import type { Incident } from '../../incidents/dto/incident.model.js';
import { html, type SafeHtml } from '../html.js';
import { STATES } from './components.js';
import { layout, type PageFrame } from './layout.js';

export interface ConcentrationEntry {
  readonly supplierName: string;
  readonly dependents: number;
  readonly share: number;
}

export interface AgencyView {
  readonly organizationName: string;
  readonly byState: ReadonlyMap<string, number>;
  readonly concentration: readonly ConcentrationEntry[];
  readonly incidents: readonly { incident: Incident; exposed: number; earliest: Date | null }[];
  readonly baselines: readonly Baseline[];
}

const percent = (share: number): string => `${(share * 100).toFixed(1).replace(/\.0$/, '')} %`;

/** The agency's national picture. The chart is decoration for the table with the same figures. */
export function agencyHomePage(frame: PageFrame, view: AgencyView): SafeHtml {
  const { m } = frame;
  return layout(
    frame,
    m.t('home.title'),
    html`<h1>${m.t('home.title')}</h1>
      <p>${m.t('home.signedInAs', { org: view.organizationName })}</p>
      <h2>${m.t('agency.byState')}</h2>
      <div class="table-scroll" role="region" aria-label="${m.t('agency.byState')}" tabindex="0">
        <table>
          <caption>
            ${m.t('agency.byState')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${m.t('col.state')}</th>
              <th scope="col">${m.t('agency.count')}</th>
            </tr>
          </thead>
          <tbody>
            ${STATES.map(
              (s) =>
                html`<tr>
                  <th scope="row">${m.t(`state.${s}`)}</th>
                  <td>${view.byState.get(s) ?? 0}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <h2>${m.t('agency.concentration')}</h2>
      <figure>
        <figcaption>${m.t('agency.concentrationCaption')}</figcaption>
        <ul class="bar-chart" aria-hidden="true">
          ${view.concentration.map(
            (c) =>
              html`<li>
                <span>${c.supplierName}</span
                ><svg viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                  <rect x="0" y="0" height="10" width="${Math.max(0.5, c.share * 100).toFixed(2)}"></rect>
                </svg>
              </li>`,
          )}
        </ul>
      </figure>
      <div class="table-scroll" role="region" aria-label="${m.t('agency.concentrationCaption')}" tabindex="0">
        <table>
          <caption>
            ${m.t('agency.concentrationCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${m.t('col.supplier')}</th>
              <th scope="col">${m.t('agency.reliance')}</th>
              <th scope="col">${m.t('agency.share')}</th>
            </tr>
          </thead>
          <tbody>
            ${view.concentration.map(
              (c) =>
                html`<tr>
                  <th scope="row">${c.supplierName}</th>
                  <td>${c.dependents}</td>
                  <td>${percent(c.share)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <h2>${m.t('agency.incidents')}</h2>
      ${
        view.incidents.length === 0
          ? html`<p>${m.t('agency.noIncidents')}</p>`
          : html`<div class="table-scroll" role="region" aria-label="${m.t('agency.incidents')}" tabindex="0">
              <table>
                <caption>
                  ${m.t('agency.incidents')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${m.t('muni.incident')}</th>
                    <th scope="col">${m.t('agency.exposed')}</th>
                    <th scope="col">${m.t('agency.earliest')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${view.incidents.map(
                    (e) =>
                      html`<tr>
                        <th scope="row">${e.incident.title}</th>
                        <td>${e.exposed}</td>
                        <td>${m.dateTime(e.earliest)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <h2>${m.t('agency.baselines')}</h2>
      <div class="table-scroll" role="region" aria-label="${m.t('agency.baselines')}" tabindex="0">
        <table>
          <caption>
            ${m.t('agency.baselines')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${m.t('col.name')}</th>
              <th scope="col">${m.t('agency.version')}</th>
              <th scope="col">${m.t('col.status')}</th>
              <th scope="col">${m.t('col.published')}</th>
              <th scope="col">${m.t('agency.transitionEnds')}</th>
            </tr>
          </thead>
          <tbody>
            ${view.baselines.map(
              (b) =>
                html`<tr>
                  <th scope="row">${b.title}</th>
                  <td>${b.version}</td>
                  <td>${b.status}</td>
                  <td>${m.date(b.publishedAt)}</td>
                  <td>${m.date(b.transitionEndsAt)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  );
}
