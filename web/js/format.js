// format.js — numbers and dates the Vietnamese way (SPEC §4).
//
// These are official figures: the English interface keeps the Vietnamese
// number format (1.916.248 / 98,5%) and dd/mm/yyyy dates on purpose.
// Pure functions, no DOM: unit-tested by tests/web/format.test.mjs.

export const DASH = '—';

const DATE_MIN_YEAR = 1900; // mirrors src/limits.h
const DATE_MAX_YEAR = 2100;

function groupDigits(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function isNumberLike(n) {
  if (n === null || n === undefined || n === '' || typeof n === 'boolean') return false;
  return Number.isFinite(Number(n));
}

/** 1916248 -> "1.916.248"; null/NaN -> "—". Rounds to an integer. */
export function fmtInt(n) {
  if (!isNumberLike(n)) return DASH;
  const x = Math.round(Number(n));
  const s = groupDigits(String(Math.abs(x)));
  return x < 0 ? '-' + s : s;
}

/** 1234.56 -> "1.234,6" (decimals=1); decimal comma, dot thousands. */
export function fmtDecimal(x, decimals = 1) {
  if (!isNumberLike(x)) return DASH;
  const v = Number(x);
  const f = 10 ** decimals;
  // toPrecision(15) removes binary noise (1.005 * 100 = 100.49999…).
  const scaled = Math.round(Number((Math.abs(v) * f).toPrecision(15)));
  const intPart = Math.floor(scaled / f);
  let s = groupDigits(String(intPart));
  if (decimals > 0) s += ',' + String(scaled % f).padStart(decimals, '0');
  return v < 0 && scaled !== 0 ? '-' + s : s;
}

/**
 * fmtPercent(985, 1000) -> "98,5%", (5, 5) -> "100%": as the seeds write it
 * and as the server's text_fmt_percent() does, trailing zeros of the
 * fraction are dropped.  "—" when the denominator is 0 or missing.
 */
export function fmtPercent(num, den, decimals = 1) {
  if (!isNumberLike(num) || !isNumberLike(den) || Number(den) === 0) return DASH;
  let s = fmtDecimal((Number(num) * 100) / Number(den), decimals);
  if (s.includes(',')) s = s.replace(/0+$/, '').replace(/,$/, '');
  return s + '%';
}

/** 300000000 -> "300.000.000 đ" */
export function fmtMoney(n) {
  if (!isNumberLike(n)) return DASH;
  return fmtInt(n) + ' đ';
}

/* ---- dates ------------------------------------------------------------- */

export function isLeapYear(y) {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y, m) {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** A real calendar date within the range the server accepts. */
export function isRealDate(y, m, d) {
  if (![y, m, d].every(Number.isInteger)) return false;
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) return false;
  if (m < 1 || m > 12) return false;
  return d >= 1 && d <= daysInMonth(y, m);
}

function pad2(n) {
  return String(n).padStart(2, '0');
}

function toIso(y, m, d) {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Is s a strict ISO "YYYY-MM-DD" real date? */
export function isIsoDate(s) {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isRealDate(+m[1], +m[2], +m[3]);
}

/**
 * "5/2/2023" or "05/02/2023" -> "2023-02-05"; null when it is not a real date.
 * Also accepts "." "-" or a space as separator (phone keypads), eight digits
 * "05022023", and an ISO date unchanged.  Two-digit years are refused.
 */
export function parseDate(s) {
  if (typeof s !== 'string') return null;
  const str = s.trim();
  let m;
  let y;
  let mo;
  let d;
  if ((m = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(str))) {
    d = +m[1]; mo = +m[2]; y = +m[3];
  } else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str))) {
    y = +m[1]; mo = +m[2]; d = +m[3];
  } else if ((m = /^(\d{2})(\d{2})(\d{4})$/.exec(str))) {
    d = +m[1]; mo = +m[2]; y = +m[3];
  } else {
    return null;
  }
  return isRealDate(y, mo, d) ? toIso(y, mo, d) : null;
}

/** "2023-02-05" -> "05/02/2023"; "" for null/empty; other text unchanged. */
export function fmtDate(iso) {
  if (iso === null || iso === undefined || iso === '') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  if (!m) return String(iso);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** Adds n days to an ISO date (n may be negative). */
export function addDays(iso, n) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]) + n * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Today in Viet Nam (UTC+7), as the server counts it, ISO. */
export function todayIso(now = Date.now()) {
  return new Date(now + 7 * 3600000).toISOString().slice(0, 10);
}

/** Unix seconds -> "05/02/2023 14:30" in Viet Nam time. */
export function fmtDateTime(unix) {
  if (!isNumberLike(unix)) return '';
  const iso = new Date(Number(unix) * 1000 + 7 * 3600000).toISOString();
  return `${fmtDate(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}
