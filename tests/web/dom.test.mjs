// Unit tests of web/js/dom.js against a fake document (no browser needed).
import test from 'node:test';
import assert from 'node:assert/strict';
import { installFakeDocument } from './fakedom.mjs';
import { h, append, clear, mount, on, text, uid, debounce } from '../../web/js/dom.js';

installFakeDocument();

test('h builds an element with attributes and text children', () => {
  const el = h('a', { href: '#/orgs/3', class: 'org-link', title: 'Xem' }, 'Đảng bộ tỉnh ', 'Thái Bình');
  assert.equal(el.tagName, 'A');
  assert.equal(el.getAttribute('href'), '#/orgs/3');
  assert.equal(el.getAttribute('class'), 'org-link');
  assert.equal(el.textContent, 'Đảng bộ tỉnh Thái Bình');
});

test('markup in data stays text (never parsed)', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const el = h('td', null, evil);
  assert.equal(el.childNodes.length, 1);
  assert.equal(el.childNodes[0].nodeType, 3);
  assert.equal(el.textContent, evil);
  const t = text(h('p'), '<b>x</b>');
  assert.equal(t.textContent, '<b>x</b>');
});

test('class accepts arrays and drops falsy parts', () => {
  assert.equal(h('li', { class: ['tree-node', false, 'is-closed', null] }).getAttribute('class'), 'tree-node is-closed');
  assert.equal(h('li', { class: [false] }).hasAttribute('class'), false);
});

test('boolean, null and aria attributes', () => {
  const b = h('button', { type: 'button', disabled: true, hidden: false, title: null, 'aria-expanded': false });
  assert.equal(b.getAttribute('disabled'), '');
  assert.equal(b.hasAttribute('hidden'), false);
  assert.equal(b.hasAttribute('title'), false);
  assert.equal(b.getAttribute('aria-expanded'), 'false');
  assert.equal(h('p', { 'aria-live': 'polite' }).getAttribute('aria-live'), 'polite');
});

test('event handlers are listeners, not attributes', () => {
  let clicks = 0;
  const b = h('button', { onClick: () => { clicks += 1; } }, 'Lưu');
  assert.equal(b.hasAttribute('onclick'), false);
  b.dispatch('click');
  assert.equal(clicks, 1);
});

test('style takes an object only (CSP forbids style attributes)', () => {
  const d = h('div', { style: { width: '10px' } });
  assert.equal(d.style.width, '10px');
  assert.equal(d.hasAttribute('style'), false);
  assert.throws(() => h('div', { style: 'color: red' }), TypeError);
});

test('value and checked are properties, value set after children', () => {
  const s = h('select', { value: 'b' }, h('option', { value: 'a' }), h('option', { value: 'b' }));
  assert.equal(s.value, 'b');
  assert.equal(s.hasAttribute('value'), false);
  const c = h('input', { type: 'checkbox', checked: 1 });
  assert.equal(c.checked, true);
});

test('children: numbers, nested arrays, nodes; null/false/true skipped', () => {
  const el = h('p', null, 1, [' ', ['a', null, false], true], undefined, h('b', null, 'c'));
  assert.equal(el.textContent, '1 ac');
  assert.equal(el.childNodes.length, 4);
  assert.equal(h('p', null, 0).textContent, '0');
});

test('append, clear, mount', () => {
  const ul = h('ul');
  append(ul, h('li', null, 'một'), [h('li', null, 'hai')]);
  assert.equal(ul.childNodes.length, 2);
  clear(ul);
  assert.equal(ul.childNodes.length, 0);
  mount(ul, h('li', null, 'ba'));
  mount(ul, h('li', null, 'bốn'), h('li', null, 'năm'));
  assert.equal(ul.textContent, 'bốnnăm');
});

test('on returns a remover', () => {
  const b = h('button');
  let n = 0;
  const off = on(b, 'click', () => { n += 1; });
  b.dispatch('click');
  off();
  b.dispatch('click');
  assert.equal(n, 1);
});

test('uid is unique', () => {
  const a = uid('f');
  const b = uid('f');
  assert.notEqual(a, b);
  assert.match(a, /^f-\d+$/);
});

test('debounce calls once after quiet, cancel drops the call', async () => {
  const calls = [];
  const d = debounce((x) => calls.push(x), 20);
  d(1); d(2); d(3);
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(calls, [3]);
  d(4);
  d.cancel();
  await new Promise((r) => setTimeout(r, 40));
  assert.deepEqual(calls, [3]);
});
