// api.js — the one client of the JSON API (docs/api.md) that every page uses.
//
// - cookies only (credentials: 'same-origin'); the session token is HttpOnly;
// - Accept-Language follows the interface language, so the server's error
//   messages come in the language on screen;
// - X-CSRF-Token on every POST/PATCH/PUT/DELETE, kept in memory only (from
//   /login and /me answers), never in storage;
// - errors are thrown as ApiError {status, code, message, field} from the
//   server's {"error": {...}} body;
// - a 401 from anything but /login and its second step (/login/…) calls the
//   handler app.js installs (which sends the user to the log-in page).

import { getLang, t } from './i18n.js';

export const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, code, message, field = null, retryAfter = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

let csrfToken = null;
let unauthenticatedHandler = null;

export function setCsrfToken(token) {
  csrfToken = typeof token === 'string' && token ? token : null;
}

/** fn(error) is called on a 401 from any endpoint except /login. */
export function onUnauthenticated(fn) {
  unauthenticatedHandler = fn;
}

/** Query string from an object; null, undefined and "" are left out. */
export function queryString(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const k of Object.keys(params)) {
    const v = params[k];
    if (v === null || v === undefined || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

async function send(method, path, body, params, signal) {
  const headers = {
    Accept: 'application/json',
    'Accept-Language': getLang(),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(BASE + path + queryString(params), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
      signal,
    });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', t('err.network'));
  }
}

async function readJson(res) {
  const body = await res.text().catch(() => '');
  if (!body) return null;
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function errorFrom(res, data) {
  const e = data && typeof data.error === 'object' && data.error ? data.error : {};
  const code = typeof e.code === 'string' ? e.code : `http_${res.status}`;
  const message = typeof e.message === 'string' && e.message
    ? e.message
    : t('err.http', { status: res.status });
  const field = typeof e.field === 'string' && e.field ? e.field : null;
  const err = new ApiError(res.status, code, message, field, res.headers.get('Retry-After'));
  // 503 "building": the year and how far its figures are (docs/api.md)
  if (e.building && typeof e.building === 'object') err.building = e.building;
  return err;
}

/**
 * request('GET', '/people', {params: {q: 'sang'}}) -> parsed JSON (null on 204).
 * Options: body (any JSON value), params (query), signal (AbortSignal).
 */
export async function request(method, path, { body, params, signal } = {}, retried = false) {
  const res = await send(method, path, body, params, signal);
  const data = res.status === 204 ? null : await readJson(res);
  if (!res.ok) {
    const err = errorFrom(res, data);
    if (res.status === 401 && !path.startsWith('/login')) {
      setCsrfToken(null);
      if (unauthenticatedHandler) unauthenticatedHandler(err);
    } else if (res.status === 403 && err.code === 'csrf' && !retried && path !== '/me') {
      // The token may be stale (another tab logged in again): fetch it once more.
      try {
        await request('GET', '/me');
        return request(method, path, { body, params, signal }, true);
      } catch {
        /* fall through to the original error */
      }
    }
    throw err;
  }
  if ((path.startsWith('/login') || path === '/me') && data && typeof data.csrf_token === 'string') {
    setCsrfToken(data.csrf_token);
  }
  return data;
}

/** POSTs a File as the body (bulk import): {status, data} whatever the
 * status, so the page can show a refusal's rows. */
export async function upload(path, params, file) {
  const headers = { Accept: 'application/json', 'Accept-Language': getLang(),
    'Content-Type': file.type || 'application/octet-stream' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(BASE + path + queryString(params), { method: 'POST', headers, body: file,
      credentials: 'same-origin', cache: 'no-store', redirect: 'error' });
  } catch {
    throw new ApiError(0, 'network', t('err.network'));
  }
  return { status: res.status, data: await readJson(res) };
}

export const get = (path, params, opts = {}) => request('GET', path, { ...opts, params });
export const post = (path, body = {}, opts = {}) => request('POST', path, { ...opts, body });
export const patch = (path, body = {}, opts = {}) => request('PATCH', path, { ...opts, body });
export const put = (path, body = {}, opts = {}) => request('PUT', path, { ...opts, body });
export const del = (path, opts = {}) => request('DELETE', path, opts);

function accountOf(data) {
  const me = data && data.account ? data.account : data;
  if (data && data.csrf_token && me && !me.csrf_token) me.csrf_token = data.csrf_token;
  return me;
}

/**
 * POST /login.  Returns ACCOUNT_ME (with csrf_token set in memory) when the
 * log-in is complete, or {second_factor: 'totp'|'enrol', ticket, expires_at}
 * when a second step is needed (docs/api.md "Two-factor log-in").
 */
export async function login(username, password) {
  const data = await post('/login', { username, password });
  if (data && data.second_factor) return data;
  return accountOf(data);
}

/** POST /login/totp with a code ({code}) or a recovery code ({recovery_code});
 * returns ACCOUNT_ME (recovery_codes_left added when one was used). */
export async function loginSecondStep(ticket, answer) {
  const data = await post('/login/totp', { ticket, ...answer });
  const me = accountOf(data);
  if (data && typeof data.recovery_codes_left === 'number') me.recovery_codes_left = data.recovery_codes_left;
  return me;
}

/** POST /login/enrol: {secret, otpauth_uri, qr_svg, digits, period, expires_at}. */
export const loginEnrol = (ticket) => post('/login/enrol', { ticket });

/** POST /login/enrol/confirm: {me: ACCOUNT_ME, recoveryCodes: [...]}. */
export async function loginEnrolConfirm(ticket, code) {
  const data = await post('/login/enrol/confirm', { ticket, code });
  return { me: accountOf(data), recoveryCodes: (data && data.recovery_codes) || [] };
}

/** POST /logout; the cookie is cleared by the server. */
export async function logout() {
  try {
    await post('/logout');
  } finally {
    setCsrfToken(null);
  }
}

/** GET /me -> ACCOUNT_ME, or null when not signed in (no redirect). */
export async function fetchMe() {
  const res = await send('GET', '/me');
  const data = await readJson(res);
  if (res.status === 401) {
    setCsrfToken(null);
    return null;
  }
  if (!res.ok) throw errorFrom(res, data);
  if (data && typeof data.csrf_token === 'string') setCsrfToken(data.csrf_token);
  return data;
}

/* ---- small shared lookups ---------------------------------------------- */

const orgCache = new Map();

/** GET /orgs/ID, cached for the page's life (names for filters, successors).
 * Resolves to null when the unit is not visible (404). */
export function orgById(id) {
  const key = Number(id);
  if (!orgCache.has(key)) {
    const p = get(`/orgs/${key}`).catch((e) => {
      orgCache.delete(key);
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    });
    orgCache.set(key, p);
  }
  return orgCache.get(key);
}

/** Forget cached units (after an edit). */
export function forgetOrgs() {
  orgCache.clear();
}
