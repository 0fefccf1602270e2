// router.js — the URL hash as the page's state: "#/people?q=sang&page=2".
// Pure functions (no DOM), so pages can build links without importing app.js.

/** "#/people?q=x&page=2" -> {path: "/people", query: {q: "x", page: "2"}} */
export function parseHash(hash) {
  let s = String(hash || '').replace(/^#/, '');
  if (!s.startsWith('/')) s = '/' + s;
  const i = s.indexOf('?');
  const path = (i < 0 ? s : s.slice(0, i)).replace(/\/+$/, '') || '/';
  const query = {};
  if (i >= 0) {
    for (const [k, v] of new URLSearchParams(s.slice(i + 1))) query[k] = v;
  }
  return { path, query };
}

/** buildHash("/people", {q: "sang", page: 1, org: null}) -> "#/people?q=sang&page=1"
 * (null, undefined and "" are left out). */
export function buildHash(path, query = {}) {
  const q = new URLSearchParams();
  for (const k of Object.keys(query)) {
    const v = query[k];
    if (v === null || v === undefined || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return '#' + path + (s ? '?' + s : '');
}

/** A positive integer from a query value, or the fallback. */
export function intParam(v, fallback) {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Matches a path against route specs [{name, pattern: "/orgs/:id"}].
 * Returns {route, params} or null.  ":id" matches digits only (a number);
 * "*type" matches a lower-case name ("pledges", "plan_tasks": a string).
 */
export function matchRoute(routes, path) {
  for (const route of routes) {
    const a = route.pattern.split('/');
    const b = path.split('/');
    if (a.length !== b.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < a.length && ok; i++) {
      if (a[i].startsWith(':')) {
        if (/^\d+$/.test(b[i])) params[a[i].slice(1)] = Number(b[i]);
        else ok = false;
      } else if (a[i].startsWith('*')) {
        if (/^[a-z][a-z0-9_]*$/.test(b[i])) params[a[i].slice(1)] = b[i];
        else ok = false;
      } else if (a[i] !== b[i]) {
        ok = false;
      }
    }
    if (ok) return { route, params };
  }
  return null;
}
