// Unit tests of the pure part of web/js/form.js: conversion of what is typed
// to API values, the client-side checks, and "only changed fields on edit".
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkField, collect, toInput, codePoints, isRequired, inMode, errorMessage } from '../../web/js/form.js';
import { PERSON_FIELDS } from '../../web/js/pages/person.js';
import { ACCOUNT_FIELDS } from '../../web/js/pages/accounts.js';

const NAME = { name: 'full_name', type: 'text', label: 'person.full_name', required: true, maxLength: 200 };
const DATE = { name: 'party_joined', type: 'date', label: 'person.party_joined' };
const YEAR = { name: 'birth_year', type: 'int', label: 'person.birth_year', min: 1900, max: 2100 };
const CODE = { name: 'code', type: 'code', label: 'org.code', required: true, maxLength: 32 };

test('dates are typed dd/mm/yyyy and sent as ISO', () => {
  assert.deepEqual(checkField(DATE, '5/2/2023'), { value: '2023-02-05', error: null });
  assert.deepEqual(checkField(DATE, ''), { value: null, error: null });
  assert.equal(checkField(DATE, '31/02/2023').error.code, 'invalid_date');
  assert.equal(checkField(DATE, '2023').error.code, 'invalid_date');
  assert.equal(toInput(DATE, '2023-02-05'), '05/02/2023');
  assert.equal(toInput(DATE, null), '');
});

test('required, trimmed text with spaces collapsed', () => {
  assert.deepEqual(checkField(NAME, '  Nguyễn   Văn Sáng '), { value: 'Nguyễn Văn Sáng', error: null });
  assert.equal(checkField(NAME, '   ').error.code, 'required');
  assert.equal(checkField({ ...NAME, required: false }, '  ').value, null);
});

test('length counts code points after NFC', () => {
  assert.equal(codePoints('Nguyễn'), 6);
  assert.equal(codePoints('Nguye\u0302\u0303n'), 6); // NFD input
  const f = { ...NAME, maxLength: 6 };
  assert.equal(checkField(f, 'Nguyễn').error, null);
  const e = checkField(f, 'Nguyễnn').error;
  assert.equal(e.code, 'too_long');
  assert.deepEqual(e.params, { max: 6, n: 7 });
  assert.equal(checkField(NAME, 'a'.repeat(201)).error.code, 'too_long');
});

test('integers and ranges', () => {
  assert.deepEqual(checkField(YEAR, ' 1975 '), { value: 1975, error: null });
  assert.equal(checkField(YEAR, '19a5').error.code, 'invalid_int');
  assert.equal(checkField(YEAR, '1975.5').error.code, 'invalid_int');
  assert.equal(checkField(YEAR, '1800').error.code, 'out_of_range');
  assert.equal(checkField(YEAR, '').value, null);
});

test('codes, enums, booleans, refs, passwords', () => {
  assert.equal(checkField(CODE, 'TB.TT.THT').error, null);
  assert.equal(checkField(CODE, 'TB TT').error.code, 'invalid_code');
  assert.equal(checkField(CODE, 'Thụy').error.code, 'invalid_code');
  const gender = PERSON_FIELDS.find((f) => f.name === 'gender');
  assert.equal(checkField(gender, 'female').value, 'female');
  assert.equal(checkField(gender, '').value, null);
  assert.equal(checkField(gender, 'other').error.code, 'invalid_value');
  assert.deepEqual(checkField({ name: 'head', type: 'bool' }, true), { value: true, error: null });
  assert.deepEqual(checkField({ name: 'org_id', type: 'ref-org', required: true }, 41), { value: 41, error: null });
  assert.equal(checkField({ name: 'org_id', type: 'ref-org', required: true }, null).error.code, 'required');
  const pw = ACCOUNT_FIELDS.find((f) => f.name === 'password' && inMode(f, 'create'));
  assert.equal(checkField(pw, 'ngắn', 'create').error.code, 'too_short');
  assert.equal(checkField(pw, '', 'create').error.code, 'required');
  assert.equal(checkField(pw, ' mật khẩu dài ', 'create').value, ' mật khẩu dài ', 'passwords are not trimmed');
  // 10 bytes, not 10 characters: "đđđđđ" is 5 characters but 10 bytes
  assert.equal(checkField(pw, 'đđđđđ', 'create').error, null);
});

