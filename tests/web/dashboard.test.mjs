// Unit tests of web/js/indicators.js, the dashboard's pure helpers: the change
// from the year before, the words of a figure, the rows of a breakdown by
// unit (the unit's own share, the order, the check that they add up), the
// years offered and the links.
import test from 'node:test';
import assert from 'node:assert/strict';

const store = new Map([['lamtheo.lang', 'vi']]);
globalThis.localStorage = {
  getItem: (k) => (store.has(k) ? store.get(k) : null),
  setItem: (k, v) => store.set(k, String(v)),
};
const { setLang } = await import('../../web/js/i18n.js');
const ind = await import('../../web/js/indicators.js');
const {
  changeOf, fmtChange, numDenText, partsTexts, partLabel, unitWord, breakdown, sortRows, scaleMax,
  barFraction, overviewHash, detailHash, yearOptions, trendYears, yearParam, compareYear,
  rateOf, displayOf, decimalsOf, seedText, FIRST_YEAR, unitYear, sameUnitYear,
} = ind;

const MINUS = '\u2212';

test('the change of a rate is in percentage points, Vietnamese style', () => {
  const ch = changeOf('rate', { num: 7310, den: 7419, rate: 98.5 }, { num: 6840, den: 7065, rate: 96.8 });
  assert.deepEqual(ch, { delta: 1.7, dir: 'up' });
  assert.equal(fmtChange('rate', ch.delta), '+1,7 điểm %');
  const down = changeOf('rate', { rate: 91.5 }, { rate: 95.2 });
  assert.deepEqual(down, { delta: -3.7, dir: 'down' });
  assert.equal(fmtChange('rate', down.delta), `${MINUS}3,7 điểm %`);
  // whole points lose their ",0"; no change is said in words
  assert.equal(fmtChange('rate', 7), '+7 điểm %');
  assert.equal(fmtChange('rate', 0), 'Không đổi');
  assert.deepEqual(changeOf('rate', { rate: 84.3 }, { rate: 84.3 }), { delta: 0, dir: 'same' });
  // the rates as shown (one decimal): 98,5 − 96,8, not the exact ratios
  assert.equal(changeOf('rate', { rate: 100 }, { rate: 95.7 }).delta, 4.3);
  // computed from num/den when the rate is missing
  assert.equal(changeOf('rate', { num: 1, den: 2 }, { num: 1, den: 4 }).delta, 25);
  // a side without a denominator: no change to show
  assert.equal(changeOf('rate', { rate: 90, num: 9, den: 10 }, { rate: null, num: 0, den: 0 }), null);
  assert.equal(changeOf('rate', { rate: 90 }, null), null);
});

test('the change of a count is its difference, with thousands', () => {
  const ch = changeOf('count', { num: 7610 }, { num: 7144 });
  assert.deepEqual(ch, { delta: 466, dir: 'up' });
  assert.equal(fmtChange('count', 381), '+381');
  assert.equal(fmtChange('count', -4), `${MINUS}4`);
  assert.equal(fmtChange('count', 12345), '+12.345');
  assert.equal(fmtChange('count', 0), 'Không đổi');
  assert.equal(fmtChange('count', null), '');
});

test('English keeps the Vietnamese numbers and says percentage points', () => {
  setLang('en');
  try {
    assert.equal(fmtChange('rate', 1.7), '+1,7 pp');
    assert.equal(fmtChange('rate', 0), 'No change');
    assert.equal(numDenText('rate', 'member_pledge_rate', { num: 5938, den: 6026 }), '5.938 of 6.026 party members');
    assert.deepEqual(partsTexts('conferences', [1, 10222, 0, 0]), ['1 conference', '10.222 attendances']);
    assert.equal(seedText('003'), 'Source: text 003');
  } finally {
    setLang('vi');
  }
});

test('numerator and denominator in words, per figure', () => {
  assert.equal(numDenText('rate', 'member_pledge_rate', { num: 5938, den: 6026 }), '5.938 / 6.026 đảng viên');
  assert.equal(numDenText('rate', 'committees_with_plan', { num: 47, den: 47 }), '47 / 47 cấp ủy');
  assert.equal(numDenText('rate', 'cells_topic_in_meetings', { num: 269, den: 277 }), '269 / 277 chi bộ');
  // a figure this interface does not know yet: numbers only
  assert.equal(numDenText('rate', 'something_new', { num: 1, den: 2 }), '1 / 2');
  // nothing to say for a count, or without a denominator
  assert.equal(numDenText('count', 'conferences', { num: 62 }), '');
  assert.equal(numDenText('rate', 'member_pledge_rate', { num: 0, den: 0 }), '');
  // every figure of the server has its unit word
  for (const n of ['committees_with_plan', 'member_pledge_rate', 'key_cadre_pledge_rate', 'pledges_filed',
    'pledges_completed', 'cells_topic_in_meetings', 'conferences', 'concerns_resolved', 'exemplars',
    'inspections', 'dialogues', 'petitions_handled', 'orgs_good_or_better', 'members_good_or_better',
    'mass_orgs_strong']) {
    assert.ok(unitWord(n), n);
  }
});

