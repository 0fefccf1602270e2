// pages/login.js — #/login: user name and password, then the second step
// when the account has one (a code of the authenticator app, or a recovery
// code), or, for an administrator without one, the enrolment it must make
// before anything else (QR code, first code, recovery codes shown once).
// 401 -> "Tên đăng nhập hoặc mật khẩu không đúng"; 429 and 403 (account
// disabled) show the server's own message (and the wait, from Retry-After).
// An expired ticket of the second step sends the user back to the password.

import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { ApiError } from '../api.js';
import { createForm } from '../form.js';
import { CODE_FIELD, RECOVERY_FIELD, numericCode, enrolView, recoveryView } from '../totp.js';

const LOGIN_FIELDS = [
  { name: 'username', type: 'text', label: 'login.username', required: true, maxLength: 64, autocomplete: 'username' },
  { name: 'password', type: 'password', label: 'login.password', required: true, maxLength: 256,
    autocomplete: 'current-password' },
];

function explain(err) {
  if (!(err instanceof ApiError)) return err;
  if (err.status === 401 && err.code === 'invalid_credentials') return new ApiError(401, err.code, t('login.invalid'));
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
  const card = h('div', { class: 'login-card' });
  mount(ctx.main, h('section', { class: 'login-page' }, card));
  let notice = null;

  const expired = (e) => e instanceof ApiError && e.code === 'invalid_ticket';
  function again(e) {
    notice = e.message;
    showPassword();
  }

  function showPassword() {
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
      onSuccess: (res) => {
        if (res && res.second_factor === 'totp') showCode(res, false);
        else if (res && res.second_factor === 'enrol') showEnrol(res);
        else ctx.onLogin(res);
      },
    });
    form.el.classList.add('login-form');
    mount(card,
      h('h1', null, t('login.heading')),
      h('p', { class: 'login-sub' }, t('login.subtitle')),
      notice ? h('p', { class: 'form-error', role: 'alert' }, notice) : null,
      form.el);
    notice = null;
    setTimeout(() => form.focus('username'), 0);
  }

  function showCode(first, recovery) {
    ctx.setTitle(t('login.code_title'));
    const form = createForm({
      fields: [recovery ? RECOVERY_FIELD : CODE_FIELD],
      mode: 'create',
      submitLabel: 'login.code_submit',
      hideRequiredNote: true,
      onSubmit: async (p) => {
        try {
          return await api.loginSecondStep(first.ticket, p);
        } catch (e) {
          if (expired(e)) {
            again(e);
            return null;
          }
          throw explain(e);
        }
      },
      onSuccess: (me) => {
        if (!me) return;
        if (typeof me.recovery_codes_left === 'number') {
          ctx.flash(t('login.recovery_left', { n: me.recovery_codes_left }));
        }
        ctx.onLogin(me);
      },
    });
    form.el.classList.add('login-form');
    numericCode(form.el);
    const toggle = h('button', { type: 'button', class: 'btn-link use-other' },
      t(recovery ? 'login.use_code' : 'login.use_recovery'));
    toggle.addEventListener('click', () => showCode(first, !recovery));
    mount(card,
      h('h1', null, t('login.code_title')),
      h('p', { class: 'login-sub' }, t(recovery ? 'login.recovery_text' : 'login.code_text')),
      form.el,
      h('p', { class: 'login-alt' }, toggle),
      h('p', { class: 'login-alt' }, h('a', { href: '#/login', onClick: (e) => { e.preventDefault(); showPassword(); } },
        t('login.start_over'))));
    setTimeout(() => form.focus(recovery ? 'recovery_code' : 'code'), 0);
  }

  function showEnrol(first) {
    ctx.setTitle(t('login.enrol_title'));
    const start = h('button', { type: 'button', class: 'btn btn-primary enrol-start' }, t('login.enrol_start'));
    const error = h('p', { class: 'form-error', role: 'alert' });
    start.addEventListener('click', async () => {
      start.disabled = true;
      try {
        const data = await api.loginEnrol(first.ticket);
        showQr(first, data);
      } catch (e) {
        if (expired(e)) again(e);
        else {
          error.textContent = e.message;
          start.disabled = false;
        }
      }
    });
    mount(card,
      h('h1', null, t('login.enrol_title')),
      h('p', null, t('login.enrol_why')),
      h('p', { class: 'hint' }, t('login.enrol_apps')),
      error,
      h('div', { class: 'form-actions' }, start));
    setTimeout(() => start.focus(), 0);
  }

  function showQr(first, data) {
    const view = enrolView({
      data,
      confirm: async (code) => {
        try {
          return await api.loginEnrolConfirm(first.ticket, code);
        } catch (e) {
          if (expired(e)) {
            again(e);
            return null;
          }
          throw explain(e);
        }
      },
      onConfirmed: (res) => {
        if (!res) return;
        ctx.setTitle(t('totp.codes_title'));
        mount(card, h('h1', null, t('login.enrol_done')),
          recoveryView(res.recoveryCodes, () => ctx.onLogin(res.me), 'login.enter'));
      },
    });
    mount(card, h('h1', null, t('login.enrol_title')), view.el);
    setTimeout(() => view.focus(), 0);
  }

  showPassword();
}
