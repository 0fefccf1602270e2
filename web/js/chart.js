// chart.js — the dashboard's two charts, drawn as SVG with
// document.createElementNS (no library, nothing inline: the CSP allows
// SVG elements and attributes set from a script):
//
//   hbarChart(container, rows, opts)   horizontal bars, one per unit,
//     labelled with the unit's name and the value; a row with an href is a
//     link (click, Tab + Enter).  From 560 px the name is left of its bar,
//     below that (phones) above it.
//   columnChart(container, cols, opts) one column per year, the value above
//     and the year below; the selected year stands out.
//
// Both draw at the container's width in CSS pixels (text keeps its size on a
// phone) and draw again when that width changes: responsive(container, draw)
// returns the function that stops it.

const NS = 'http://www.w3.org/2000/svg';

/** s('rect', {x: 0}, child…): an SVG element (attributes as strings). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  if (attrs) {
    for (const k of Object.keys(attrs)) {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      el.setAttribute(k, String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  return el;
}

function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Shortens a <text> already in the document to width px with "…". */
function fitText(el, width) {
  const full = el.textContent;
  if (!(width > 0) || typeof el.getComputedTextLength !== 'function') return;
  if (el.getComputedTextLength() <= width) return;
  let lo = 0;
  let hi = full.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    el.textContent = full.slice(0, mid).trimEnd() + '…';
    if (el.getComputedTextLength() <= width) lo = mid;
    else hi = mid - 1;
  }
  el.textContent = lo > 0 ? full.slice(0, lo).trimEnd() + '…' : '…';
}

/** The width to draw at: the container's, at least 260. */
function widthOf(container) {
  return Math.max(260, Math.floor(container.clientWidth || 0));
}

/** Draws now and again whenever the container's width changes. */
export function responsive(container, draw) {
  let last = -1;
  const run = () => {
    const w = widthOf(container);
    if (w === last) return;
    last = w;
    draw(w);
  };
  run();
  if (typeof ResizeObserver === 'undefined') return () => {};
  let frame = 0;
  const ro = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(run);
  });
  ro.observe(container);
  return () => {
    cancelAnimationFrame(frame);
    ro.disconnect();
  };
}

/**
 * rows: [{label, note?, value (text), fraction (0..1), href?, title?,
 *         cls? ('is-merged', 'is-own'), aria?}]
 * opts: {label (the chart's accessible name)}
 */
