// meta.js — the record types as the server describes them (GET /api/v1/meta),
// and everything the generic pages derive from that description: the shared
// form's field specs, labels of fields, enum values, actions and transitions,
// the values shown in details and in the history's change summaries.
//
// A type of meta.types (keyed by name) becomes here {name, ...type}.  Types
// with a "path" are the generic record types (topics, activities, pledges, and
// whatever the server adds later); a type with a "parent" is a child type
// (attendance of an activity, check-ins of a pledge); the others are bodies
// of operations (return, review, verdict …).
//
// Everything but loadMeta() and the pickers is pure (no DOM, no fetch) and
// unit-tested in tests/web/meta.test.mjs.

import * as api from './api.js';
import { t, has, getLang } from './i18n.js';
import { fmtDate, fmtInt, fmtDateTime, todayIso } from './format.js';
import { personPicker, recordPicker } from './picker.js';

/* ---- loading ------------------------------------------------------------- */

let metaPromise = null;
let metaNow = null;

/** GET /api/v1/meta, once per page life (again after a failure). */
export function loadMeta() {
  if (!metaPromise) {
    metaPromise = api.get('/meta').then((m) => {
      metaNow = m;
      return m;
    }).catch((e) => {
      metaPromise = null;
      throw e;
    });
  }
  return metaPromise;
}

/** The meta already loaded (null before loadMeta() resolved). */
export function currentMeta() {
  return metaNow;
}

/** Installs a meta object without fetching it (tests). */
export function setMeta(m) {
  metaNow = m;
  metaPromise = Promise.resolve(m);
}

/* ---- types --------------------------------------------------------------- */

/** The fields every record carries that are bookkeeping, not content. */
export const BOOKKEEPING = new Set(['id', 'search_fold', 'created_at', 'updated_at', 'created_by',
  'updated_by', 'deleted_at']);

function types(meta) {
  return (meta && meta.types) || {};
}

/** The type named `name` ({name, ...}), or null. */
export function typeByName(meta, name) {
  const ty = types(meta)[name];
  return ty ? { name, ...ty } : null;
}

/** Every generic record type (with a path), top-level and children. */
export function genericTypes(meta) {
  return Object.keys(types(meta)).filter((n) => types(meta)[n].path).map((n) => typeByName(meta, n));
}

/** The top-level generic type served at /api/v1/<path>, or null. */
export function typeByPath(meta, path) {
  return genericTypes(meta).find((ty) => !ty.parent && ty.path === path) || null;
}

/** The child types of a type (attendance of an activity …). */
export function childTypes(meta, type) {
  return (type.children || []).map((n) => typeByName(meta, n)).filter((c) => c && c.path);
}

export function fieldByName(type, name) {
  return (type && type.fields ? type.fields : []).find((f) => f.name === name) || null;
}

/** The field of a child type that names its parent (activity_id …). */
export function parentFieldOf(type) {
  if (!type || !type.parent) return null;
  return (type.fields || []).find((f) => f.type === 'ref' && f.ref === type.parent) || null;
}

/** "Chuyên đề" -> "chuyên đề": a label inside a sentence. */
export function lowerFirst(s) {
  return s ? s.charAt(0).toLocaleLowerCase(getLang()) + s.slice(1) : s;
}

/** "Name" in the interface language (meta's label_vi / label_en). */
export function labelOf(x) {
  if (!x) return '';
  if (getLang() === 'en' && x.label_en) return x.label_en;
  return x.label_vi || x.label_en || x.name || '';
}

/** The resource a type's permissions are listed under in /me: a child's
 * are its parent's (attendance is written by who writes activities). */
export function permKey(type) {
  return type.parent || type.name;
}

/* ---- labels of values ----------------------------------------------------- */

function firstKey(keys) {
  return keys.find((k) => has(k)) || null;
}

/**
 * The label of an enum value: i18n key "enum.<type>.<field>.<value>", then
 * the same under each of `also` (a transition's body uses the labels of the
 * record type it changes), then the raw value.
 */
export function enumLabel(typeName, fieldName, value, also = []) {
  if (value === null || value === undefined || value === '') return '';
  const k = firstKey([typeName, ...also].map((tn) => `enum.${tn}.${fieldName}.${value}`));
  return k ? t(k) : String(value);
}

