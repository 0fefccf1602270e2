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
import { fmtDate, fmtInt, fmtMoney, fmtDateTime, todayIso } from './format.js';
import { personPicker, recordPicker } from './picker.js';
import { touchOf } from './touches.js';
import {
  catalogLabel, catalogEntry, catalogOptions, isLoaded, entryLabel, loadCatalogs, catalogNames,
} from './catalog.js';

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

/** Loads the catalogue lists a type's pages show: its fields', its
 * children's and its transition bodies' (once each; see catalog.js). */
export function loadCatalogsFor(meta, type) {
  const types = [type, ...childTypes(meta, type),
    ...(type.transitions || []).map((tr) => (tr.body ? typeByName(meta, tr.body) : null))];
  return loadCatalogs(catalogNames(types.filter(Boolean)));
}

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

/** The i18n keys that may label a value of a field, best first:
 * "enum.<type>.<field>.<value>", the prefix touches.js gives the field
 * ("enum.evaluation.level" for derived_level, "code.state_kind"), then the
 * same for each type of `also`. */
export function valueKeys(typeName, fieldName, value, also = []) {
  const keys = [];
  for (const tn of [typeName, ...also]) {
    keys.push(`enum.${tn}.${fieldName}.${value}`);
    const prefix = (touchOf(tn).labels || {})[fieldName];
    if (prefix) keys.push(`${prefix}.${value}`);
  }
  return keys;
}

/**
 * The label of an enum value (or of a code touches.js knows the values of):
 * the first of valueKeys() translated (a transition's body uses the labels
 * of the record type it changes, `also`), else the raw value.
 */
export function enumLabel(typeName, fieldName, value, also = []) {
  if (value === null || value === undefined || value === '') return '';
  const k = firstKey(valueKeys(typeName, fieldName, value, also));
  return k ? t(k) : String(value);
}

/** The values a field can take, when known: an enum's, or a code's that
 * touches.js lists (state_kind: open, resolved, closed). */
