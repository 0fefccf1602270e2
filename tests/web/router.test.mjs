// Unit tests of web/js/router.js and web/js/perm.js, and of the people list's
// URL state (pages/people.js): pure functions, no DOM.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseHash, buildHash, matchRoute, intParam } from '../../web/js/router.js';
import { can, canEditOrgs, canEditOrg, canTransfer, canWritePeople } from '../../web/js/perm.js';
import { stateFromQuery, hashFor } from '../../web/js/pages/people.js';

test('parseHash', () => {
  assert.deepEqual(parseHash(''), { path: '/', query: {} });
  assert.deepEqual(parseHash('#/'), { path: '/', query: {} });
  assert.deepEqual(parseHash('#/people?q=nguyen%20van%20sang&page=2'),
    { path: '/people', query: { q: 'nguyen van sang', page: '2' } });
  assert.deepEqual(parseHash('#/orgs/12/'), { path: '/orgs/12', query: {} });
  assert.deepEqual(parseHash('#people'), { path: '/people', query: {} });
  assert.equal(parseHash('#/people?q=Nguy%E1%BB%85n').query.q, 'Nguyễn');
});

test('buildHash round-trips and drops empty values', () => {
  const h = buildHash('/people', { q: 'Nguyễn Văn Sáng', page: 2, org: null, status: '' });
  assert.equal(h, '#/people?q=Nguy%E1%BB%85n+V%C4%83n+S%C3%A1ng&page=2');
  assert.deepEqual(parseHash(h), { path: '/people', query: { q: 'Nguyễn Văn Sáng', page: '2' } });
  assert.equal(buildHash('/orgs'), '#/orgs');
});

test('matchRoute', () => {
  const routes = [{ name: 'p', pattern: '/people' }, { name: 'new', pattern: '/people/new' },
    { name: 'one', pattern: '/people/:id' }, { name: 'edit', pattern: '/people/:id/edit' }];
  assert.equal(matchRoute(routes, '/people').route.name, 'p');
  assert.equal(matchRoute(routes, '/people/new').route.name, 'new');
  assert.deepEqual(matchRoute(routes, '/people/42').params, { id: 42 });
  assert.equal(matchRoute(routes, '/people/42/edit').route.name, 'edit');
  assert.equal(matchRoute(routes, '/people/abc'), null);
  assert.equal(matchRoute(routes, '/nope'), null);
});

test('intParam', () => {
  assert.equal(intParam('3', 1), 3);
  assert.equal(intParam('0', 1), 1);
  assert.equal(intParam('-2', 1), 1);
  assert.equal(intParam('2.5', 1), 1);
  assert.equal(intParam(undefined, null), null);
});

test('people list state lives in the hash', () => {
  const s = stateFromQuery({ q: 'nguyen van sang', page: '3', org: '41', status: 'active' });
  assert.deepEqual(s, { q: 'nguyen van sang', org: 41, status: 'active', page: 3, sort: 'name', dir: 'asc' });
  assert.equal(hashFor(s), '#/people?q=nguyen+van+sang&org=41&status=active&page=3');
  assert.deepEqual(stateFromQuery({ status: 'bogus', sort: 'salary', dir: 'up', page: 'x' }),
    { q: '', org: null, status: '', page: 1, sort: 'name', dir: 'asc' });
  assert.equal(hashFor(stateFromQuery({ sort: 'birth_year', dir: 'desc' })), '#/people?sort=birth_year&dir=desc');
});

const perms = (org, person, account = []) => ({ org, person, account });

test('permissions from /me', () => {
  const admin = { role: 'admin', org: { id: 1 }, permissions: perms(['read', 'write'], ['read', 'write'], ['read', 'write']) };
  const staff = { role: 'staff', org: { id: 2 }, permissions: perms(['read', 'write'], ['read', 'write']) };
  const secretary = { role: 'secretary', org: { id: 41 }, permissions: perms(['read'], ['read', 'write']) };
  const viewer = { role: 'viewer', org: { id: 2 }, permissions: perms(['read'], ['read']) };
  assert.equal(canEditOrgs(admin), true);
  assert.equal(canEditOrgs(staff), true);
  assert.equal(canEditOrgs(secretary), false);
  assert.equal(canEditOrg(staff, { id: 2 }), false, 'staff: strictly below their own unit');
  assert.equal(canEditOrg(staff, { id: 12 }), true);
  assert.equal(canEditOrg(admin, { id: 1 }), true);
  assert.equal(canWritePeople(secretary), true);
  assert.equal(canTransfer(secretary), false);
  assert.equal(canTransfer(staff), true);
  assert.equal(canWritePeople(viewer), false);
  assert.equal(can(null, 'org', 'read'), false);
});

test('transfer permission from the server when it sends one', () => {
  const sec = { role: 'secretary', permissions: { org: ['read'], person: ['read', 'write'], transfer: [], account: [] } };
  const staff = { role: 'staff', permissions: { org: ['read', 'write'], person: ['read', 'write'], transfer: ['write'] } };
  assert.equal(canTransfer(sec), false);
  assert.equal(canTransfer(staff), true);
});
