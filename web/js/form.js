// form.js — the one form every page uses.
//
// Built from field specs:
//   {name, type, label, required, maxLength, minLength, min, max, options,
//    modes, group, hint, autocomplete, placeholder, rows}
//   type: text | longtext | int | bool | date | enum | ref-org | ref-person |
//         ref-record | password | code
//   label/hint/group: i18n keys; labelText/hintText: ready text instead (the
//   labels that come from GET /api/v1/meta).  options: () => [{value, label}]
//   (enum).  makePicker(opts, form) -> picker: a ref field's own picker
//   (form.raw(name) reads another field, e.g. the unit a person is chosen in).
//   required: true, or 'create' (only when creating).  modes: ['create'] /
//   ['edit'] limits a field to one mode.
//
// Dates are typed and shown as dd/mm/yyyy and sent as ISO.  The checks here
// mirror the server's for convenience only: the server decides, and its
// field error (error.field) is shown under that field, in red, with
// aria-invalid, and focus moved to it.  Errors without a field go to the
// form's alert area.  On edit only the changed fields are sent.

import { h, mount, uid, append } from './dom.js';
import { t } from './i18n.js';
import { fmtDate, parseDate } from './format.js';
import { ApiError } from './api.js';
import { orgPicker, personPicker } from './picker.js';

/* ---- pure part (unit-tested without a DOM) ----------------------------- */

/** Length in Unicode code points after NFC, as the server counts. */
export function codePoints(s) {
  return [...String(s).normalize('NFC')].length;
}

function utf8Bytes(s) {
  return new TextEncoder().encode(String(s)).length;
}

function isRef(field) {
  return typeof field.type === 'string' && field.type.startsWith('ref-');
}

/** The label of a field: ready text (from meta) or an i18n key. */
export function fieldLabel(field) {
  if (!field) return '';
  return field.labelText !== undefined && field.labelText !== null ? field.labelText : t(field.label);
}

/** Is the field required in this mode? */
export function isRequired(field, mode) {
  return field.required === true || (field.required === 'create' && mode === 'create');
}

/** Is the field shown in this mode? */
export function inMode(field, mode) {
  return !field.modes || field.modes.includes(mode);
}

/** The API value -> what the input shows. */
export function toInput(field, v) {
  if (field.type === 'bool') return !!v;
  if (v === null || v === undefined) return '';
  if (field.type === 'date') return fmtDate(v);
  if (field.type === 'password') return '';
  return String(v);
}

/** The API value normalised for comparison (undefined -> null). */
function norm(field, v) {
  if (field.type === 'bool') return !!v;
  if (v === undefined || v === '') return null;
  if ((field.type === 'int' || isRef(field)) && v !== null) return Number(v);
  return v;
}

/**
 * Converts what the user typed to the API value and checks it.
 * Returns {value, error}; error is null or {code, params}.
 */
export function checkField(field, raw, mode = 'create') {
  let value = null;
  switch (field.type) {
    case 'bool':
      return { value: !!raw, error: null };
    case 'ref-org':
    case 'ref-person':
    case 'ref-record':
      value = raw === null || raw === undefined || raw === '' ? null : Number(raw);
      break;
    case 'int': {
      const s = String(raw ?? '').trim();
      if (s) {
        if (!/^-?\d+$/.test(s)) return { value: null, error: { code: 'invalid_int' } };
        value = Number(s);
      }
      break;
    }
    case 'date': {
      const s = String(raw ?? '').trim();
      if (s) {
        value = parseDate(s);
        if (!value) return { value: null, error: { code: 'invalid_date' } };
      }
      break;
    }
    case 'password':
      value = raw ? String(raw) : null;
      break;
    case 'longtext': {
      const s = String(raw ?? '').replace(/\r\n?/g, '\n').trim();
      value = s || null;
      break;
    }
    case 'enum':
      value = raw === null || raw === undefined || raw === '' ? null : String(raw);
      break;
    default: { // text, code
      const s = String(raw ?? '').replace(/\s+/g, ' ').trim();
      value = s || null;
    }
  }
  if (value === null) {
    return isRequired(field, mode) ? { value, error: { code: 'required' } } : { value, error: null };
  }
  if (typeof value === 'string') {
    const n = field.type === 'password' ? utf8Bytes(value) : codePoints(value);
    if (field.maxLength && n > field.maxLength) {
      return { value, error: { code: 'too_long', params: { max: field.maxLength, n } } };
    }
    if (field.minLength && n < field.minLength) {
      return { value, error: { code: 'too_short', params: { min: field.minLength, n } } };
    }
    if (field.type === 'code' && !/^[A-Za-z0-9._-]+$/.test(value)) {
      return { value, error: { code: 'invalid_code' } };
    }
  }
  if (field.type === 'int') {
    if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
      return { value, error: { code: 'out_of_range', params: { min: field.min, max: field.max } } };
    }
  }
  if (field.type === 'enum' && field.options) {
    const allowed = field.options().map((o) => o.value);
    if (!allowed.includes(value)) return { value, error: { code: 'invalid_value' } };
  }
  return { value, error: null };
}

