import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { can } from '../access/actor.ts';
import type { AppEnv, Flash } from '../http/env.ts';

export interface Crumb {
  href: string;
  label: string;
}

export interface PageOptions {
  title: string;
  /** Shown above the title in the page header, e.g. the partnership's name. */
  label?: string | undefined;
  crumbs?: Crumb[];
  wide?: boolean;
  flash?: Flash | null;
  /** Sub-navigation shown on partnership pages. */
  subnav?: { href: string; label: string; current: boolean }[];
  children: Child;
}

function MainNav({ c }: { c: Context<AppEnv> }) {
  const actor = c.get('actor');
  const path = c.req.path;
  const items: { href: string; label: string }[] = [
    { href: '/partnerships', label: 'Partnerships' },
    { href: '/scotland', label: 'Scotland' },
    { href: '/improvement', label: 'Improvement' },
    { href: '/areas', label: 'Areas' },
    { href: '/registers', label: 'Registers' },
    { href: '/community', label: 'Community bodies' },
  ];
  if (actor.kind === 'user') {
    if (can(actor, 'user:read')) items.push({ href: '/admin/users', label: 'Users' });
    if (can(actor, 'audit:read')) items.push({ href: '/admin/audit', label: 'Audit trail' });
  }
  return (
    <nav class="ds_site-navigation" aria-label="Main">
      <ul class="ds_site-navigation__list">
        {items.map((i) => (
          <li class="ds_site-navigation__item">
            <a
              class={`ds_site-navigation__link${path.startsWith(i.href) ? ' ds_current' : ''}`}
              href={i.href}
              aria-current={path.startsWith(i.href) ? 'page' : undefined}
            >
              {i.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function AccountControls({ c }: { c: Context<AppEnv> }) {
  const actor = c.get('actor');
  if (actor.kind !== 'user') {
    return (
      <div class="cairn-account">
        <a class="cairn-account__link" href="/login">
          Sign in
        </a>
      </div>
    );
  }
  return (
    <div class="cairn-account">
      <a class="cairn-account__link" href="/notifications">
        Reminders{c.get('unread') ? ` (${c.get('unread')} new)` : ''}
      </a>
      <a class="cairn-account__link" href="/account">
        {actor.displayName}
      </a>
      <form method="post" action="/logout" class="cairn-account__form">
        <input type="hidden" name="_csrf" value={c.get('csrfToken')} />
        <button type="submit" class="cairn-link-button">
          Sign out
        </button>
      </form>
    </div>
  );
}

export function Page({ c, options }: { c: Context<AppEnv>; options: PageOptions }) {
  const flash = options.flash ?? c.get('flash');
  const partnership = c.get('partnership');
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${options.title}${options.label ? ` – ${options.label}` : ''} – Cairn`}</title>
        <meta name="csrf-token" content={c.get('csrfToken')} />
        <link rel="icon" href="/assets/cairn-icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/sgds/css/design-system.min.css" />
        <link rel="stylesheet" href="/assets/cairn.css" />
        <script type="module" src="/assets/sgds/scripts/design-system.js"></script>
        <script type="module" src="/assets/cairn.js"></script>
      </head>
      <body>
        <div class="ds_page">
          <div class="ds_page__top">
            <div class="ds_skip-links">
              <ul class="ds_skip-links__list">
                <li class="ds_skip-links__item">
                  <a class="ds_skip-links__link" href="#main-content">
                    Skip to main content
                  </a>
                </li>
              </ul>
            </div>
            <header class="ds_site-header">
              <div class="ds_wrapper">
                <div class="ds_site-header__content cairn-header">
                  <div class="ds_site-branding">
                    <a class="ds_site-branding__link cairn-brand" href="/">
                      <svg class="cairn-brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                        <ellipse cx="16" cy="27" rx="12" ry="4" />
                        <ellipse cx="16" cy="19" rx="9" ry="3.5" />
                        <ellipse cx="16" cy="12" rx="6.5" ry="3" />
                        <ellipse cx="16" cy="6" rx="4" ry="2.5" />
                      </svg>
                      <span class="ds_site-branding__title">Cairn</span>
                    </a>
                  </div>
                  <AccountControls c={c} />
                </div>
              </div>
              <div class="ds_site-header__navigation">
                <div class="ds_wrapper">
                  <MainNav c={c} />
                </div>
              </div>
            </header>
            <div class="ds_phase-banner">
              <div class="ds_wrapper">
                <p class="ds_phase-banner__content">
                  <strong class="ds_tag ds_phase-banner__tag">Alpha</strong>
                  <span class="ds_phase-banner__text">
                    Cairn is new open-source software for community planning partnerships. It is still being built.
                  </span>
                </p>
              </div>
            </div>
            {partnership?.fictional ? (
              <div class="cairn-demo-banner">
                <div class="ds_wrapper">
                  <p>
                    <strong>Demo:</strong> {partnership.name} is fictional. Its places, people, organisations and
                    figures are invented for trying Cairn out.
                  </p>
                </div>
              </div>
            ) : null}
          </div>
          <div class="ds_page__middle">
            <div class="ds_wrapper">
              {options.crumbs && options.crumbs.length ? (
                <nav aria-label="Breadcrumb">
                  <ol class="ds_breadcrumbs">
                    {options.crumbs.map((crumb) => (
                      <li class="ds_breadcrumbs__item">
                        <a class="ds_breadcrumbs__link" href={crumb.href}>
                          {crumb.label}
                        </a>
                      </li>
                    ))}
                    <li class="ds_breadcrumbs__item" aria-current="page">
                      {options.title}
                    </li>
                  </ol>
                </nav>
              ) : null}
              <main id="main-content" class={`cairn-main${options.wide ? ' cairn-main--wide' : ''}`} tabindex={-1}>
                <header class="ds_page-header">
                  {options.label ? <span class="ds_page-header__label ds_content-label">{options.label}</span> : null}
                  <h1 class="ds_page-header__title">{options.title}</h1>
                </header>
                {options.subnav ? (
                  <nav class="cairn-subnav" aria-label="Partnership sections">
                    <ul class="cairn-subnav__list">
                      {options.subnav.map((s) => (
                        <li class="cairn-subnav__item">
                          <a
                            class={`cairn-subnav__link${s.current ? ' cairn-subnav__link--current' : ''}`}
                            href={s.href}
                            aria-current={s.current ? 'page' : undefined}
                          >
                            {s.label}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </nav>
                ) : null}
                {flash ? (
                  <div class={`ds_inset-text cairn-flash cairn-flash--${flash.kind}`} role="status">
                    <div class="ds_inset-text__text">{flash.message}</div>
                  </div>
                ) : null}
                {options.children}
              </main>
            </div>
          </div>
          <div class="ds_page__bottom">
            <footer class="ds_site-footer">
              <div class="ds_wrapper">
                <div class="ds_site-footer__content">
                  <ul class="ds_site-footer__site-items">
                    <li class="ds_site-items__item">
                      <a href="/about/permissions">Roles and permissions</a>
                    </li>
                    <li class="ds_site-items__item">
                      <a href="/imports">National data loaded</a>
                    </li>
                    <li class="ds_site-items__item">
                      <a href="/api">JSON API</a>
                    </li>
                  </ul>
                  <div class="ds_site-footer__copyright">
                    <p>
                      Cairn is free software under the EUPL-1.2. Public data is used under the Open Government Licence
                      v3.0.
                    </p>
                  </div>
                </div>
              </div>
            </footer>
          </div>
        </div>
      </body>
    </html>
  );
}

export function render(c: Context<AppEnv>, options: PageOptions): Response | Promise<Response> {
  return c.html(
    <>
      {raw('<!DOCTYPE html>')}
      <Page c={c} options={options} />
    </>,
  );
}
