// app.js — start-up, the signed-in account, the header and the hash router.
//
// Routes: #/login, #/, #/orgs, #/orgs/ID, #/people, #/people/new,
// #/people/ID, #/people/ID/edit, #/accounts, #/accounts/new, #/accounts/ID,
// #/security (every user: the password and the two-factor log-in),
// and the campaign's records of every type GET /api/v1/meta describes:
// #/r/<path>, #/r/<path>/new, #/r/<path>/ID, #/r/<path>/ID/edit;
// #/my-pledges (a member's own pledges); the campaign's figures: #/dashboard,
// #/dashboard/<name>, #/dashboard/<name>/records, the year's report #/years,
// the data quality #/quality, #/quality/<name> (figures.js: members read
// only the figures, and land on #/ after logging in; the others land on
// #/dashboard).
//
// A page module exports render(ctx) and may return {update(ctx), destroy()}:
// when only the query part of the hash changes (#/people?q=… -> ?q=…&page=2)
// update() is called instead of rebuilding the page, so the search box keeps
// its focus.

import { h, mount, clear } from './dom.js';
import { t, getLang, setLang, onLangChange, applyDocumentLang, roleLabel } from './i18n.js';
import * as api from './api.js';
import { parseHash, matchRoute } from './router.js';
import { can, isAdmin, canReadType } from './perm.js';
import * as loginPage from './pages/login.js';
import * as homePage from './pages/home.js';
import * as orgsPage from './pages/orgs.js';
import * as orgPage from './pages/org.js';
import * as peoplePage from './pages/people.js';
import * as personPage from './pages/person.js';
import * as accountsPage from './pages/accounts.js';
import * as recordsPage from './pages/records.js';
import * as recordPage from './pages/record.js';
import * as myPledgesPage from './pages/mypledges.js';
import * as dashboardPage from './pages/dashboard.js';
import * as dashRecordsPage from './pages/dashrecords.js';
import * as yearsPage from './pages/years.js';
import * as qualityPage from './pages/quality.js';
import * as importPage from './pages/import.js';
import * as securityPage from './pages/security.js';
import { readsFigureLists } from './figures.js';
import { closeDialogs } from './dialog.js';
import { loadMeta, currentMeta, genericTypes, labelOf } from './meta.js';

const ROUTES = [
  { name: 'login', pattern: '/login', page: loginPage, public: true },
  { name: 'home', pattern: '/', page: homePage, section: 'home' },
  { name: 'dashboard', pattern: '/dashboard', page: dashboardPage, section: 'dashboard' },
  { name: 'dashboard-one', pattern: '/dashboard/*name', page: dashboardPage, section: 'dashboard' },
  { name: 'dashboard-records', pattern: '/dashboard/*name/records', page: dashRecordsPage, section: 'dashboard',
    allowed: readsFigureLists },
  { name: 'years', pattern: '/years', page: yearsPage, section: 'dashboard', allowed: readsFigureLists },
  { name: 'quality', pattern: '/quality', page: qualityPage, section: 'dashboard', allowed: readsFigureLists },
  { name: 'quality-one', pattern: '/quality/*name', page: qualityPage, section: 'dashboard', allowed: readsFigureLists },
  { name: 'orgs', pattern: '/orgs', page: orgsPage, section: 'orgs' },
  { name: 'org', pattern: '/orgs/:id', page: orgPage, section: 'orgs' },
  { name: 'people', pattern: '/people', page: peoplePage, section: 'people' },
  { name: 'person-new', pattern: '/people/new', page: personPage, section: 'people', mode: 'new' },
  { name: 'person', pattern: '/people/:id', page: personPage, section: 'people', mode: 'view' },
  { name: 'person-edit', pattern: '/people/:id/edit', page: personPage, section: 'people', mode: 'edit' },
  { name: 'accounts', pattern: '/accounts', page: accountsPage, section: 'accounts', admin: true, mode: 'list' },
  { name: 'account-new', pattern: '/accounts/new', page: accountsPage, section: 'accounts', admin: true, mode: 'new' },
  { name: 'account', pattern: '/accounts/:id', page: accountsPage, section: 'accounts', admin: true, mode: 'edit' },
  { name: 'records', pattern: '/r/*type', page: recordsPage, section: recordSection },
  { name: 'record-new', pattern: '/r/*type/new', page: recordPage, section: recordSection, mode: 'new' },
  { name: 'record', pattern: '/r/*type/:id', page: recordPage, section: recordSection, mode: 'view' },
  { name: 'record-edit', pattern: '/r/*type/:id/edit', page: recordPage, section: recordSection, mode: 'edit' },
  { name: 'my-pledges', pattern: '/my-pledges', page: myPledgesPage, section: 'r:pledges' },
  { name: 'import', pattern: '/import', page: importPage, section: 'import', allowed: mayImport },
  { name: 'security', pattern: '/security', page: securityPage, section: 'security' },
];