/**
 * Builds the request body from raw inputs {name: raw}.
 * create: every field with a value (booleans always);
 * edit:   only fields whose value differs from `initial` (passwords when typed).
 * Returns {payload, errors: [{name, code, params}]}.
 */
export function collect(fields, raws, { mode = 'create', initial = {} } = {}) {
  const payload = {};
  const errors = [];
  for (const f of fields) {
    if (!inMode(f, mode) || f.readOnly) continue;
    const { value, error } = checkField(f, raws[f.name], mode);
    if (error) {
      errors.push({ name: f.name, ...error });
      continue;
    }
    if (mode === 'create') {
      if (value !== null) payload[f.name] = value;
    } else if (f.type === 'password') {
      if (value !== null) payload[f.name] = value;
    } else if (norm(f, value) !== norm(f, initial[f.name])) {
      payload[f.name] = value;
    }
  }
  return { payload, errors };
}

/** The message for a client-side check. */
export function errorMessage(err, field) {
  const label = fieldLabel(field);
  return t(`form.err.${err.code}`, { label, ...(err.params || {}) });
}

/* ---- the form element -------------------------------------------------- */

function refInitial(field, values) {
  const id = values[field.name];
  if (!id) return null;
  if (field.initialRef) return field.initialRef(values);
  const ref = values[field.name.replace(/_id$/, '')];
  const label = ref && (ref.name || ref.full_name || ref.title);
  return { id, label: label || `#${id}` };
}

/**
 * createForm({fields, values, mode, submitLabel (i18n key) or submitText, onSubmit, onSuccess, onCancel, intro,
 *             prepare, hideRequiredNote, allowEmpty})
 *   onSubmit(payload) -> Promise<result>  (throws ApiError)
 *   onSuccess(result, payload)
 *   prepare(payload) -> payload   adjusts the body before the "no changes" check
 * Returns {el, focus(name?), showError(err), setFieldError(name, msg)}.
 */
