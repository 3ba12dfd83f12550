import { Role } from '../../common/actor.js';
import type { Organization } from '../../organizations/dto/organization.model.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, layout, type PageFrame } from './layout.js';

export interface SignInView {
  readonly next: string;
  readonly expired: boolean;
  readonly oidc: boolean;
  /** Set outside production: the development sign-in form. */
  readonly dev?: {
    readonly csrfToken: string;
    readonly search: string;
    readonly organizations: readonly Organization[];
  };
}

export function signInPage(frame: PageFrame, view: SignInView): SafeHtml {
  const { m } = frame;
  const dev = view.dev;
  return layout(
    frame,
    m.t('signIn.title'),
    html`<h1>${m.t('signIn.title')}</h1>
      ${view.expired ? html`<p class="notice">${m.t('signIn.expired')}</p>` : ''}
      ${view.oidc ? html`<p><a class="button" href="/sign-in/oidc?next=${encodeURIComponent(view.next)}">${m.t('signIn.oidc')}</a></p>` : ''}
      ${
        dev
          ? html`<h2>${m.t('signIn.dev.title')}</h2>
              <p>${m.t('signIn.dev.intro')}</p>
              <form method="get" action="/sign-in" class="search-form" role="search">
                <input type="hidden" name="next" value="${view.next}" />
                <div class="field">
                  <label for="find">${m.t('signIn.dev.find')}</label>
                  <input type="search" id="find" name="q" value="${dev.search}" maxlength="100" />
                </div>
                <div class="field">
                  <button type="submit" class="button-secondary">${m.t('signIn.dev.findSubmit')}</button>
                </div>
              </form>
              <form method="post" action="/sign-in/dev">
                ${csrfField(dev.csrfToken)}
                <input type="hidden" name="next" value="${view.next}" />
                <div class="field">
                  <label for="organization">${m.t('signIn.dev.org')}</label>
                  <select id="organization" name="organization" required>
                    ${dev.organizations.map((o) => html`<option value="${o.uuid}">${o.name} (${o.kind})</option>`)}
                  </select>
                </div>
                <fieldset>
                  <legend>${m.t('signIn.dev.roles')}</legend>
                  ${Object.values(Role).map(
                    (role) =>
                      html`<div>
                        <input
                          type="checkbox"
                          id="role-${role}"
                          name="roles"
                          value="${role}"
                          ${role === Role.VIEWER ? html` checked` : ''}
                        />
                        <label for="role-${role}">${m.t(`role.${role}`)}</label>
                      </div>`,
                  )}
                </fieldset>
                <button type="submit">${m.t('signIn.dev.submit')}</button>
              </form>`
          : ''
      }`,
  );
}
