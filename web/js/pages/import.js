// pages/import.js — bulk import and export (#/import, staff and
// administrators): choose what the file holds and the file (CSV or XLSX),
// check it first (POST /api/v1/import?dry_run=1: the counts, or every bad
// row with its line, column and reason in a table), then import it; and
// export buttons (GET /api/v1/export) for the account's own unit.
//
// The page's words are kept here (vi/en) so that it does not touch the
// shared dictionary beyond its menu entry.

import { h, mount } from '../dom.js';
import { t, getLang } from '../i18n.js';
import * as api from '../api.js';
import { fmtInt } from '../format.js';

const TYPES = ['people', 'orgs', 'pledges', 'evaluations', 'activities'];

const WORDS = {
  vi: {
    title: 'Nhập và xuất dữ liệu',
    intro: 'Nhập danh sách từ tệp CSV (UTF-8, dấu phẩy hoặc chấm phẩy) hoặc Excel (XLSX). '
      + 'Dòng đầu là tên cột; các dòng được so theo mã, nên nhập lại cùng một tệp không thay đổi gì. '
      + 'Tệp có dòng sai thì không ghi gì cả.',
    type: 'Loại dữ liệu', file: 'Tệp', check: 'Kiểm tra', import: 'Nhập vào hệ thống',
    checking: 'Đang kiểm tra…', importing: 'Đang nhập…',
    ok_dry: 'Tệp hợp lệ (chưa ghi gì): {rows} dòng — {created} tạo mới, {updated} cập nhật, {unchanged} không đổi.',
    ok_done: 'Đã nhập {rows} dòng: {created} tạo mới, {updated} cập nhật, {unchanged} không đổi.',
    bad: 'Tệp bị từ chối, chưa ghi gì: {n} lỗi.',
    line: 'Dòng', column: 'Cột', header: 'Tên cột', reason: 'Lý do',
    export: 'Xuất dữ liệu của đơn vị', csv: 'CSV', xlsx: 'Excel (XLSX)',
    people: 'Người (cán bộ, đảng viên)', orgs: 'Đơn vị', pledges: 'Đăng ký làm theo',
    evaluations: 'Đánh giá, xếp loại', activities: 'Hoạt động, hội nghị',
    need_file: 'Hãy chọn một tệp.',
  },
  en: {
    title: 'Import and export',
    intro: 'Import a list from a CSV file (UTF-8, comma or semicolon) or Excel (XLSX). '
      + 'The first row names the columns; rows are matched by code, so importing the same file again changes nothing. '
      + 'A file with a bad row writes nothing.',
    type: 'Records', file: 'File', check: 'Check', import: 'Import',
    checking: 'Checking…', importing: 'Importing…',
    ok_dry: 'The file is valid (nothing written yet): {rows} rows — {created} new, {updated} changed, {unchanged} unchanged.',
    ok_done: 'Imported {rows} rows: {created} new, {updated} changed, {unchanged} unchanged.',
    bad: 'The file was refused, nothing written: {n} problems.',
    line: 'Line', column: 'Column', header: 'Header', reason: 'Reason',
    export: 'Export the unit\'s records', csv: 'CSV', xlsx: 'Excel (XLSX)',
    people: 'People', orgs: 'Units', pledges: 'Pledges', evaluations: 'Evaluations',
    activities: 'Activities',
    need_file: 'Choose a file.',
  },
};

function w(key, vars) {
  const dict = WORDS[getLang()] || WORDS.vi;
  let s = dict[key] || WORDS.vi[key] || key;
  for (const k of Object.keys(vars || {})) s = s.replace(`{${k}}`, vars[k]);
  return s;
}

function counts(body) {
  return { rows: fmtInt(body.rows), created: fmtInt(body.created), updated: fmtInt(body.updated),
    unchanged: fmtInt(body.unchanged) };
}

