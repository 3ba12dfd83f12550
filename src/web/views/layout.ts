import { html, type SafeHtml } from '../html.js';
import type { Messages } from '../i18n/i18n.js';

/** What the page frame needs to know about the visitor. */
export interface PageFrame {
  readonly m: Messages;
  /** The path of this page, for the language switch to come back to. */
  readonly path: string;
  readonly agencyName: string;
  readonly publicRegistry: boolean;
  /** Set when signed in: the organisation's name and the session's CSRF token. */
  readonly session?: { readonly organizationName: string; readonly csrfToken: string };
}

/** The hidden CSRF field every form carries. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

/** Every page: landmarks, a skip link, a language switch and one h1 (the page's own). */
export function layout(frame: PageFrame, title: string, main: SafeHtml): SafeHtml {
  const { m } = frame;
  const other = m.lang === 'sv' ? 'en' : 'sv';
  const next = encodeURIComponent(frame.path);
  return html`<!doctype html>
    <html lang="${m.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} – ${m.t('site.name')}</title>
        <link rel="stylesheet" href="/assets/portal.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">${m.t('nav.skip')}</a>
        <header class="site-header">
          <div class="wrap">
            <p class="site-name"><a href="/">${m.t('site.name')}</a></p>
            <nav aria-label="${m.t('nav.main')}">
              <ul class="nav-list">
                ${frame.publicRegistry ? html`<li><a href="/">${m.t('nav.registry')}</a></li>` : ''}
                ${
                  frame.session
                    ? html`<li><a href="/my">${m.t('nav.myPage')}</a></li>
                        <li>
                          <form method="post" action="/sign-out" class="inline-form">
                            ${csrfField(frame.session.csrfToken)}<button type="submit" class="link-button">
                              ${m.t('nav.signOut')}
                            </button>
                          </form>
                        </li>`
                    : html`<li><a href="/sign-in">${m.t('nav.signIn')}</a></li>`
                }
                <li>
                  <a href="/language/${other}?next=${next}" lang="${other}" hreflang="${other}"
                    >${m.t('lang.switchTo')}</a
                  >
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">${main}</main>
        <footer class="site-footer">
          <div class="wrap">
            ${
              frame.publicRegistry
                ? html`<h2 class="footer-heading">${m.t('footer.data')}</h2>
                    <ul class="footer-links">
                      <li><a href="/registry/products.json">${m.t('footer.json')}</a></li>
                      <li><a href="/registry/products.csv">${m.t('footer.csv')}</a></li>
                    </ul>`
                : ''
            }
            <p>${m.t('footer.about', { agency: frame.agencyName })}</p>
          </div>
        </footer>
      </body>
    </html>`;
}

/** A page that says there is nothing here (404), in the visitor's language. */
export function notFoundPage(frame: PageFrame): SafeHtml {
  return layout(
    frame,
    frame.m.t('notFound.title'),
    html`<h1>${frame.m.t('notFound.title')}</h1>
      <p>${frame.m.t('notFound.body')}</p>`,
  );
}

/** A refusal page (CSRF, rate limit) with a plain message. */
export function messagePage(frame: PageFrame, title: string, message: string): SafeHtml {
  return layout(
    frame,
    title,
    html`<h1>${title}</h1>
      <p>${message}</p>`,
  );
}
