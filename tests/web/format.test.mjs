// Unit tests of web/js/format.js: node --test tests/web/
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  fmtInt, fmtDecimal, fmtPercent, fmtMoney, fmtDate, parseDate, isRealDate, isIsoDate,
  addDays, todayIso, fmtDateTime, DASH,
} from '../../web/js/format.js';

test('fmtInt groups thousands with dots', () => {
  assert.equal(fmtInt(1916248), '1.916.248');
  assert.equal(fmtInt(0), '0');
  assert.equal(fmtInt(999), '999');
  assert.equal(fmtInt(1000), '1.000');
  assert.equal(fmtInt(10000), '10.000');
  assert.equal(fmtInt(3218), '3.218');
  assert.equal(fmtInt(-1234567), '-1.234.567');
  assert.equal(fmtInt('5600000'), '5.600.000');
  assert.equal(fmtInt(2.6), '3');
});

test('fmtInt shows a dash for missing values', () => {
  assert.equal(fmtInt(null), DASH);
  assert.equal(fmtInt(undefined), DASH);
  assert.equal(fmtInt(''), DASH);
  assert.equal(fmtInt(NaN), DASH);
  assert.equal(fmtInt('abc'), DASH);
  assert.equal(fmtInt(true), DASH);
});

test('fmtDecimal uses a decimal comma', () => {
  assert.equal(fmtDecimal(98.5), '98,5');
  assert.equal(fmtDecimal(1234.56, 2), '1.234,56');
  assert.equal(fmtDecimal(1.005, 2), '1,01');
  assert.equal(fmtDecimal(7, 0), '7');
  assert.equal(fmtDecimal(-0.04, 1), '0,0');
  assert.equal(fmtDecimal(-2.25, 1), '-2,3');
});

test('fmtPercent as the seeds write it', () => {
  assert.equal(fmtPercent(985, 1000), '98,5%');
  assert.equal(fmtPercent(968, 1000), '96,8%');
  assert.equal(fmtPercent(9581, 9881, 2), '96,96%');
  assert.equal(fmtPercent(8981, 10000, 2), '89,81%');
  assert.equal(fmtPercent(947, 1000), '94,7%');
  assert.equal(fmtPercent(1, 3), '33,3%');
  assert.equal(fmtPercent(2, 3), '66,7%');
  assert.equal(fmtPercent(5, 5), '100%');
  assert.equal(fmtPercent(5, 5, 0), '100%');
  assert.equal(fmtPercent(0, 7), '0%');
  assert.equal(fmtPercent(1000, 10000, 2), '10%');
  assert.equal(fmtPercent(1050, 10000, 2), '10,5%');
  assert.equal(fmtPercent(123456, 123456 * 2), '50%');
});

test('fmtPercent is a dash when the denominator is 0 or missing', () => {
  assert.equal(fmtPercent(0, 0), DASH);
  assert.equal(fmtPercent(5, 0), DASH);
  assert.equal(fmtPercent(5, null), DASH);
  assert.equal(fmtPercent(null, 10), DASH);
});

test('fmtMoney in dong', () => {
  assert.equal(fmtMoney(300000000), '300.000.000 đ');
  assert.equal(fmtMoney(0), '0 đ');
  assert.equal(fmtMoney(null), DASH);
});

test('fmtDate shows dd/mm/yyyy', () => {
  assert.equal(fmtDate('2023-02-05'), '05/02/2023');
  assert.equal(fmtDate('2025-07-01'), '01/07/2025');
  assert.equal(fmtDate(null), '');
  assert.equal(fmtDate(''), '');
  assert.equal(fmtDate(undefined), '');
  assert.equal(fmtDate('không phải ngày'), 'không phải ngày');
});

test('parseDate reads dd/mm/yyyy into ISO', () => {
  assert.equal(parseDate('5/2/2023'), '2023-02-05');
  assert.equal(parseDate('05/02/2023'), '2023-02-05');
  assert.equal(parseDate(' 05/02/2023 '), '2023-02-05');
  assert.equal(parseDate('30/06/2025'), '2025-06-30');
  assert.equal(parseDate('1/7/2025'), '2025-07-01');
  assert.equal(parseDate('5.2.2023'), '2023-02-05');
  assert.equal(parseDate('5-2-2023'), '2023-02-05');
  assert.equal(parseDate('05022023'), '2023-02-05');
  assert.equal(parseDate('2023-02-05'), '2023-02-05');
});

test('parseDate checks the calendar', () => {
  assert.equal(parseDate('31/02/2023'), null);
  assert.equal(parseDate('30/02/2024'), null);
  assert.equal(parseDate('29/02/2023'), null);
  assert.equal(parseDate('29/02/2024'), '2024-02-29');
  assert.equal(parseDate('29/02/2000'), '2000-02-29');
  assert.equal(parseDate('29/02/1900'), null);
  assert.equal(parseDate('31/04/2023'), null);
  assert.equal(parseDate('31/12/2023'), '2023-12-31');
  assert.equal(parseDate('0/1/2023'), null);
  assert.equal(parseDate('1/13/2023'), null);
  assert.equal(parseDate('1/0/2023'), null);
  assert.equal(parseDate('2023-02-30'), null);
});

test('parseDate refuses what is not a date', () => {
  assert.equal(parseDate(''), null);
  assert.equal(parseDate('   '), null);
  assert.equal(parseDate(null), null);
  assert.equal(parseDate(undefined), null);
  assert.equal(parseDate(20230205), null);
  assert.equal(parseDate('5/2/23'), null);
  assert.equal(parseDate('5/2'), null);
  assert.equal(parseDate('ngày 5 tháng 2'), null);
  assert.equal(parseDate('05/02/2023x'), null);
  assert.equal(parseDate('1/1/1899'), null);
  assert.equal(parseDate('1/1/2101'), null);
  assert.equal(parseDate('05/02/2023 12:00'), null);
});

test('isRealDate and isIsoDate', () => {
  assert.equal(isRealDate(2024, 2, 29), true);
  assert.equal(isRealDate(2023, 2, 29), false);
  assert.equal(isRealDate(2023, 1.5, 1), false);
  assert.equal(isIsoDate('2025-07-01'), true);
  assert.equal(isIsoDate('2025-7-1'), false);
  assert.equal(isIsoDate('2025-02-31'), false);
});

test('addDays crosses months and years', () => {
  assert.equal(addDays('2025-07-01', -1), '2025-06-30');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  assert.equal(addDays('2023-12-31', 1), '2024-01-01');
  assert.equal(addDays('bad', 1), null);
});

test('todayIso counts in Viet Nam time (UTC+7)', () => {
  // 2025-06-30 17:30 UTC is already 1 July in Ha Noi
  assert.equal(todayIso(Date.UTC(2025, 5, 30, 17, 30)), '2025-07-01');
  assert.equal(todayIso(Date.UTC(2025, 5, 30, 16, 59)), '2025-06-30');
});

test('fmtDateTime shows Viet Nam time', () => {
  assert.equal(fmtDateTime(Date.UTC(2023, 1, 5, 7, 30) / 1000), '05/02/2023 14:30');
  assert.equal(fmtDateTime(null), '');
});
