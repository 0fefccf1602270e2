// recview.js — small pieces the record pages share: the status badge, the
// progress bar, a field's value as a node (references as links), the link to
// a record, labels of references loaded on demand.

import { h } from './dom.js';
import { t } from './i18n.js';
import * as api from './api.js';
import {
  typeByName, enumLabel, formatValue, refKey, refText, isPercent, recordTitle, fieldByName,
} from './meta.js';
import { toneOf, isBadgeField } from './touches.js';

/** "#/r/pledges/5" */
export function recordHref(type, id, suffix = '') {
  return `#/r/${type.path}/${id}${suffix}`;
}

/**
 * The badge of a status-like value: the type's status (a pledge's: class
 * rec-status-<value> gives its colour), or a field touches.js shows as a
 * badge (a state, a level: class tone-<tone>, the tone from the record,
 * e.g. a concern's state coloured by its kind).  `rec` gives the tone and
 * the label of a catalogue value; without it the value is an enum's.
 */
export function statusBadge(type, value, fieldName = null, rec = null) {
  if (value === null || value === undefined || value === '') return null;
  const name = fieldName || type.status_field || 'status';
  const f = fieldByName(type, name);
  const label = f && rec ? formatValue(type, f, value, rec) : enumLabel(type.name, name, value);
  const tone = toneOf(type.name, name, rec || { [name]: value });
  const cls = tone ? ['badge', 'rec-status', `tone-${tone}`] : ['badge', 'rec-status', `rec-status-${value}`];
  return h('span', { class: cls, 'data-value': String(value) }, label);
}

/** Is the field shown as a badge on this type? */
export function isBadge(type, name) {
  return type.status_field === name || isBadgeField(type.name, name);
}

/** A progress bar with its figure: "▮▮▮▯▯ 30%"; "Chưa cập nhật" for none. */
export function progressBar(value, label) {
  if (value === null || value === undefined) {
    return h('span', { class: 'progress-none' }, t('records.no_progress'));
  }
  const v = Math.max(0, Math.min(100, Number(value)));
  return h('span', { class: 'progress-wrap' },
    h('progress', { class: 'progress', max: '100', value: String(v), 'aria-label': label || t('records.progress') },
      `${v}%`),
    h('span', { class: 'progress-figure' }, `${v}%`));
}

/** A reference as a link: units to #/orgs, people to #/people, records to
 * their page; plain text when there is nowhere to go. */
export function refLink(meta, f, value, rec) {
  const ref = rec ? rec[refKey(f.name)] : null;
  if (!(ref && Number(ref.id) === Number(value)) && rec && rec[refKey(f.name)] === null) {
    // out of the account's scope: named as such, not linked (it would 404)
    return h('span', { class: 'muted' }, formatValue({ name: '' }, f, value, rec));
  }
  const label = ref && Number(ref.id) === Number(value) ? refText(ref) : `#${value}`;
  let href = null;
  if (f.ref === 'org') href = `#/orgs/${value}`;
  else if (f.ref === 'person') href = `#/people/${value}`;
  else {
    const target = typeByName(meta, f.ref);
    if (target && target.path && !target.parent) href = recordHref(target, value);
  }
  return href ? h('a', { href }, label) : label;
}

/** A field's value as a node for a details list: links, badges, bars, text
 * with its line breaks; null when there is no value. */
export function valueNode(meta, type, f, rec, also = []) {
  const v = rec[f.name];
  if (v === null || v === undefined || v === '') return null;
  if (f.type === 'ref') return refLink(meta, f, v, rec);
  if (isBadge(type, f.name)) return statusBadge(type, v, f.name, rec);
  if (isPercent(f)) return progressBar(v, formatValue(type, f, v, rec, also));
  if (f.type === 'longtext') return h('span', { class: 'longtext' }, String(v));
  return formatValue(type, f, v, rec, also);
}

/* ---- labels of referenced records, for filters ----------------------------- */

const labels = new Map();

/** The display name of record `id` of a reference field: a unit, a person, a
 * record of another type (cached; "#id" when it cannot be read). */
export function refLabel(meta, f, id) {
  const key = `${f.ref}:${id}`;
  if (!labels.has(key)) {
    let p;
    if (f.ref === 'org') {
      p = api.orgById(id).then((o) => (o ? o.name : `#${id}`));
    } else if (f.ref === 'person') {
      p = api.get(`/people/${id}`).then((x) => x.full_name);
    } else {
      const target = typeByName(meta, f.ref);
      p = target && target.path && !target.parent
        ? api.get(`/${target.path}/${id}`).then((x) => recordTitle(target, x, 120))
        : Promise.resolve(`#${id}`);
    }
    labels.set(key, p.catch(() => {
      labels.delete(key);
      return `#${id}`;
    }));
  }
  return labels.get(key);
}