export function hbarChart(container, rows, opts = {}) {
  return responsive(container, (W) => {
    clear(container);
    const narrow = W < 560;
    const valueW = 64;
    const labelW = narrow ? W - 4 : Math.min(Math.round(W * 0.38), 360);
    const barX = narrow ? 0 : labelW + 12;
    const barMax = Math.max(40, W - barX - valueW - 8);
    const barH = narrow ? 14 : 18;
    let y = 4;
    const groups = [];
    const svg = s('svg', {
      class: 'chart chart-hbar', width: W, role: 'group',
      'aria-label': opts.label || null, xmlns: NS,
    });
    container.appendChild(svg);
    // the 100% (or largest) line behind the bars
    const axis = s('line', { class: 'chart-axis', x1: barX + barMax, x2: barX + barMax, y1: 0, y2: 0 });
    const base = s('line', { class: 'chart-base', x1: barX, x2: barX, y1: 0, y2: 0 });
    svg.appendChild(axis);
    svg.appendChild(base);
    for (const r of rows) {
      const lines = r.note ? 2 : 1;
      const labelH = narrow ? 18 * lines + 2 : 0;
      const rowH = narrow ? labelH + barH + 12 : Math.max(barH + 12, 18 * lines + 10);
      const g = s('g', { class: ['chart-row', r.cls].filter(Boolean).join(' ') });
      const hit = s('rect', { class: 'chart-hit', x: 0, y, width: W, height: rowH - 2, rx: 4 });
      g.appendChild(hit);
      const labelY = narrow ? y + 15 : y + (rowH - 18 * lines) / 2 + 13;
      const name = s('text', { class: 'chart-label', x: narrow ? 2 : 4, y: labelY }, r.label);
      g.appendChild(name);
      let note = null;
      if (r.note) {
        note = s('text', { class: 'chart-note', x: narrow ? 2 : 4, y: labelY + 17 }, r.note);
        g.appendChild(note);
      }
      const by = narrow ? y + labelH + 2 : y + (rowH - barH) / 2;
      const len = Math.max(0, Math.round(barMax * (r.fraction || 0)));
      g.appendChild(s('rect', { class: 'chart-track', x: barX, y: by, width: barMax, height: barH, rx: 2 }));
      if (len > 0) g.appendChild(s('rect', { class: 'chart-bar', x: barX, y: by, width: len, height: barH, rx: 2 }));
      g.appendChild(s('text', { class: 'chart-value', x: barX + len + 6, y: by + barH / 2 + 5 }, r.value));
      if (r.title) g.appendChild(s('title', null, r.title));
      let node = g;
      if (r.href) {
        node = s('a', { href: r.href, class: 'chart-link', 'aria-label': r.aria || r.title || r.label }, g);
      }
      svg.appendChild(node);
      groups.push({ name, note, width: narrow ? W - 8 : labelW - 8 });
      y += rowH;
    }
    const H = y + 4;
    svg.setAttribute('height', H);
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    for (const l of [axis, base]) {
      l.setAttribute('y1', 0);
      l.setAttribute('y2', H);
    }
    // names longer than their room end in "…" (the full name is the title)
    for (const g of groups) {
      fitText(g.name, g.width);
      if (g.note) fitText(g.note, g.width);
    }
  });
}

/**
 * cols: [{label ("2022"), value (text), fraction (0..1) or null (no value),
 *         href?, selected?, title?}]
 * opts: {label}
 */
export function columnChart(container, cols, opts = {}) {
  return responsive(container, (W) => {
    clear(container);
    const n = Math.max(1, cols.length);
    const top = 24;
    const plotH = W < 560 ? 120 : 150;
    const bottom = 24;
    const H = top + plotH + bottom;
    const slot = W / n;
    const colW = Math.min(64, Math.max(18, slot * 0.56));
    const svg = s('svg', {
      class: ['chart', 'chart-columns', slot < 72 && 'is-narrow'].filter(Boolean).join(' '), width: W, height: H, viewBox: `0 0 ${W} ${H}`,
      role: 'group', 'aria-label': opts.label || null, xmlns: NS,
    });
    svg.appendChild(s('line', { class: 'chart-base', x1: 0, x2: W, y1: top + plotH + 0.5, y2: top + plotH + 0.5 }));
    cols.forEach((c, i) => {
      const cx = slot * i + slot / 2;
      const g = s('g', { class: ['chart-col', c.selected && 'is-selected'].filter(Boolean).join(' ') });
      g.appendChild(s('rect', { class: 'chart-hit', x: slot * i + 2, y: 0, width: slot - 4, height: H, rx: 4 }));
      const hgt = c.fraction === null || c.fraction === undefined ? 0 : Math.round(plotH * Math.min(1, c.fraction));
      if (hgt > 0) {
        g.appendChild(s('rect', { class: 'chart-bar', x: cx - colW / 2, y: top + plotH - hgt, width: colW, height: hgt, rx: 2 }));
      }
      g.appendChild(s('text', { class: 'chart-value', x: cx, y: top + plotH - hgt - 6, 'text-anchor': 'middle' }, c.value));
      g.appendChild(s('text', { class: 'chart-year', x: cx, y: H - 6, 'text-anchor': 'middle' }, c.label));
      if (c.title) g.appendChild(s('title', null, c.title));
      svg.appendChild(c.href ? s('a', { href: c.href, class: 'chart-link', 'aria-label': c.title || c.label }, g) : g);
    });
    container.appendChild(svg);
  });
}