test('required only on create', () => {
  const f = { name: 'password', type: 'password', required: 'create' };
  assert.equal(isRequired(f, 'create'), true);
  assert.equal(isRequired(f, 'edit'), false);
  assert.equal(checkField(f, '', 'edit').error, null);
});

test('create sends every field with a value, booleans always', () => {
  const raws = { full_name: 'Lê Thị Hà', gender: '', birth_year: '1980', org_id: 41, position: '',
    status: 'active', party_member: true, key_cadre: false, head: false, civil_servant: false,
    union_member: true, party_joined: '03/02/2005', note: '' };
  const { payload, errors } = collect(PERSON_FIELDS, raws, { mode: 'create' });
  assert.deepEqual(errors, []);
  assert.deepEqual(payload, { full_name: 'Lê Thị Hà', birth_year: 1980, org_id: 41, status: 'active',
    party_member: true, key_cadre: false, head: false, civil_servant: false, union_member: true,
    party_joined: '2005-02-03' });
});

test('edit sends only the changed fields', () => {
  const person = { id: 7, full_name: 'Nguyễn Văn Sáng', gender: 'male', birth_year: null, party_joined: null,
    party_member: true, key_cadre: true, head: true, civil_servant: false, union_member: false, org_id: 41,
    status: 'active', position: 'Bí thư Chi bộ thôn Quế Ổ', note: null };
  const raws = { full_name: 'Nguyễn Văn Sáng', gender: 'male', birth_year: '', party_joined: '',
    party_member: true, key_cadre: true, head: false, civil_servant: false, union_member: false,
    status: 'active', position: 'Bí thư Chi bộ thôn Quế Ổ', note: 'Ghi chú mới' };
  const { payload, errors } = collect(PERSON_FIELDS, raws, { mode: 'edit', initial: person });
  assert.deepEqual(errors, []);
  assert.deepEqual(payload, { head: false, note: 'Ghi chú mới' });
  assert.equal('org_id' in payload, false, 'org_id is create-only');
  // clearing a value sends null
  const r2 = collect(PERSON_FIELDS, { ...raws, note: '', position: '' }, { mode: 'edit', initial: person });
  assert.deepEqual(r2.payload, { head: false, position: null });
  // dates compare as ISO
  const r3 = collect(PERSON_FIELDS, { ...raws, head: true, note: '', party_joined: '1/2/2003' },
    { mode: 'edit', initial: { ...person, party_joined: '2003-02-01' } });
  assert.deepEqual(r3.payload, {});
});

test('edit of an account: password only when typed, username not sent', () => {
  const account = { id: 3, username: 'bithu.queo', display_name: 'Bí thư', role: 'secretary', org_id: 41,
    person_id: 7, disabled: false };
  const raws = { display_name: 'Bí thư', role: 'secretary', org_id: 41, person_id: 7, disabled: true, password: '' };
  assert.deepEqual(collect(ACCOUNT_FIELDS, raws, { mode: 'edit', initial: account }).payload, { disabled: true });
  const r = collect(ACCOUNT_FIELDS, { ...raws, disabled: false, password: 'mật khẩu mới 2025' },
    { mode: 'edit', initial: account });
  assert.deepEqual(r.payload, { password: 'mật khẩu mới 2025' });
});

test('errors name their field, in form order', () => {
  const { errors } = collect(PERSON_FIELDS, { full_name: '', birth_year: 'x', party_joined: '30/02/2020',
    status: 'active', org_id: null }, { mode: 'create' });
  assert.deepEqual(errors.map((e) => `${e.name}:${e.code}`),
    ['full_name:required', 'birth_year:invalid_int', 'org_id:required', 'party_joined:invalid_date']);
});

test('error messages are Vietnamese with the field label', () => {
  assert.equal(errorMessage({ code: 'required' }, NAME), 'Mục “Họ và tên” là bắt buộc.');
  assert.equal(errorMessage({ code: 'too_long', params: { max: 200, n: 201 } }, NAME), 'Tối đa 200 ký tự (đang có 201).');
});
