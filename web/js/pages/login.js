// pages/login.js — #/login: user name and password.
// 401 -> "Tên đăng nhập hoặc mật khẩu không đúng"; 429 and 403 (account
// disabled) show the server's own message (and the wait, from Retry-After).

import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { ApiError } from '../api.js';
import { createForm } from '../form.js';

const LOGIN_FIELDS = [
  { name: 'username', type: 'text', label: 'login.username', required: true, maxLength: 64, autocomplete: 'username' },
  { name: 'password', type: 'password', label: 'login.password', required: true, maxLength: 256,
    autocomplete: 'current-password' },
];

function explain(err) {
  if (!(err instanceof ApiError)) return err;
  if (err.status === 401) return new ApiError(401, err.code, t('login.invalid'));
  if (err.status === 429 && (!err.message || err.message === t('err.http', { status: 429 }))) {
    // the server's message says how long to wait; build one only if it sent none
    const secs = Number(err.retryAfter);
    const wait = Number.isFinite(secs) && secs > 0 ? ` ${t('login.retry_after', { min: Math.ceil(secs / 60) })}` : '';
    return new ApiError(429, err.code, t('login.rate_limited') + wait);
  }
  return err;
}

export function render(ctx) {
  ctx.setTitle(t('login.title'));
  const form = createForm({
    fields: LOGIN_FIELDS,
    mode: 'create',
    submitLabel: 'login.submit',
    hideRequiredNote: true,
    onSubmit: async (p) => {
      try {
        return await api.login(p.username, p.password);
      } catch (e) {
        throw explain(e);
      }
    },
    onSuccess: (me) => ctx.onLogin(me),
  });
  form.el.classList.add('login-form');
  mount(ctx.main, h('section', { class: 'login-page' },
    h('div', { class: 'login-card' },
      h('h1', null, t('login.heading')),
      h('p', { class: 'login-sub' }, t('login.subtitle')),
      form.el)));
  setTimeout(() => form.focus('username'), 0);
}