/** [{value, label}] of an enum field. */
export function enumOptions(typeName, field, also = []) {
  return (field.values || []).map((v) => ({ value: v, label: enumLabel(typeName, field.name, v, also) }));
}

/** The label of a transition (a button): "tr.<type>.<name>.<status>",
 * "tr.<type>.<name>", "tr.<name>", the body type's label, the raw name. */
export function transitionLabel(meta, type, name, status) {
  const k = firstKey([
    status ? `tr.${type.name}.${name}.${status}` : null, `tr.${type.name}.${name}`, `tr.${name}`,
  ].filter(Boolean));
  if (k) return t(k);
  const tr = (type.transitions || []).find((x) => x.name === name);
  const body = tr && tr.body ? typeByName(meta, tr.body) : null;
  return body ? labelOf(body) : name;
}

/** The label of an action in the history: create, update, delete, restore,
 * a transition, or a child type's name (the pledge's "checkin"). */
export function actionLabel(meta, type, action) {
  const k = firstKey([`action.${type.name}.${action}`, `action.${action}`]);
  if (k) return t(k);
  if ((type.transitions || []).some((x) => x.name === action)) return transitionLabel(meta, type, action);
  const child = typeByName(meta, action);
  return child ? labelOf(child) : action;
}

/* ---- which fields mean what ------------------------------------------------ */

/** A year, not a quantity: shown without a thousands dot (2026, not 2.026). */
export function isYearLike(f) {
  return !!f && f.type === 'int' && (/(^|_)year(_|$)/.test(f.name) ||
    (Number(f.min) >= 1900 && Number(f.max) <= 2100));
}

/** A percentage 0–100 (progress). */
export function isPercent(f) {
  return !!f && f.type === 'int' && Number(f.min) === 0 && Number(f.max) === 100 &&
    (f.name === 'progress' || /%/.test(f.label_vi || ''));
}

/** The field that names a record: the first searchable one-line text, else
 * the first searchable long text (a pledge's "follow"), else the first
 * one-line text. */
export function titleField(type) {
  const fs = (type && type.fields) || [];
  return fs.find((f) => f.type === 'text' && f.search) ||
    fs.find((f) => f.type === 'longtext' && f.search) ||
    fs.find((f) => f.type === 'text' && !f.read_only && !BOOKKEEPING.has(f.name)) || null;
}

/** Text cut at a word boundary near `max` characters, with "…". */
export function shorten(s, max = 90) {
  const str = String(s ?? '').replace(/\s+/g, ' ').trim();
  if ([...str].length <= max) return str;
  const cut = [...str].slice(0, max).join('');
  const sp = cut.lastIndexOf(' ');
  return (sp > max * 0.6 ? cut.slice(0, sp) : cut).replace(/[\s,.;:–-]+$/, '') + '…';
}

/** The name of a record: its title field (shortened) or "<Type> #id". */
export function recordTitle(type, rec, max = 90) {
  const f = titleField(type);
  const v = f && rec ? rec[f.name] : null;
  if (v !== null && v !== undefined && String(v).trim()) return shorten(v, max);
  return `${labelOf(type)} #${rec && rec.id !== undefined ? rec.id : '?'}`;
}

/** "org_id" -> "org": where the detail puts a reference's short form. */
export function refKey(name) {
  return name.endsWith('_id') ? name.slice(0, -3) : name;
}

/** The text of a short reference ({name} of a unit, {full_name}, {title}). */
export function refText(ref) {
  if (!ref) return '';
  return ref.name || ref.full_name || ref.title || (ref.id !== undefined ? `#${ref.id}` : '');
}

/** The year field to filter a list by (a field named "year" with a filter). */
export function yearFilterField(type) {
  return (type.fields || []).find((f) => f.name === 'year' && f.filter && f.type === 'int') || null;
}

/* ---- values as text ----------------------------------------------------------- */

/**
 * A field's value as text for people: dates dd/mm/yyyy, numbers 1.234.567,
 * years 2026, percentages 30%, enum labels, Có/Không, references by name
 * when `rec` carries the short form (else "#id").  '' for no value.
 */