export function knownValues(typeName, f) {
  if (f.type === 'enum') return f.values || [];
  return ((touchOf(typeName).values || {})[f.name]) || null;
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

/** The field that names a record: the one touches.js names, else the first
 * searchable one-line text, else the first searchable long text (a pledge's
 * "follow"), else the first one-line text. */
export function titleField(type) {
  const fs = (type && type.fields) || [];
  const parts = type ? touchOf(type.name).title : null;
  if (parts) return parts.length === 1 ? fieldByName(type, parts[0]) : null;
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

/** The name of a record: its title field (shortened), or the parts
 * touches.js gives ("Đỗ Thu Hường · 2023"), else "<Type> #id". */
export function recordTitle(type, rec, max = 90) {
  const parts = type ? touchOf(type.name).title : null;
  let v = null;
  if (parts && rec) {
    v = parts.map((p) => partText(type, p, rec)).filter(Boolean).join(' · ');
  } else {
    const f = titleField(type);
    v = f && rec ? rec[f.name] : null;
  }
  if (v !== null && v !== undefined && String(v).trim()) return shorten(v, max);
  return `${labelOf(type)} #${rec && rec.id !== undefined ? rec.id : '?'}`;
}

/** One part of a record's name: "@who", "@label" or a field's value. */
function partText(type, part, rec) {
  if (part === '@who') return whoText(type, rec);
  if (part === '@label') return entryLabel(rec);
  const f = fieldByName(type, part);
  return f ? formatValue(type, f, rec[part], rec) : '';
}

/** Whom a record is about: its person, or its unit when it is a collective's
 * (an organisation's evaluation, a collective's award). */
export function whoText(type, rec) {
  if (!rec) return '';
  const person = type.person_field ? rec[refKey(type.person_field)] : null;
  if (person) return refText(person);
  if (type.person_field && rec[type.person_field]) return `#${rec[type.person_field]}`;
  const org = type.org_field ? rec[refKey(type.org_field)] : null;
  return org ? refText(org) : '';
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
  const touch = touchOf(type.name);
  switch (f.type) {
    case 'bool': return t(value ? 'common.yes' : 'common.no');
    case 'date': return fmtDate(value);
    case 'enum': return enumLabel(type.name, f.name, value, also);
    case 'catalog': return catalogLabel(f.catalog, value);
    case 'int': {
      if (isYearLike(f)) return String(value);
      if (isPercent(f)) return `${value}%`;
      if (/_at$/.test(f.name) && Number(value) > 1e9) return fmtDateTime(value);
      const unitField = (touch.unitFrom || {})[f.name];
      if (unitField && rec) return withUnit(type, unitField, rec[unitField], value);
      const countKey = (touch.ratios || {})[f.name];
      if (countKey && rec && rec[countKey] !== undefined && rec[countKey] !== null) {
        return `${fmtInt(value)}/${fmtInt(rec[countKey])}`;
      }
      return fmtInt(value);
    }
    case 'ref': {
      const ref = rec ? rec[refKey(f.name)] : null;
      if (ref && Number(ref.id) === Number(value)) return refText(ref);
      // The short form is there but empty: a unit or person out of the
      // account's scope (a member's evaluation decided above the cell).
      if (rec && rec[refKey(f.name)] === null && refKey(f.name) !== f.name) {
        return t(f.ref === 'person' ? 'records.hidden_person' : 'records.hidden_ref');
      }
      return `#${value}`;
    }
    case 'password': return '••••••';
    case 'code': return enumLabel(type.name, f.name, value, also);
    default: return String(value);
  }
}

/**
 * A number with the unit of its catalogue entry: money in đồng
 * ("300.000.000 đ"), counts with their unit ("12 sáng kiến"), plain when
 * the entry or its unit is unknown.
 */
export function withUnit(type, unitField, code, value) {
  const f = fieldByName(type, unitField);
  const e = f && f.type === 'catalog' ? catalogEntry(f.catalog, code) : null;
  if (!e) return fmtInt(value);
  if (e.kind === 'money' || e.unit === 'đồng') return fmtMoney(value);
  if (e.unit === '%') return `${fmtInt(value)}%`;
  return e.unit ? `${fmtInt(value)} ${e.unit}` : fmtInt(value);
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
      before: formatValue(type, f, bv, { ...(refs || {}), ...b }),
      after: formatValue(type, f, av, { ...(refs || {}), ...a }),
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
 *   catalog -> a select of its list's entries in use (catalog.js; the lists
 *   are loaded before), the current value kept when no longer in use;
 * opts: {me, also (enum label fallbacks), hints: {field: i18n key},
 *        values (the record edited: an old catalogue code stays choosable)}
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
    const codeHint = (touchOf(type.name).codeHints || {})[f.name];
    if (codeHint && !spec.hint) spec.hint = codeHint;
    const known = f.type === 'code' ? knownValues(type.name, f) : null;
    if (known) {
      // a code with known values (a catalogue entry's kind): a select
      spec.type = 'enum';
      spec.options = () => known.map((v) => ({ value: v, label: enumLabel(type.name, f.name, v, also) }));
      return spec;
    }
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
      case 'catalog':
        // The entries in use of its list (loaded before the form is built);
        // the code typed as it is when the list could not be read.
        if (isLoaded(f.catalog)) {
          spec.type = 'enum';
          spec.options = () => catalogOptions(f.catalog, opts.values ? opts.values[f.name] : null);
        } else {
          spec.type = 'code';
          if (f.max) spec.maxLength = Number(f.max);
        }
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
  const kind = fs.find((f) => (f.type === 'enum' || f.type === 'catalog') && f.filter &&
    f.name !== type.status_field && r[f.name]);
  if (kind) parts.push(formatValue(type, kind, r[kind.name], r));
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
