// pages/home.js — #/: who is signed in, where, and the ways in (figures, the
// year's report, data quality, tree, people search, own unit, own profile,
// accounts).  Only what exists is shown.

import { h, mount, uid } from '../dom.js';
import { t, has, roleLabel, kindLabel } from '../i18n.js';
import { buildHash } from '../router.js';
import { can, isAdmin, canReadType, canWriteType } from '../perm.js';
import { loadMeta, genericTypes, labelOf } from '../meta.js';
import { readsFigureLists } from '../figures.js';

/* The campaign's records on the home page; other generic types the server
 * describes get a card of their own once GET /meta has answered. */
const RECORD_CARDS = [
  { type: 'pledge', path: 'pledges', title: 'home.pledges_title', text: 'home.pledges_text',
    member: { href: '#/my-pledges', title: 'home.my_pledges_title', text: 'home.my_pledges_text' } },
  { type: 'activity', path: 'activities', title: 'home.activities_title', text: 'home.activities_text' },
  { type: 'topic', path: 'topics', title: 'home.topics_title', text: 'home.topics_text' },
];

function card(href, titleKey, textKey, extra) {
  return h('li', { class: 'home-card' },
    h('h2', { class: 'home-card-title' }, h('a', { href }, t(titleKey))),
    h('p', null, t(textKey)),
    extra || null);
}

export function render(ctx) {
  const me = ctx.me;
  ctx.setTitle(t('home.title'));
  const name = me.display_name || me.username;
  const org = me.org || {};
  const others = (me.scope || []).filter((s) => s.id !== org.id);

  let searchForm = null;
  if (can(me, 'person', 'read') && me.role !== 'member') {
    const qid = uid('home-q');
    const input = h('input', { id: qid, type: 'search', class: 'input', name: 'q', autocomplete: 'off',
      placeholder: t('people.search_placeholder') });
    searchForm = h('form', { class: 'inline-search', role: 'search',
      onSubmit: (e) => {
        e.preventDefault();
        ctx.navigate(buildHash('/people', { q: input.value.trim() }));
      } },
    h('label', { for: qid, class: 'label' }, t('home.search_label')),
    h('div', { class: 'inline-search-row' }, input,
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search'))));
  }

  const cards = [];
  // The figures first, with the year's report and the data quality; a
  // member reads only the figures, after the own pledges (figures.js).
  const figures = card('#/dashboard', 'home.dashboard_title', 'home.dashboard_text');
  if (readsFigureLists(me)) {
    cards.push(figures, card('#/years', 'home.years_title', 'home.years_text'),
      card('#/quality', 'home.quality_title', 'home.quality_text'));
  }
  if (can(me, 'org', 'read')) {
    cards.push(card('#/orgs', 'home.tree_title', 'home.tree_text'));
    if (org.id) {
      cards.push(h('li', { class: 'home-card' },
        h('h2', { class: 'home-card-title' }, h('a', { href: `#/orgs/${org.id}` }, org.name)),
        h('p', null, t('home.own_unit_text', { kind: kindLabel(org.kind) }))));
    }
  }
  for (const rc of RECORD_CARDS) {
    if (!canReadType(me, rc.type)) continue;
    if (me.role === 'member' && rc.member) cards.push(card(rc.member.href, rc.member.title, rc.member.text));
    else cards.push(card(`#/r/${rc.path}`, rc.title, rc.text));
  }
  if (!readsFigureLists(me)) cards.push(figures);
  if (searchForm) cards.push(card('#/people', 'home.people_title', 'home.people_text', searchForm));
  if (me.person_id) cards.push(card(`#/people/${me.person_id}`, 'home.profile_title', 'home.profile_text'));
  if (isAdmin(me)) cards.push(card('#/accounts', 'home.accounts_title', 'home.accounts_text'));

  mount(ctx.main, h('section', { class: 'page-section home' },
    h('h1', null, t('home.greeting', { name })),
    h('p', { class: 'lead' }, t('home.role_line', { role: roleLabel(me.role), org: org.name || '' })),
    others.length
      ? h('p', { class: 'scope-line' }, t('home.scope_more'), ' ',
        others.map((s, i) => [i ? '; ' : '', h('a', { href: `#/orgs/${s.id}` }, s.name)]))
      : null,
    h('ul', { class: 'home-cards' }, cards)));

  const list = ctx.main.querySelector('.home-cards');
  loadMeta().then((meta) => {
    const known = new Set(RECORD_CARDS.map((r) => r.type));
    // The configuration lists last: they are the administrators' business.
    // (the catalogue only for who may change it, as in the menu)
    const types = genericTypes(meta).filter((ty) => !ty.parent && !known.has(ty.name) && canReadType(me, ty.name) &&
      (ty.name !== 'catalog' || canWriteType(me, ty.name)))
      .sort((a, b) => Number(a.name === 'catalog') - Number(b.name === 'catalog'));
    for (const ty of types) {
      const text = has(`home.type.${ty.name}`) ? `home.type.${ty.name}` : 'home.records_text';
      list.appendChild(h('li', { class: 'home-card', 'data-type': ty.name },
        h('h2', { class: 'home-card-title' }, h('a', { href: `#/r/${ty.path}` }, labelOf(ty))),
        h('p', null, t(text))));
    }
  }).catch(() => { /* the cards above are enough */ });
}
