// dom.js — building elements safely.
//
// h() only ever uses createElement, createTextNode, setAttribute and a few
// properties (value, checked): data never goes through innerHTML, so a name
// like "<img onerror=…>" is shown as text.  The CSP forbids inline styles:
// `style` takes an object applied through the CSSOM (allowed), never a string.

let uidCounter = 0;

/** A unique id for label/aria wiring: uid('f') -> "f-7". */
export function uid(prefix = 'id') {
  uidCounter += 1;
  return `${prefix}-${uidCounter}`;
}

function isNode(x) {
  return x !== null && typeof x === 'object' && typeof x.nodeType === 'number';
}

/** Appends children: strings/numbers as text, nodes, arrays (flattened);
 * null, undefined, true and false are skipped. */
export function append(el, ...children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false || c === true) continue;
    if (Array.isArray(c)) {
      append(el, ...c);
    } else if (isNode(c)) {
      el.appendChild(c);
    } else {
      el.appendChild(document.createTextNode(String(c)));
    }
  }
  return el;
}

/**
 * h('button', {type: 'button', class: 'primary', onClick: fn}, 'Lưu')
 *
 * attrs:
 *   class      string or array (falsy entries dropped)
 *   onXxx      function -> addEventListener('xxx')
 *   style      object of CSSOM properties (never a string: CSP)
 *   value      property, set after the children (so <select> picks its option)
 *   checked, selected, indeterminate  properties
 *   aria-*     always stringified (aria-expanded=false must stay "false")
 *   other      true -> "" (boolean attribute), false/null/undefined -> absent,
 *              anything else -> String(value)
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  let value;
  let hasValue = false;
  if (attrs) {
    for (const k of Object.keys(attrs)) {
      const v = attrs[k];
      if (k.length > 2 && k.startsWith('on') && typeof v === 'function') {
        el.addEventListener(k.slice(2).toLowerCase(), v);
        continue;
      }
      if (v === null || v === undefined) continue;
      if (k === 'class') {
        const cls = Array.isArray(v) ? v.filter(Boolean).join(' ') : String(v);
        if (cls) el.setAttribute('class', cls);
      } else if (k === 'style') {
        if (typeof v !== 'object') throw new TypeError('h(): style must be an object (CSP)');
        for (const p of Object.keys(v)) el.style[p] = v[p];
      } else if (k === 'value') {
        value = v;
        hasValue = true;
      } else if (k === 'checked' || k === 'selected' || k === 'indeterminate') {
        el[k] = !!v;
      } else if (k.startsWith('aria-')) {
        el.setAttribute(k, String(v));
      } else if (v === true) {
        el.setAttribute(k, '');
      } else if (v !== false) {
        el.setAttribute(k, String(v));
      }
    }
  }
  append(el, children);
  if (hasValue) el.value = String(value);
  return el;
}

/** Removes every child of el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces the children of el. */
export function mount(el, ...children) {
  clear(el);
  return append(el, children);
}

/** addEventListener that returns its own remover. */
export function on(el, type, fn, opts) {
  el.addEventListener(type, fn, opts);
  return () => el.removeEventListener(type, fn, opts);
}

/** Sets the text of el (textContent: never markup). */
export function text(el, s) {
  el.textContent = s === null || s === undefined ? '' : String(s);
  return el;
}

/** Calls fn after `ms` of quiet; .cancel() drops a pending call. */
export function debounce(fn, ms) {
  let timer = null;
  const d = (...args) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  d.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return d;
}