/** Bulk import and export (#/import): staff and administrators. */
function mayImport(me) {
  return !!me && (me.role === 'admin' || me.role === 'staff');
}

function recordSection(params) {
  return `r:${params.type}`;
}

/* The campaign's record lists in the menu (type name, path, label key);
 * a member's pledges are their own page.  The many lists of direction and
 * results are in groups (a button opening its list: a drop-down from 720 px,
 * a sub-list in the phone's menu panel), so that the menu stays one row. */
const RECORD_NAV = [
  { type: 'activity', path: 'activities', label: 'nav.activities' },
  { type: 'pledge', path: 'pledges', label: 'nav.pledges', member: { href: '#/my-pledges', label: 'nav.my_pledges' } },
  { type: 'topic', path: 'topics', label: 'nav.topics' },
  { group: 'followup', label: 'nav.g_followup', items: [
    { type: 'plan', path: 'plans', label: 'nav.plans' },
    { type: 'inspection', path: 'inspections', label: 'nav.inspections' },
    { type: 'concern', path: 'concerns', label: 'nav.concerns' },
    { type: 'petition', path: 'petitions', label: 'nav.petitions' },
  ] },
  { group: 'results', label: 'nav.g_results', items: [
    { type: 'exemplar', path: 'exemplars', label: 'nav.exemplars' },
    { type: 'evaluation', path: 'evaluations', label: 'nav.evaluations' },
    { type: 'award', path: 'awards', label: 'nav.awards' },
    { type: 'survey', path: 'surveys', label: 'nav.surveys' },
    { type: 'metric_value', path: 'metrics', label: 'nav.metrics' },
  ] },
];

function recordNavTypes() {
  return RECORD_NAV.flatMap((r) => (r.items ? r.items : [r])).map((r) => r.type);
}

const session = { me: null, returnTo: null };

/** Where an account lands after logging in: the figures, but a member's
 * home page is the own pledges' (#/). */
export function landingHash(me) {
  return readsFigureLists(me) ? '#/dashboard' : '#/';
}
// root: this page's own container.  A page that answers late (after the user
// has moved on) writes into a detached element and nothing shows.
let current = { key: null, inst: null, section: null, root: null };
let firstRender = true;
let pendingFlash = null;

const $ = (id) => document.getElementById(id);

/* ---- header ------------------------------------------------------------ */

/** The menu: [{section, href, label (i18n key) or text}] and groups
 * [{group, label, items: [...]}], only what the account may read; a group
 * with a single entry is that entry. */