export function formatValue(type, f, value, rec = null, also = []) {
  if (value === null || value === undefined || value === '') return '';
  switch (f.type) {
    case 'bool': return t(value ? 'common.yes' : 'common.no');
    case 'date': return fmtDate(value);
    case 'enum': return enumLabel(type.name, f.name, value, also);
    case 'int':
      if (isYearLike(f)) return String(value);
      if (isPercent(f)) return `${value}%`;
      if (/_at$/.test(f.name) && Number(value) > 1e9) return fmtDateTime(value);
      return fmtInt(value);
    case 'ref': {
      const ref = rec ? rec[refKey(f.name)] : null;
      if (ref && Number(ref.id) === Number(value)) return refText(ref);
      return `#${value}`;
    }
    case 'password': return '••••••';
    default: return String(value);
  }
}

/**
 * What changed between two states of a record (an entry of its history):
 * [{name, label, before, after}] in the order of the type's fields, texts
 * formatted by formatValue ('' for none); bookkeeping fields left out.
 * A creation (before null) lists the values set; a deletion (after null)
 * the values it had.  `refs` is a record whose short references name ids.
 */
export function changeSummary(type, before, after, refs = null) {
  const b = before || {};
  const a = after || {};
  const names = [];
  for (const f of type.fields || []) names.push(f.name);
  for (const k of [...Object.keys(b), ...Object.keys(a)]) if (!names.includes(k)) names.push(k);
  const out = [];
  for (const name of names) {
    if (BOOKKEEPING.has(name)) continue;
    const bv = b[name] === undefined ? null : b[name];
    const av = a[name] === undefined ? null : a[name];
    if (JSON.stringify(bv) === JSON.stringify(av)) continue;
    const f = fieldByName(type, name) || { name, type: typeof (av ?? bv) === 'number' ? 'int' : 'text' };
    if (f.type === 'password') continue;
    out.push({
      name,
      label: f.label_vi ? labelOf(f) : name,
      before: formatValue(type, f, bv, refs),
      after: formatValue(type, f, av, refs),
    });
  }
  return out;
}

/* ---- the shared form's field specs -------------------------------------------- */

/** The fields a type's form shows in `mode` (create|edit): not read-only, not
 * bookkeeping, not the parent's id; create-only ones on create only; a
 * member's own records leave out the person and unit (the server sets them). */
export function formFields(type, mode, me = null) {
  const parent = parentFieldOf(type);
  const member = me && me.role === 'member';
  return (type.fields || []).filter((f) => {
    if (f.read_only || BOOKKEEPING.has(f.name)) return false;
    if (parent && f.name === parent.name) return false;
    if (f.create_only && mode !== 'create') return false;
    if (member && type.person_field && (f.name === type.person_field || f.name === type.org_field)) return false;
    return true;
  });
}

const SAFE_MAX = Number.MAX_SAFE_INTEGER;

/**
 * Meta fields -> the shared form's field specs (form.js):
 *   text/longtext/code/int/bool/date/password -> same type with the bounds;
 *   enum -> a select with the Vietnamese labels of the values;
 *   ref "org" -> the unit picker; ref "person" -> a person picker limited to
 *   the unit chosen in the same form (or the record's unit); other refs -> a
 *   picker over that type's list.
 * opts: {me, also (enum label fallbacks), hints: {field: i18n key}}
 */
export function fieldsFor(meta, type, mode, opts = {}) {
  const also = opts.also || [];
  const hints = opts.hints || {};
  const orgName = type.org_field;
  return formFields(type, mode, opts.me).map((f) => {
    const spec = {
      name: f.name,
      labelText: labelOf(f),
      required: !!f.required,
    };
    if (f.create_only) spec.modes = ['create'];
    if (hints[f.name]) spec.hint = hints[f.name];
    switch (f.type) {
      case 'text':
      case 'code':
      case 'password':
        spec.type = f.type;
        if (f.max) spec.maxLength = Math.min(Number(f.max), SAFE_MAX);
        if (Number(f.min) > 1) spec.minLength = Number(f.min);
        break;
      case 'longtext':
        spec.type = 'longtext';
        if (f.max) spec.maxLength = Math.min(Number(f.max), SAFE_MAX);
        if (Number(f.max) > 4000) spec.rows = 8;
        break;
      case 'int':
        spec.type = 'int';
        if (f.min !== undefined && f.min !== null) spec.min = Math.max(Number(f.min), -SAFE_MAX);
        if (f.max !== undefined && f.max !== null) spec.max = Math.min(Number(f.max), SAFE_MAX);
        break;
      case 'bool':
      case 'date':
        spec.type = f.type;
        break;
      case 'enum':
        spec.type = 'enum';
        spec.options = () => enumOptions(type.name, f, also);
        break;
      case 'ref':
        Object.assign(spec, refSpec(meta, type, f, orgName));
        break;
      default:
        spec.type = 'text';
    }
    return spec;
  });
}

