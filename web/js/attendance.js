// attendance.js — who attended an activity, as a checklist of the people of
// the activity's unit: checking a name adds them (POST …/attendance),
// unchecking removes them (DELETE …/attendance/CID), and the line above says
// "Có mặt: 18/25 đảng viên · Khách mời: 3 · Tổng: 21" (guests are the
// activity's outside_count; the total is attendance_count + outside_count).
// Used for any child type with a person field under a parent with a unit.

import { h, mount, uid } from './dom.js';
import { t } from './i18n.js';
import * as api from './api.js';
import { fmtInt } from './format.js';
import { createForm } from './form.js';
import { fieldByName, refKey, fieldsFor } from './meta.js';
import { personPicker } from './picker.js';

/** Lower case without diacritics (đ -> d): "Đỗ Thu Hường" -> "do thu huong". */
export function fold(s) {
  return String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd').toLowerCase();
}

/**
 * The figures of the summary line.  people: the unit's active people
 * ({id, party_member}); attendance: [{person_id}]; outside: guests.
 */
export function attendanceSummary(people, attendance, outside) {
  const present = new Set((attendance || []).map((a) => a.person_id));
  const members = (people || []).filter((p) => p.party_member);
  return {
    presentMembers: members.filter((p) => present.has(p.id)).length,
    members: members.length,
    guests: Number(outside) || 0,
    total: (attendance || []).length + (Number(outside) || 0),
  };
}

/** "Có mặt: 18/25 đảng viên · Khách mời: 3 · Tổng: 21" */
export function summaryText(s) {
  return t('attendance.summary', {
    present: fmtInt(s.presentMembers), members: fmtInt(s.members),
    guests: fmtInt(s.guests), total: fmtInt(s.total),
  });
}

/** Every active person of a unit's subtree (pages of 200). */
async function unitPeople(orgId) {
  const all = [];
  for (let page = 1; page <= 25; page++) {
    const r = await api.get('/people', { org: orgId, status: 'active', per_page: 200, page });
    const items = (r && r.items) || [];
    all.push(...items);
    if (items.length < 200 || all.length >= r.total) break;
  }
  return all;
}

/**
 * createChecklist({meta, type, child, rec, canWrite, onChanged(rec), notify})
 *   type: the parent type (activity), child: the child type (attendance),
 *   rec: the parent's detail (with rec[child.path] inline).
 * Returns {el}.
 */