export function navItems(me, meta = null) {
  // the page the account lands on first (landingHash)
  const figures = { section: 'dashboard', href: '#/dashboard', label: 'nav.dashboard' };
  const home = { section: 'home', href: '#/', label: 'nav.home' };
  const items = readsFigureLists(me) ? [figures, home] : [home, figures];
  if (can(me, 'org', 'read')) items.push({ section: 'orgs', href: '#/orgs', label: 'nav.orgs' });
  if (me.role === 'member') {
    if (me.person_id) items.push({ section: 'people', href: `#/people/${me.person_id}`, label: 'nav.my_profile' });
  } else if (can(me, 'person', 'read')) {
    items.push({ section: 'people', href: '#/people', label: 'nav.people' });
  }
  const entry = (r) => {
    const own = me.role === 'member' && r.member;
    return { section: `r:${r.path}`, href: own ? r.member.href : `#/r/${r.path}`,
      label: own ? r.member.label : r.label, text: r.text };
  };
  const group = (key, label, list) => {
    const readable = list.filter((r) => canReadType(me, r.type)).map(entry);
    if (readable.length > 1) items.push({ group: key, label, items: readable });
    else items.push(...readable);
  };
  for (const r of RECORD_NAV) {
    if (r.items) group(r.group, r.label, r.items);
    else if (canReadType(me, r.type)) items.push(entry(r));
  }
  // Lists the server has and this menu does not know yet.
  const known = new Set([...recordNavTypes(), 'catalog']);
  const others = meta ? genericTypes(meta).filter((ty) => !ty.parent && !known.has(ty.name))
    .map((ty) => ({ type: ty.name, path: ty.path, text: labelOf(ty) })) : [];
  if (others.length) group('other', 'nav.g_other', others);
  if (mayImport(me)) items.push({ section: 'import', href: '#/import', label: 'nav.import' });
  if (isAdmin(me)) {
    const admin = [{ section: 'accounts', href: '#/accounts', label: 'nav.accounts' }];
    if (canReadType(me, 'catalog')) admin.push(entry({ type: 'catalog', path: 'catalog', label: 'nav.catalog' }));
    items.push(admin.length > 1 ? { group: 'admin', label: 'nav.g_admin', items: admin } : admin[0]);
  }
  return items;
}

function renderChrome() {
  const me = session.me;
  applyDocumentLang();
  $('app-header').classList.toggle('no-session', !me);
  $('brand').setAttribute('aria-label', t('app.home_link'));
  $('brand-tagline').textContent = t('app.tagline');
  $('skip-link').textContent = t('app.skip');
  $('menu-toggle-label').textContent = t('app.menu');
  $('menu-toggle').hidden = !me;
  $('nav').setAttribute('aria-label', t('nav.label'));
  $('lang-switch').setAttribute('aria-label', t('app.language'));
  for (const b of document.querySelectorAll('.lang-btn')) {
    const l = b.getAttribute('data-lang');
    b.setAttribute('aria-pressed', String(l === getLang()));
    b.setAttribute('title', l === 'vi' ? 'Tiếng Việt' : 'English');
  }
  $('footer-text').textContent = t('app.footer');

  const logout = $('logout');
  logout.textContent = t('app.logout');
  logout.hidden = !me;

  const account = $('account');
  const nav = $('nav-list');
  if (!me) {
    account.hidden = true;
    clear(account);
    clear(nav);
    $('nav').hidden = true;
    return;
  }
  account.hidden = false;
  mount(account,
    h('span', { class: 'account-name' }, me.display_name || me.username),
    h('span', { class: 'account-unit' },
      [roleLabel(me.role), me.org && me.org.name].filter(Boolean).join(' · ')),
    h('a', { class: 'account-security', href: '#/security' }, t('nav.security')));
  $('nav').hidden = false;
  const link = (it) => h('a', {
    href: it.href, class: 'nav-link', 'data-section': it.section,
    'aria-current': current.section === it.section ? 'page' : null,
  }, it.text || t(it.label));
  mount(nav, navItems(me, currentMeta()).map((it) => {
    if (!it.items) return h('li', null, link(it));
    const id = `nav-group-${it.group}`;
    const btn = h('button', { type: 'button', class: 'nav-link nav-group-btn', 'aria-expanded': 'false',
      'aria-controls': id, 'data-group': it.group, onClick: () => openGroup(btn.getAttribute('aria-expanded') !== 'true' ? it.group : null) },
    h('span', null, t(it.label)), h('span', { class: 'nav-caret', 'aria-hidden': 'true' }));
    return h('li', { class: 'nav-group' }, btn,
      h('ul', { class: 'nav-sub', id, hidden: true }, it.items.map((x) => h('li', null, link(x)))));
  }));
  markNav(current.section);
}

