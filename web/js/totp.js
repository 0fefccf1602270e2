// totp.js — the pieces of the two-factor log-in shared by the log-in page
// (an administrator's enrolment, the code step) and the security page:
// the enrolment (the QR code the server drew, the key to type instead, the
// first code), and the recovery codes shown once.  docs/api.md
// "Two-factor log-in".

import { h } from './dom.js';
import { t } from './i18n.js';
import { createForm } from './form.js';

/** The code field of the authenticator app (6 digits). */
export const CODE_FIELD = {
  name: 'code', type: 'text', label: 'totp.code', required: true, minLength: 6, maxLength: 6,
  autocomplete: 'one-time-code', hint: 'totp.code_hint',
};

/** The recovery code field ("xxxxx-xxxxx"). */
export const RECOVERY_FIELD = {
  name: 'recovery_code', type: 'code', label: 'totp.recovery_code', required: true, maxLength: 32,
  autocomplete: 'off', hint: 'totp.recovery_hint',
};

/** Digits only on phones' keyboards. */
export function numericCode(formEl) {
  const input = formEl.querySelector('input[name="code"]');
  if (input) {
    input.setAttribute('inputmode', 'numeric');
    input.setAttribute('pattern', '[0-9]*');
  }
}

/** "JBSW Y3DP …": the key in groups of four, easier to type. */
export function groupedKey(secret) {
  return String(secret).replace(/(.{4})/g, '$1 ').trim();
}

/**
 * The enrolment: data is the answer of /login/enrol or /me/totp/enrol;
 * confirm(code) -> Promise (throws ApiError), then onConfirmed(result).
 * Returns {el, focus()}.
 */
export function enrolView({ data, confirm, onConfirmed, onCancel }) {
  const img = h('img', {
    class: 'totp-qr', width: '220', height: '220', alt: t('totp.qr_alt'),
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.qr_svg)}`,
  });
  const form = createForm({
    fields: [CODE_FIELD],
    mode: 'create',
    submitLabel: 'totp.confirm',
    hideRequiredNote: true,
    onSubmit: (p) => confirm(p.code),
    onSuccess: (res) => onConfirmed(res),
    onCancel,
  });
  numericCode(form.el);
  const el = h('div', { class: 'totp-enrol' },
    h('ol', { class: 'totp-steps' },
      h('li', null, t('totp.step_app')),
      h('li', null, t('totp.step_scan'),
        h('div', { class: 'totp-qr-wrap' }, img),
        h('details', { class: 'totp-key' },
          h('summary', null, t('totp.no_camera')),
          h('p', null, t('totp.key_label')),
          h('p', { class: 'code totp-secret', translate: 'no' }, groupedKey(data.secret)),
          h('p', { class: 'hint' }, t('totp.key_hint', { digits: data.digits || 6, period: data.period || 30 })))),
      h('li', null, t('totp.step_code'))),
    form.el);
  return { el, focus: () => form.focus('code') };
}

/**
 * The recovery codes, shown this once; done() when the user has kept them.
 */
export function recoveryView(codes, done, doneLabel = 'totp.codes_saved') {
  const list = h('ol', { class: 'recovery-codes code', translate: 'no' }, codes.map((c) => h('li', null, c)));
  const copy = h('button', { type: 'button', class: 'btn btn-secondary' }, t('totp.copy'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      copy.textContent = t('totp.copied');
    } catch {
      copy.textContent = t('totp.copy_failed');
    }
  });
  const ok = h('button', { type: 'button', class: 'btn btn-primary', onClick: () => done() }, t(doneLabel));
  return h('div', { class: 'totp-recovery' },
    h('h2', null, t('totp.codes_title')),
    h('p', null, t('totp.codes_text', { n: codes.length })),
    list,
    h('p', { class: 'hint' }, t('totp.codes_once')),
    h('div', { class: 'form-actions' }, ok, copy));
}