export function createChecklist(opts) {
  const { meta, type, child, canWrite } = opts;
  let rec = opts.rec;
  const personField = child.person_field;
  const orgId = rec[type.org_field];
  const outsideField = fieldByName(type, 'outside_count');
  let attendance = [...(rec[child.path] || [])];
  let people = [];
  const byPerson = () => new Map(attendance.map((a) => [a[personField], a]));

  const summary = h('p', { class: 'attendance-summary', role: 'status', 'aria-live': 'polite' });
  const errorEl = h('p', { class: 'form-error', role: 'alert' });
  const listEl = h('ul', { class: 'checklist' });
  const othersEl = h('div', { class: 'attendance-others' });
  const status = h('p', { class: 'loading' }, t('common.loading'));
  const filterId = uid('att-filter');
  const filterInput = h('input', { id: filterId, type: 'search', class: 'input', autocomplete: 'off',
    placeholder: t('attendance.filter_placeholder') });
  const filterBox = h('div', { class: 'filter attendance-filter', hidden: true },
    h('label', { for: filterId, class: 'label' }, t('attendance.filter')), filterInput);
  filterInput.addEventListener('input', () => applyFilter());

  const listPeople = opts.listPeople !== false;

  function updateSummary() {
    const s = attendanceSummary(people, attendance, rec[outsideField ? outsideField.name : ''] || 0);
    summary.textContent = listPeople ? summaryText(s) : t('attendance.summary_short', {
      present: fmtInt(attendance.length), guests: fmtInt(s.guests), total: fmtInt(s.total) });
  }

  function applyFilter() {
    const q = fold(filterInput.value.trim());
    for (const li of listEl.children) {
      li.hidden = !!q && !fold(li.getAttribute('data-name')).includes(q);
    }
  }

  async function toggle(person, box) {
    errorEl.textContent = '';
    box.disabled = true;
    const want = box.checked;
    try {
      if (want) {
        const created = await api.post(`/${type.path}/${rec.id}/${child.path}`, { [personField]: person.id });
        attendance.push(created);
      } else {
        const a = byPerson().get(person.id);
        if (a) {
          await api.del(`/${type.path}/${rec.id}/${child.path}/${a.id}`);
          attendance = attendance.filter((x) => x.id !== a.id);
        }
      }
    } catch (e) {
      box.checked = !want;
      errorEl.textContent = `${person.full_name}: ${e.message || e}`;
    } finally {
      box.disabled = false;
    }
    updateSummary();
    renderOthers();
    if (opts.onChanged) opts.onChanged(attendance);
  }

  function renderList() {
    const present = byPerson();
    mount(listEl, people.map((p) => {
      const id = uid('att');
      const box = h('input', { type: 'checkbox', id, checked: present.has(p.id), disabled: !canWrite,
        'data-person': String(p.id) });
      box.addEventListener('change', () => toggle(p, box));
      return h('li', { class: 'checklist-item', 'data-name': p.full_name },
        h('div', { class: 'check' }, box, h('label', { for: id }, p.full_name,
          p.party_member ? null : h('span', { class: 'muted' }, ` (${t('attendance.not_member')})`))));
    }));
    filterBox.hidden = people.length < 12;
    applyFilter();
  }

  /* attendees who are not (or no longer) in the unit's list */
  function renderOthers() {
    const inUnit = new Set(people.map((p) => p.id));
    const others = attendance.filter((a) => !inUnit.has(a[personField]));
    const items = others.map((a) => {
      const ref = a[refKey(personField)];
      const name = ref ? ref.full_name : `#${a[personField]}`;
      return h('li', null, name, canWrite ? [' ', h('button', { type: 'button', class: 'btn-link',
        onClick: async () => {
          try {
            await api.del(`/${type.path}/${rec.id}/${child.path}/${a.id}`);
            attendance = attendance.filter((x) => x.id !== a.id);
            updateSummary();
            renderOthers();
          } catch (e) {
            errorEl.textContent = e.message || String(e);
          }
        } }, t('attendance.remove'))] : null);
    });
    let adder = null;
    if (canWrite) {
      const pid = uid('att-other');
      const picker = personPicker({ id: pid, value: null, onChange: async (v) => {
        if (!v) return;
        errorEl.textContent = '';
        try {
          const created = await api.post(`/${type.path}/${rec.id}/${child.path}`, { [personField]: v.id });
          attendance.push(created);
          const box = listEl.querySelector(`input[data-person="${v.id}"]`);
          if (box) box.checked = true;
          updateSummary();
          renderOthers();
        } catch (e) {
          errorEl.textContent = e.message || String(e);
          picker.setValue(null);
        }
      } });
      adder = h('div', { class: 'field attendance-add' },
        h('label', { for: pid, class: 'label' }, t('attendance.add_other')), picker.el);
    }
    mount(othersEl,
      items.length ? [h('h3', null, t('attendance.others')), h('ul', { class: 'plain-list' }, items)] : null,
      adder);
  }

  /* guests: the parent's outside_count, corrected here */
  let guestsForm = null;
  if (outsideField && canWrite && (rec.actions || []).includes('edit')) {
    const spec = fieldsFor(meta, { ...type, fields: [outsideField] }, 'edit')[0];
    spec.labelText = t('attendance.guests');
    delete spec.hint;
    guestsForm = createForm({
      fields: [spec],
      values: rec,
      mode: 'edit',
      hideRequiredNote: true,
      submitLabel: 'attendance.save_guests',
      onSubmit: (payload) => api.patch(`/${type.path}/${rec.id}`, payload),
      onSuccess: (updated) => {
        rec = { ...rec, [outsideField.name]: updated[outsideField.name] };
        updateSummary();
        guestsForm.setNote(t('attendance.guests_saved'));
      },
    });
    guestsForm.el.classList.add('form-inline', 'guests-form');
  }

  const el = h('div', { class: 'attendance' },
    summary,
    guestsForm ? guestsForm.el : null,
    canWrite ? h('p', { class: 'hint' }, t('attendance.hint')) : null,
    errorEl,
    filterBox,
    status,
    listEl,
    othersEl);

  updateSummary();
  if (!listPeople) {
    // A member sees who was there (the names the activity carries), no form.
    status.remove();
    listEl.classList.add('plain-list');
    mount(listEl, attendance.map((a) => {
      const ref = a[refKey(personField)];
      return h('li', null, ref ? ref.full_name : `#${a[personField]}`);
    }));
    return { el };
  }
  (orgId ? unitPeople(orgId) : Promise.resolve([])).then((list) => {
    people = list;
    status.remove();
    if (!canWrite) {
      // Readers see who was there, not a form.
      const present = byPerson();
      mount(listEl, list.filter((p) => present.has(p.id)).map((p) => h('li', { class: 'checklist-item' }, p.full_name)));
    } else {
      renderList();
    }
    updateSummary();
    renderOthers();
  }).catch((e) => {
    status.textContent = e.message || String(e);
    renderOthers();
  });

  return { el };
}