/** Opens the menu group `key` (null: none) and closes the others. */
function openGroup(key) {
  for (const b of document.querySelectorAll('#nav-list .nav-group-btn')) {
    const open = b.getAttribute('data-group') === key;
    b.setAttribute('aria-expanded', String(open));
    const sub = $(b.getAttribute('aria-controls'));
    if (!sub) continue;
    sub.hidden = !open;
    // A drop-down near the right edge opens leftwards (never off screen).
    sub.classList.remove('nav-sub-left');
    if (open && sub.getBoundingClientRect().right > document.documentElement.clientWidth) {
      sub.classList.add('nav-sub-left');
    }
  }
}

function markNav(section) {
  for (const a of document.querySelectorAll('#nav-list a')) {
    if (a.getAttribute('data-section') === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  // The group holding the page is marked too (its list is closed).
  for (const b of document.querySelectorAll('#nav-list .nav-group-btn')) {
    const sub = $(b.getAttribute('aria-controls'));
    b.classList.toggle('has-current', !!(sub && sub.querySelector('a[aria-current="page"]')));
  }
}

function setMenu(open) {
  $('menu').classList.toggle('is-open', open);
  $('menu-toggle').setAttribute('aria-expanded', String(open));
  // The phone's panel opens on the group of the page shown; closed, no
  // group stays open (a drop-down left open would cover the next page).
  const cur = document.querySelector('#nav-list .nav-group-btn.has-current');
  openGroup(open && cur ? cur.getAttribute('data-group') : null);
}

/* ---- flash messages (shown once, above the next page) ------------------ */

function flash(msg) {
  pendingFlash = msg;
}

function showFlash() {
  const el = $('flash');
  clear(el);
  if (!pendingFlash) return;
  el.appendChild(h('p', { class: 'flash' }, pendingFlash,
    h('button', { type: 'button', class: 'flash-close', 'aria-label': t('common.close'),
      onClick: () => clear(el) }, '×')));
  pendingFlash = null;
}

/* ---- router ------------------------------------------------------------ */

function navigate(hash, { replace = false } = {}) {
  if (replace) {
    history.replaceState(null, '', hash);
    route();
  } else if (location.hash === hash) {
    route();
  } else {
    location.hash = hash;
  }
}

function makeCtx(r, params, query, root) {
  return {
    main: root,
    params,
    query,
    mode: r.mode,
    me: session.me,
    navigate,
    flash, // shown above the next page
    notify(msg) { // shown now
      pendingFlash = msg;
      showFlash();
    },
    setTitle(s) {
      document.title = s ? `${s} · lamtheo` : 'lamtheo';
    },
    onLogin(me) {
      session.me = me;
      renderChrome();
      navFromMeta();
      const back = session.returnTo && !session.returnTo.startsWith('#/login') && session.returnTo !== '#/'
        ? session.returnTo : landingHash(me);
      session.returnTo = null;
      navigate(back, { replace: true });
    },
  };
}

function destroyCurrent() {
  closeDialogs();
  if (current.inst && typeof current.inst.destroy === 'function') {
    try {
      current.inst.destroy();
    } catch (e) {
      console.error(e);
    }
  }
  current = { key: null, inst: null, section: null, root: null };
}

function renderSimple(titleKey, textKey) {
  destroyCurrent();
  showFlash();
  const main = $('page');
  document.title = `${t(titleKey)} · lamtheo`;
  mount(main, h('section', { class: 'page-section' },
    h('h1', null, t(titleKey)),
    h('p', null, t(textKey)),
    h('p', null, h('a', { href: '#/' }, t('nav.back_home')))));
}

function focusPage() {
  const heading = $('page').querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  } else {
    $('main').focus({ preventScroll: true });
  }
}

function route() {
  const { path, query } = parseHash(location.hash);
  setMenu(false);
  const m = matchRoute(ROUTES, path);
  if (!m) {
    renderSimple('app.not_found', 'app.not_found_text');
    return;
  }
  const r = m.route;
  if (!r.public && !session.me) {
    session.returnTo = location.hash || '#/';
    location.replace('#/login');
    return;
  }
  if (r.name === 'login' && session.me) {
    location.replace(landingHash(session.me));
    return;
  }
  // The app opened without an address: the landing page of the account.
  if (r.name === 'home' && !location.hash && landingHash(session.me) !== '#/') {
    location.replace(landingHash(session.me));
    return;
  }
  if ((r.admin && !isAdmin(session.me)) || (r.allowed && !r.allowed(session.me))) {
    renderSimple('app.forbidden', 'app.forbidden_text');
    return;
  }
  const key = `${r.name}:${JSON.stringify(m.params)}`;
  if (current.key === key && current.inst && typeof current.inst.update === 'function') {
    current.inst.update(makeCtx(r, m.params, query, current.root));
    return;
  }
  destroyCurrent();
  const root = h('div', { class: 'page-root' });
  mount($('page'), root);
  showFlash();
  const section = typeof r.section === 'function' ? r.section(m.params) : r.section;
  current = { key, inst: null, section: section || null, root };
  markNav(current.section);
  try {
    current.inst = r.page.render(makeCtx(r, m.params, query, root)) || null;
  } catch (e) {
    console.error(e);
    mount(root, h('p', { class: 'form-error', role: 'alert' }, e.message || String(e)));
  }
  window.scrollTo(0, 0);
  if (!firstRender) focusPage();
  firstRender = false;
}

function rerender() {
  current.key = null;
  route();
}

/* ---- start ------------------------------------------------------------- */

async function loadMe() {
  const main = $('page');
  try {
    session.me = await api.fetchMe();
    return true;
  } catch (e) {
    renderChrome();
    mount(main, h('section', { class: 'page-section' },
      h('h1', null, t('app.unavailable')),
      h('p', { class: 'form-error', role: 'alert' }, e.message || String(e)),
      h('p', null, h('button', { type: 'button', class: 'btn btn-primary', onClick: () => start() },
        t('common.retry')))));
    return false;
  }
}

let started = false;

/** Lists the menu does not know yet join it once GET /meta has answered. */
function navFromMeta() {
  if (!session.me) return;
  loadMeta().then(() => { if (session.me) renderChrome(); }).catch(() => { /* the menu is enough */ });
}

async function start() {
  applyDocumentLang();
  if (!(await loadMe())) return;
  renderChrome();
  navFromMeta();
  if (!started) {
    started = true;
    window.addEventListener('hashchange', route);
    onLangChange(() => {
      renderChrome();
      rerender();
    });
  }
  route();
}

api.onUnauthenticated(() => {
  const wasSignedIn = !!session.me;
  session.me = null;
  api.forgetOrgs();
  if (wasSignedIn) {
    flash(t('login.session_expired'));
    renderChrome();
  }
  if (parseHash(location.hash).path !== '/login') {
    session.returnTo = location.hash || '#/';
    location.hash = '#/login';
  }
});

document.addEventListener('DOMContentLoaded', () => {
  for (const b of document.querySelectorAll('.lang-btn')) {
    b.addEventListener('click', () => setLang(b.getAttribute('data-lang')));
  }
  $('menu-toggle').addEventListener('click', () => {
    setMenu($('menu-toggle').getAttribute('aria-expanded') !== 'true');
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const group = document.querySelector('#nav-list .nav-group-btn[aria-expanded="true"]');
    if (group && !$('menu').classList.contains('is-open')) {
      openGroup(null);
      group.focus();
    } else if ($('menu').classList.contains('is-open')) {
      setMenu(false);
      $('menu-toggle').focus();
    }
  });
  // A drop-down of the menu closes when one clicks elsewhere.
  document.addEventListener('click', (e) => {
    if (!e.target.closest || !e.target.closest('.nav-group')) {
      if (!$('menu').classList.contains('is-open')) openGroup(null);
    }
  });
  $('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    focusPage();
  });
  $('logout').addEventListener('click', async () => {
    $('logout').disabled = true;
    try {
      await api.logout();
    } catch {
      /* the session is gone either way */
    }
    $('logout').disabled = false;
    session.me = null;
    api.forgetOrgs();
    destroyCurrent();
    renderChrome();
    flash(t('login.logged_out'));
    navigate('#/login');
  });
  start();
});