function problemsTable(rows) {
  return h('table', { class: 'data import-problems' },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, w('line')), h('th', { scope: 'col' }, w('column')),
      h('th', { scope: 'col' }, w('header')), h('th', { scope: 'col' }, w('reason')))),
    h('tbody', null, rows.map((p) => h('tr', { 'data-line': String(p.line) },
      h('td', null, p.line ? String(p.line) : '—'),
      h('td', null, p.column ? `${p.column_letter || ''} (${p.column})` : '—'),
      h('td', null, p.header || ''),
      h('td', null, p.message)))));
}

export function render(ctx) {
  const me = ctx.me || {};
  const typeSel = h('select', { id: 'import-type', name: 'type' },
    TYPES.map((ty) => h('option', { value: ty }, w(ty))));
  const fileIn = h('input', { id: 'import-file', type: 'file', name: 'file',
    accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const report = h('div', { id: 'import-report', class: 'import-report', role: 'status', 'aria-live': 'polite' });
  const checkBtn = h('button', { type: 'button', id: 'import-check', class: 'btn' }, w('check'));
  const goBtn = h('button', { type: 'button', id: 'import-go', class: 'btn btn-primary', disabled: true }, w('import'));
  let checked = null;	// the file and type the last successful check was of

  const reset = () => {
    checked = null;
    goBtn.disabled = true;
    mount(report);
  };
  typeSel.addEventListener('change', reset);
  fileIn.addEventListener('change', reset);

  async function send(dry) {
    const file = fileIn.files && fileIn.files[0];
    if (!file) {
      mount(report, h('p', { class: 'form-error' }, w('need_file')));
      return;
    }
    checkBtn.disabled = true;
    goBtn.disabled = true;
    mount(report, h('p', null, w(dry ? 'checking' : 'importing')));
    let res;
    try {
      res = await api.upload('/import', { type: typeSel.value, dry_run: dry ? 1 : null, name: file.name }, file);
    } catch (e) {
      mount(report, h('p', { class: 'form-error' }, e.message));
      checkBtn.disabled = false;
      return;
    }
    checkBtn.disabled = false;
    const body = res.data || {};
    if (res.status === 200) {
      mount(report, h('p', { class: ['import-ok', dry ? 'is-dry' : 'is-done'] },
        w(dry ? 'ok_dry' : 'ok_done', counts(body))));
      checked = dry ? { file, type: typeSel.value } : null;
      goBtn.disabled = !dry;
      return;
    }
    const err = body.error || {};
    if (err.code === 'import_rows') {
      mount(report, h('p', { class: 'form-error import-bad' }, w('bad', { n: fmtInt(err.total) })),
        problemsTable(err.rows || []));
    } else {
      mount(report, h('p', { class: 'form-error' }, err.message || t('err.http', { status: res.status })));
    }
  }

  checkBtn.addEventListener('click', () => send(true));
  goBtn.addEventListener('click', () => {
    if (checked && checked.file === (fileIn.files && fileIn.files[0]) && checked.type === typeSel.value) send(false);
  });

  const org = me.org || {};
  const exportLinks = h('ul', { class: 'import-exports' }, TYPES.map((ty) => h('li', null,
    h('span', null, w(ty), ': '),
    ['csv', 'xlsx'].map((fmt) => h('a', {
      class: 'btn btn-small', 'data-type': ty, 'data-format': fmt,
      href: `${api.BASE}/export${api.queryString({ type: ty, org: org.id, format: fmt })}`,
      download: '',
    }, w(fmt))))));

  if (ctx.setTitle) ctx.setTitle(w('title'));
  mount(ctx.main, h('section', { class: 'page-section import-page' },
    h('h1', null, w('title')),
    h('p', { class: 'lead' }, w('intro')),
    h('form', { class: 'import-form', onsubmit: (e) => e.preventDefault() },
      h('p', null, h('label', { for: 'import-type' }, w('type')), ' ', typeSel),
      h('p', null, h('label', { for: 'import-file' }, w('file')), ' ', fileIn),
      h('p', { class: 'actions' }, checkBtn, ' ', goBtn)),
    report,
    h('h2', null, w('export'), org.name ? ` — ${org.name}` : ''),
    exportLinks));
}