test("a count's parts in words", () => {
  assert.deepEqual(partsTexts('conferences', [62, 10222, 0, 0]), ['62 hội nghị', '10.222 lượt người dự']);
  assert.deepEqual(partsTexts('exemplars', [57, 26, 42, 28]),
    ['57 tập thể', '26 cá nhân', '42 được khen thưởng', '28 được nhân rộng']);
  assert.deepEqual(partsTexts('inspections', [18, 4, 35, 0]),
    ['18 kiểm tra', '4 giám sát chuyên đề', '35 tự kiểm tra']);
  assert.deepEqual(partsTexts('dialogues', [540, 40, 12, 0]),
    ['540 tiếp công dân', '40 đối thoại', '12 tiếp xúc cử tri']);
  assert.deepEqual(partsTexts('pledges_filed', [7310, 300, 0, 0]), ['7.310 cá nhân', '300 tập thể']);
  assert.deepEqual(partsTexts('member_pledge_rate', [0, 0, 0, 0]), []);
  assert.deepEqual(partsTexts('conferences', null), []);
  assert.equal(partLabel('conferences', 1), 'Lượt người dự');
  assert.equal(partLabel('exemplars', 2), 'Được khen thưởng');
});

const HY = { id: 3, code: 'HY', name: 'Đảng bộ tỉnh Hưng Yên', kind: 'province_committee' };
const ref = (id, name, kind = 'district_committee') => ({ id, code: `U${id}`, name, kind });

test('a breakdown: rows, the own share, whether they add up', () => {
  const detail = {
    name: 'conferences', kind: 'count', org: HY, num: 105, display: '105', parts: [105, 17540, 0, 0],
    children: [
      { org: ref(295, 'Đảng bộ huyện Kim Động'), num: 14, display: '14', parts: [14, 2407, 0, 0], merged: false },
      { org: ref(2, 'Đảng bộ tỉnh Thái Bình', 'province_committee'), num: 62, display: '62', parts: [62, 10222, 0, 0], merged: true },
      { org: ref(317, 'Đảng bộ huyện Tiên Lữ'), num: 14, display: '14', parts: [14, 2229, 0, 0], merged: false },
      { org: ref(263, 'Đảng bộ thành phố Hưng Yên'), num: 13, display: '13', parts: [13, 1742, 0, 0], merged: false },
      { org: HY, num: 2, merged: false, own: true }, // the server sends no display nor parts here
    ],
  };
  const { rows, addsUp } = breakdown(detail);
  assert.equal(addsUp, true);
  assert.equal(rows.length, 5);
  const own = rows.find((r) => r.own);
  assert.equal(own.display, '2');
  assert.deepEqual(own.parts, [2, 940, 0, 0]); // the remainder of each part
  assert.equal(rows.find((r) => r.id === 2).merged, true);

  // the server left the own row out: made here from the remainder
  const noOwn = { ...detail, children: detail.children.slice(0, 4) };
  const b = breakdown(noOwn);
  assert.equal(b.addsUp, true);
  const made = b.rows.find((r) => r.own);
  assert.equal(made.derived, true);
  assert.equal(made.num, 2);
  assert.equal(made.id, 3);

  // rows counting more than the total: reported, never a share below zero
  const over = breakdown({ ...detail, num: 100, children: detail.children.slice(0, 4) });
  assert.equal(over.addsUp, false);
  assert.equal(over.rows.some((r) => r.own), false);
  const negative = breakdown({ ...detail, num: 83, children: [...detail.children.slice(0, 4), { org: HY, num: -20, own: true }] });
  assert.equal(negative.addsUp, false);
  assert.equal(negative.negative, true);
});

test("a rate's breakdown: own share's rate and display made here", () => {
  const detail = {
    name: 'member_pledge_rate', kind: 'rate', org: HY, num: 110, den: 120, rate: 91.7, display: '91,7%',
    children: [
      { org: ref(10, 'A'), num: 90, den: 100, rate: 90, display: '90%' },
      { org: ref(11, 'B'), num: 0, den: 0, rate: null, display: '—' },
      { org: HY, num: 20, den: 20, own: true },
    ],
  };
  const { rows, addsUp } = breakdown(detail);
  assert.equal(addsUp, true);
  const own = rows.find((r) => r.own);
  assert.equal(own.rate, 100);
  assert.equal(own.display, '100%');
  assert.equal(rows.find((r) => r.id === 11).rate, null);
  // two decimals when the figure shows two (evaluations)
  assert.equal(decimalsOf('92,31%'), 2);
  assert.equal(decimalsOf('100%'), 1);
  assert.equal(displayOf('rate', { num: 1, den: 3 }, 2), '33,33%');
  assert.equal(displayOf('rate', { num: 0, den: 0 }), '—');
  assert.equal(displayOf('count', { num: 10222 }), '10.222');
  assert.equal(displayOf('rate', { display: '98,5%', num: 1, den: 2 }), '98,5%');
});

