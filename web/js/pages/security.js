// pages/security.js — #/security, for every signed-in user: "Đổi mật khẩu"
// (the current password, the new one twice; the other sessions end) and the
// two-factor log-in: its state, switching it on (QR code, first code,
// recovery codes shown once), a new device, new recovery codes, and
// switching it off (not for administrators, who must keep it).  Each step
// that changes the factor asks for the password again.

import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { ApiError } from '../api.js';
import { createForm } from '../form.js';
import { fmtDateTime } from '../format.js';
import { formDialog, confirmDialog } from '../dialog.js';
import { enrolView, recoveryView } from '../totp.js';

const PASSWORD_FIELDS = [
  { name: 'old_password', type: 'password', label: 'security.old_password', required: true, maxLength: 256,
    autocomplete: 'current-password' },
  { name: 'new_password', type: 'password', label: 'security.new_password', required: true, minLength: 10,
    maxLength: 256, hint: 'security.new_password_hint' },
  { name: 'new_password2', type: 'password', label: 'security.new_password2', required: true, maxLength: 256 },
];

const REAUTH_FIELDS = [
  { name: 'password', type: 'password', label: 'security.old_password', required: true, maxLength: 256,
    autocomplete: 'current-password' },
];

function passwordSection(ctx) {
  const form = createForm({
    fields: PASSWORD_FIELDS,
    mode: 'create',
    submitLabel: 'security.change_submit',
    hideRequiredNote: true,
    onSubmit: async (p) => {
      if (p.new_password !== p.new_password2) {
        throw new ApiError(400, 'mismatch', t('security.mismatch'), 'new_password2');
      }
      await api.post('/me/password', { old_password: p.old_password, new_password: p.new_password });
      return true;
    },
    onSuccess: () => {
      ctx.notify(t('security.changed'));
      mount(section, h('h2', null, t('security.password_title')),
        h('p', { class: 'form-note', role: 'status' }, t('security.changed')));
    },
  });
  const section = h('section', { class: 'page-section security-password', 'aria-labelledby': 'sec-pw' },
    h('h2', { id: 'sec-pw' }, t('security.password_title')),
    h('p', { class: 'hint' }, t('security.password_intro')),
    form.el);
  return section;
}

/** Asks the password; resolves to the answer of path, or null. */
function withPassword(title, submitLabel, path) {
  return formDialog({
    title,
    intro: t('security.reauth_intro'),
    fields: REAUTH_FIELDS,
    submitLabel,
    onSubmit: (p) => api.post(path, { password: p.password }),
  });
}

function factorSection(ctx) {
  const section = h('section', { class: 'page-section security-totp', 'aria-labelledby': 'sec-tf' });
  const head = () => h('h2', { id: 'sec-tf' }, t('security.totp_title'));

  function showCodes(codes) {
    mount(section, head(), recoveryView(codes, () => load(), 'totp.codes_saved'));
  }

  async function enrol() {
    const data = await withPassword(t('security.enable_title'), 'security.continue', '/me/totp/enrol');
    if (!data) return;
    const view = enrolView({
      data,
      confirm: (code) => api.post('/me/totp/confirm', { code }),
      onConfirmed: (res) => {
        ctx.notify(t('security.enabled'));
        showCodes(res.recovery_codes);
      },
      onCancel: () => load(),
    });
    mount(section, head(), view.el);
    view.focus();
  }

  async function load() {
    mount(section, head(), h('p', { class: 'loading', role: 'status' }, t('common.loading')));
    let st;
    try {
      st = await api.get('/me/totp');
    } catch (e) {
      mount(section, head(), h('p', { class: 'form-error', role: 'alert' }, e.message));
      return;
    }
    const actions = h('div', { class: 'form-actions security-actions' });
    if (st.enabled) {
      const recovery = h('button', { type: 'button', class: 'btn btn-secondary' }, t('security.new_codes'));
      recovery.addEventListener('click', async () => {
        const res = await withPassword(t('security.new_codes'), 'security.new_codes_submit', '/me/totp/recovery');
        if (res) showCodes(res.recovery_codes);
      });
      const device = h('button', { type: 'button', class: 'btn btn-secondary' }, t('security.new_device'));
      device.addEventListener('click', enrol);
      actions.append(device, recovery);
      if (!st.required) {
        const off = h('button', { type: 'button', class: 'btn btn-danger' }, t('security.disable'));
        off.addEventListener('click', async () => {
          const sure = await confirmDialog({ title: t('security.disable'), text: t('security.disable_text'),
            confirmLabel: t('security.disable'), danger: true });
          if (!sure) return;
          const res = await withPassword(t('security.disable'), 'security.disable', '/me/totp/disable');
          if (res) {
            ctx.notify(t('security.disabled'));
            load();
          }
        });
        actions.append(off);
      }
    } else {
      const on = h('button', { type: 'button', class: 'btn btn-primary' }, t('security.enable'));
      on.addEventListener('click', enrol);
      actions.append(on);
    }
    mount(section, head(),
      h('p', null, h('span', { class: ['badge', st.enabled ? 'badge-ok' : 'badge-closed'] },
        t(st.enabled ? 'security.on' : 'security.off'))),
      h('p', null, t(st.enabled ? 'security.on_text' : (st.required ? 'security.required_text' : 'security.off_text'),
        { since: fmtDateTime(st.enabled_at) || '—', n: st.recovery_codes_left })),
      st.enabled && st.recovery_codes_left < 3
        ? h('p', { class: 'form-error', role: 'alert' }, t('security.codes_low', { n: st.recovery_codes_left })) : null,
      actions);
  }
  load();
  return section;
}

export function render(ctx) {
  ctx.setTitle(t('security.title'));
  mount(ctx.main, h('div', { class: 'security-page' },
    h('h1', null, t('security.title')),
    h('p', { class: 'hint' }, t('security.intro', { username: ctx.me.username })),
    passwordSection(ctx),
    factorSection(ctx)));
  return {};
}