export function createForm(opts) {
  const mode = opts.mode || 'create';
  const values = opts.values || {};
  const fields = opts.fields.filter((f) => inMode(f, mode));
  const controls = new Map();
  const prefix = uid('form');

  const general = h('div', { class: 'form-error', role: 'alert' });
  const note = h('p', { class: 'form-note', role: 'status', 'aria-live': 'polite' });
  const submitBtn = h('button', { type: 'submit', class: 'btn btn-primary' },
    opts.submitText || t(opts.submitLabel || 'form.save'));
  const actions = h('div', { class: 'form-actions' }, submitBtn,
    opts.onCancel ? h('button', { type: 'button', class: 'btn btn-secondary', onClick: () => opts.onCancel() },
      t(opts.cancelLabel || 'form.cancel')) : null);
  const form = h('form', { class: 'form', novalidate: true,
    'aria-describedby': opts.hideRequiredNote ? null : `${prefix}-req` },
    opts.intro ? h('p', { class: 'form-intro' }, opts.intro) : null,
    opts.hideRequiredNote ? null
      : h('p', { class: 'form-required-note', id: `${prefix}-req` }, t('form.required_note')));

  const listeners = [];
  const formApi = {
    /** What field `name` holds now (its initial value before the form is built). */
    raw(name) {
      const c = controls.get(name);
      return c ? c.raw : values[name];
    },
    /** fn(name) after any field changes. */
    onChange(fn) { listeners.push(fn); },
  };
  function changed(name) {
    for (const fn of listeners) fn(name);
  }

  let group = null;
  let groupKey = null;
  for (const f of fields) {
    const c = buildControl(f, `${prefix}-${f.name}`);
    controls.set(f.name, c);
    if (f.group) {
      if (f.group !== groupKey) {
        group = h('fieldset', { class: 'field-group' }, h('legend', null, t(f.group)));
        groupKey = f.group;
        form.appendChild(group);
      }
      group.appendChild(c.wrap);
    } else {
      group = null;
      groupKey = null;
      form.appendChild(c.wrap);
    }
  }
  append(form, general, note, actions);

  function buildControl(f, id) {
    const req = isRequired(f, mode);
    const errId = `${id}-err`;
    const hintId = `${id}-hint`;
    const errEl = h('p', { class: 'field-error', id: errId, hidden: true });
    const hintKey = f.hint || (f.type === 'date' ? 'form.date_hint' : null);
    const hintStr = f.hintText || (hintKey ? t(hintKey) : null);
    const hintEl = hintStr ? h('p', { class: 'field-hint', id: hintId }, hintStr) : null;
    const describedBy = [hintEl ? hintId : null, errId].filter(Boolean).join(' ');
    const labelEl = h('label', { for: id, class: 'label' }, fieldLabel(f),
      req ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null);
    let input = null;
    let picker = null;
    let wrap;

    if (f.type === 'bool') {
      input = h('input', { type: 'checkbox', id, name: f.name, checked: toInput(f, values[f.name]),
        'aria-describedby': describedBy });
      wrap = h('div', { class: 'field field-bool' },
        h('div', { class: 'check' }, input, labelEl), hintEl, errEl);
    } else if (isRef(f)) {
      const make = f.makePicker || (f.type === 'ref-org' ? orgPicker : personPicker);
      picker = make({ id, value: refInitial(f, values), required: req,
        onChange: () => { clearError(); changed(f.name); } }, formApi);
      picker.setDescribedBy(describedBy);
      wrap = h('div', { class: 'field' }, labelEl, hintEl, picker.el, errEl);
    } else {
      const common = { id, name: f.name, 'aria-describedby': describedBy, 'aria-required': req ? 'true' : null };
      if (f.type === 'longtext' || (f.type === 'text' && f.rows)) {
        // one-line text (the server collapses spaces) may still get a bigger box
        input = h('textarea', { ...common, class: 'input', rows: String(f.rows || 4),
          value: toInput(f, values[f.name]) });
      } else if (f.type === 'enum') {
        const opts2 = f.options ? f.options() : [];
        const cur = toInput(f, values[f.name]);
        input = h('select', { ...common, class: 'input', value: cur },
          !req || !cur ? h('option', { value: '' }, t(req ? 'form.choose' : 'form.unspecified')) : null,
          opts2.map((o) => h('option', { value: o.value }, o.label)));
      } else {
        const attrs = { ...common, class: 'input', value: toInput(f, values[f.name]),
          autocomplete: f.autocomplete || 'off', placeholder: f.placeholder ? t(f.placeholder) : null };
        if (f.type === 'date') {
          Object.assign(attrs, { type: 'text', inputmode: 'numeric', placeholder: 'dd/mm/yyyy', maxlength: '10',
            class: 'input input-date' });
        } else if (f.type === 'int') {
          Object.assign(attrs, { type: 'text', inputmode: 'numeric', class: 'input input-int' });
        } else if (f.type === 'password') {
          attrs.type = 'password';
          attrs.autocomplete = f.autocomplete || 'new-password';
        } else {
          attrs.type = 'text';
          if (f.type === 'code') {
            attrs.spellcheck = 'false';
            attrs.autocapitalize = 'off';
            attrs.class = 'input input-code';
          }
        }
        input = h('input', attrs);
        if (f.type === 'date') {
          input.addEventListener('blur', () => {
            const iso = parseDate(input.value);
            if (iso) input.value = fmtDate(iso);
          });
        }
      }
      wrap = h('div', { class: `field field-${f.type}` }, labelEl, hintEl, input, errEl);
    }
    if (input) {
      input.addEventListener('input', () => clearError());
      input.addEventListener('change', () => changed(f.name));
    }

    function setError(msg) {
      errEl.textContent = msg;
      errEl.hidden = false;
      wrap.classList.add('has-error');
      if (picker) picker.setInvalid(true);
      else input.setAttribute('aria-invalid', 'true');
    }
    function clearError() {
      if (errEl.hidden) return;
      errEl.textContent = '';
      errEl.hidden = true;
      wrap.classList.remove('has-error');
      if (picker) picker.setInvalid(false);
      else input.removeAttribute('aria-invalid');
    }
    return {
      field: f,
      wrap,
      get raw() {
        if (picker) return picker.value ? picker.value.id : null;
        return f.type === 'bool' ? input.checked : input.value;
      },
      focus() {
        if (picker) picker.focus();
        else input.focus();
        if (typeof wrap.scrollIntoView === 'function') wrap.scrollIntoView({ block: 'center' });
      },
      setError,
      clearError,
    };
  }

  function clearAll() {
    for (const c of controls.values()) c.clearError();
    general.textContent = '';
    note.textContent = '';
  }

  function setFieldError(name, msg) {
    const c = controls.get(name);
    if (!c) return false;
    c.setError(msg);
    c.focus();
    return true;
  }

  function showError(err) {
    if (err instanceof ApiError && err.field && setFieldError(err.field, err.message)) return;
    const msg = err && err.message ? err.message : String(err);
    general.textContent = err instanceof ApiError && err.field ? `${msg} (${err.field})` : msg;
    general.focus({ preventScroll: true });
    if (typeof general.scrollIntoView === 'function') general.scrollIntoView({ block: 'center' });
  }
  general.setAttribute('tabindex', '-1');

  let saving = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (saving) return;
    clearAll();
    const raws = {};
    for (const [name, c] of controls) raws[name] = c.raw;
    const collected = collect(fields, raws, { mode, initial: values });
    const { errors } = collected;
    const payload = opts.prepare ? opts.prepare(collected.payload) : collected.payload;
    if (errors.length) {
      for (const er of errors) controls.get(er.name).setError(errorMessage(er, controls.get(er.name).field));
      controls.get(errors[0].name).focus();
      return;
    }
    if (mode === 'edit' && Object.keys(payload).length === 0 && !opts.allowEmpty) {
      note.textContent = t('form.no_changes');
      return;
    }
    saving = true;
    submitBtn.disabled = true;
    form.setAttribute('aria-busy', 'true');
    const label = submitBtn.textContent;
    submitBtn.textContent = t('form.saving');
    try {
      const result = await opts.onSubmit(payload);
      if (opts.onSuccess) opts.onSuccess(result, payload);
    } catch (err) {
      // a lost session is handled by api.js (back to the log-in page)
      if (!(err instanceof ApiError && err.code === 'unauthenticated')) showError(err);
    } finally {
      saving = false;
      submitBtn.disabled = false;
      submitBtn.textContent = label;
      form.removeAttribute('aria-busy');
    }
  });

  return {
    el: form,
    raw: formApi.raw,
    onChange: formApi.onChange,
    focus(name) {
      const c = name ? controls.get(name) : controls.values().next().value;
      if (c) c.focus();
    },
    showError,
    setFieldError,
    setNote(msg) { mount(note, msg); },
  };
}