test('rows are sorted by rate or by number, the own share last', () => {
  const r = (id, name, num, den, extra = {}) => ({ id, name, num, den, rate: rateOf(num, den), ...extra });
  const rates = [
    r(1, 'Đảng bộ xã Vũ Quý', 272, 278),
    r(2, 'Ban Tuyên giáo', 0, 0),
    r(3, 'Đảng bộ xã Bình Định', 229, 234),
    r(9, 'Trực thuộc', 5, 5, { own: true }),
    r(4, 'Đảng bộ xã Vũ Trung', 215, 216),
    r(5, 'Chi bộ Tổ dân phố số 10', 25, 25),
    r(6, 'Chi bộ Khu phố Lê Hồng Phong', 25, 25),
    r(7, 'Chi bộ Khu phố Trần Phú', 37, 37),
  ];
  assert.deepEqual(sortRows(rates, 'rate').map((x) => x.id), [7, 6, 5, 4, 3, 1, 2, 9]);
  assert.equal(rates[0].id, 1, 'a new array: the rows given are not reordered');

  const counts = [
    { id: 1, name: 'Đảng bộ huyện Tiên Lữ', num: 14 },
    { id: 2, name: 'Đảng bộ tỉnh Thái Bình', num: 62 },
    { id: 3, name: 'Đảng bộ huyện Kim Động', num: 14 },
    { id: 4, name: 'Ủy ban nhân dân tỉnh', num: 0 },
    { id: 5, name: 'Đảng bộ tỉnh Hưng Yên', num: 2, own: true },
    { id: 6, name: 'Ban Tuyên giáo', num: 0 },
  ];
  // ties by name in Vietnamese order ("Kim" before "Tiên", "Ban" before "Ủy")
  assert.deepEqual(sortRows(counts, 'count').map((x) => x.id), [2, 3, 1, 6, 4, 5]);
});

test('bars: rates on 0–100, counts on the largest', () => {
  const rows = [{ num: 62, rate: null }, { num: 14, rate: null }, { num: 0, rate: null }];
  assert.equal(scaleMax(rows, 'count'), 62);
  assert.equal(scaleMax([{ num: 0 }], 'count'), 1);
  assert.equal(scaleMax(rows, 'rate'), 100);
  assert.equal(barFraction({ num: 31 }, 'count', 62), 0.5);
  assert.equal(barFraction({ rate: 98.5 }, 'rate', 100), 0.985);
  assert.equal(barFraction({ rate: null }, 'rate', 100), 0);
  assert.equal(barFraction({ num: -2 }, 'count', 62), 0);
});

test('years: from 2021 to this year, the first one compared with nothing', () => {
  assert.equal(FIRST_YEAR, 2021);
  assert.deepEqual(yearOptions(2026), [2026, 2025, 2024, 2023, 2022, 2021]);
  assert.deepEqual(trendYears(2023), [2021, 2022, 2023]);
  assert.equal(yearParam('2022', 2026), 2022);
  assert.equal(yearParam('2019', 2026), 2026);
  assert.equal(yearParam('2027', 2026), 2026);
  assert.equal(yearParam('abc', 2026), 2026);
  assert.equal(yearParam(undefined, 2026), 2026);
  assert.equal(compareYear(2022), 2021);
  assert.equal(compareYear(2021), null);
});

test('links: the dashboard pages; the unit and year of a query', () => {
  assert.equal(overviewHash(null, 2026), '#/dashboard?year=2026');
  assert.equal(overviewHash(3, 2022), '#/dashboard?org=3&year=2022');
  assert.equal(detailHash('member_pledge_rate', 2, 2022), '#/dashboard/member_pledge_rate?org=2&year=2022');
  assert.equal(seedText('000, 001'), 'Nguồn: bài 000, 001');
  assert.equal(seedText(''), '');
  const now = Number(new Date(Date.now() + 7 * 3600000).toISOString().slice(0, 4));
  assert.deepEqual(unitYear({ org: '3', year: '2022' }), { org: 3, year: 2022 });
  assert.deepEqual(unitYear({ org: 'x', year: '1999' }), { org: null, year: now });
  assert.deepEqual(unitYear({}), { org: null, year: now });
  assert.equal(sameUnitYear({ org: 3, year: 2022 }, { org: 3, year: 2022 }), true);
  assert.equal(sameUnitYear({ org: 3, year: 2022 }, { org: null, year: 2022 }), false);
});