function refSpec(meta, type, f, orgName) {
  if (f.ref === 'org') return { type: 'ref-org' };
  if (f.ref === 'person') {
    const scoped = orgName && orgName !== f.name;
    return {
      type: 'ref-person',
      scopedBy: scoped ? orgName : null,
      makePicker: (o, form) => {
        const picker = personPicker({
          ...o,
          org: scoped ? () => (form ? form.raw(orgName) : null) : undefined,
        });
        // Another unit: the person chosen in the old one no longer fits.
        if (scoped && form) {
          form.onChange((name) => {
            if (name === orgName && picker.value) picker.setValue(null);
          });
        }
        return picker;
      },
    };
  }
  const target = typeByName(meta, f.ref);
  if (!target || !target.path || target.parent) return { type: 'int', min: 1 };
  return {
    type: 'ref-record',
    refPath: target.path,
    makePicker: (o) => recordPicker({
      ...o,
      path: target.path,
      searchLabel: t('picker.search_record', { type: lowerFirst(labelOf(target)) }),
      itemOf: (r) => ({ id: r.id, label: recordTitle(target, r, 120), detail: recordDetail(target, r) }),
    }),
  };
}

/** A short second line for a record in a picker: its year or date, its unit. */
export function recordDetail(type, r) {
  const parts = [];
  const fs = type.fields || [];
  const year = fs.find((f) => isYearLike(f) && r[f.name]);
  const date = fs.find((f) => f.type === 'date' && f.sort && r[f.name]);
  if (date) parts.push(fmtDate(r[date.name]));
  else if (year) parts.push(String(r[year.name]));
  const kind = fs.find((f) => f.type === 'enum' && f.filter && f.name !== type.status_field && r[f.name]);
  if (kind) parts.push(enumLabel(type.name, kind.name, r[kind.name]));
  if (type.org_field && r[refKey(type.org_field)]) parts.push(refText(r[refKey(type.org_field)]));
  return parts.join(' · ');
}

/**
 * The values a new record's form starts with: the current year in "year",
 * today in a required "date", the unit from ?org= or the account's own, and
 * any list filter carried over (?kind=cell_meeting).
 */
export function createDefaults(type, me, query = {}, today = todayIso()) {
  const v = {};
  for (const f of formFields(type, 'create', me)) {
    const q = query[f.name];
    if (f.filter && q !== undefined && q !== null && q !== '' && q !== 'all') {
      if (f.type === 'int' || f.type === 'ref') {
        if (/^\d+$/.test(String(q))) v[f.name] = Number(q);
      } else if (f.type === 'bool') {
        v[f.name] = q === '1' || q === true;
      } else if (f.type !== 'enum' || (f.values || []).includes(q)) {
        v[f.name] = q;
      }
    }
    if (v[f.name] !== undefined) continue;
    if (f.name === 'year' && f.type === 'int') v[f.name] = Number(today.slice(0, 4));
    else if (f.type === 'date' && f.required && f.name === 'date') v[f.name] = today;
    else if (f.type === 'int' && !f.nullable && !f.required && Number(f.min) === 0) v[f.name] = 0;
  }
  const org = type.org_field;
  if (org && formFields(type, 'create', me).some((f) => f.name === org)) {
    const q = Number(query.org);
    if (Number.isInteger(q) && q > 0) v[org] = q;
    else if (v[org] === undefined && me && me.org) {
      v[org] = me.org.id;
      v[refKey(org)] = me.org;
    }
  }
  return v;
}
