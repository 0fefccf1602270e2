// dialog.js — modal dialogs on <dialog> (focus kept inside, Escape closes):
// a confirmation (delete …) and a small form (the body of a transition).
// closeDialogs() is called when a page goes away (back button).

import { h, mount, uid } from './dom.js';
import { t } from './i18n.js';
import { createForm } from './form.js';

const open = new Set();

function show(dialog, focusEl) {
  open.add(dialog);
  dialog.addEventListener('close', () => {
    open.delete(dialog);
    dialog.remove();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  if (focusEl) focusEl.focus();
}

/** Closes every open dialog (the page changed). */
export function closeDialogs() {
  for (const d of [...open]) d.close();
}

/**
 * confirmDialog({title, text, confirmLabel, danger}) -> Promise<boolean>
 * The safe choice (Hủy) has the focus.
 */
export function confirmDialog({ title, text, confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    const titleId = uid('dlg');
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, role: 'alertdialog' });
    let answer = false;
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', onClick: () => dialog.close() },
      t('form.cancel'));
    const ok = h('button', { type: 'button', class: ['btn', danger ? 'btn-danger' : 'btn-primary'],
      onClick: () => { answer = true; dialog.close(); } }, confirmLabel || t('common.confirm'));
    mount(dialog,
      h('h2', { id: titleId }, title),
      text ? h('p', null, text) : null,
      h('div', { class: 'form-actions' }, ok, cancel));
    dialog.addEventListener('close', () => resolve(answer));
    show(dialog, cancel);
  });
}

/**
 * formDialog({title, intro, fields, values, submitLabel, onSubmit(payload), mode})
 * -> Promise<result|null>: the result of onSubmit, or null when cancelled.
 * Server errors stay in the dialog, under their field.
 */
export function formDialog({ title, intro, fields, values = {}, submitLabel, submitText, onSubmit, mode = 'create' }) {
  return new Promise((resolve) => {
    const titleId = uid('dlg');
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId });
    let result = null;
    const form = createForm({
      fields,
      values,
      mode,
      submitLabel,
      submitText,
      onSubmit,
      onSuccess: (r) => {
        result = r;
        dialog.close();
      },
      onCancel: () => dialog.close(),
    });
    mount(dialog, h('h2', { id: titleId }, title), intro ? h('p', null, intro) : null, form.el);
    dialog.addEventListener('close', () => resolve(result));
    show(dialog, null);
    form.focus();
  });
}
