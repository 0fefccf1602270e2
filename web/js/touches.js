// touches.js — the few things a record type's pages need beyond what
// GET /api/v1/meta says.  Every type works without an entry here; an entry
// only adds (all optional):
//
//   quickFilters   buttons above its list ("Chờ duyệt")
//   hints          {field: i18n key} under form fields
//   childWhen      {child: [statuses]}: when a child record may be added
//   showWhen       {field: [statuses]}: when a detail row is shown
//   noPerson       i18n key shown for a record without a person ("Tập thể")
//   myPage, mySort the member's own page (pledges)
//   columns        the list's columns, in order: field names, "@who" (the
//                  person, or the unit for a collective's record), "@label"
//                  (a catalogue entry's name in the interface language),
//                  "child:<type>" (the count of a child type)
//   title          the parts a record's name is made of (fields or "@who",
//                  "@label"), joined by " · "
//   who            i18n key of the "@who" column's heading
//   labels         {field: i18n prefix}: where the labels of a field's values
//                  are when not at "enum.<type>.<field>.<value>" (fields that
//                  share one list of values, codes that are not enums)
//   values         {field: [values]}: the values of a "code" field that is an
//                  enumeration in fact (state_kind): its filter is a select
//   badges         {field: tone field}: values shown as coloured badges; the
//                  tone comes from the value of the tone field (a state's
//                  colour is its kind's)
//   tones          {field: {value: tone}}: ok, info, warn, bad, muted, best
//   facets         the field the list's "facets" (counts per value) are of
//   unitFrom       {field: catalogue field}: the unit of a number is its
//                  metric's (catalogue "metric": unit, kind "money")
//   ratios         {field: count field}: "6/11" (tasks done of the tasks)
//   codeHints      {field: i18n key} of a code field's accepted values
//   shareOf        {field: parent's field}: a child's number with its share
//                  of the parent's ("1.472 (98,1%)" of a survey's sample)

/* How states and statuses look: ok (green), info (blue), warn (amber: needs
 * attention), bad (red), muted (grey: stopped), best (the highest rank). */
const STATE_KIND = ['open', 'resolved', 'closed'];
const STATE_TONES = { open: 'warn', resolved: 'ok', closed: 'muted' };
const LEVEL_TONES = {
  excellent: 'best', good: 'ok', done: 'info', not_done: 'bad',
  strong: 'best', fair: 'ok', average: 'info', weak: 'bad',
};
const TASK_TONES = { pending: 'neutral', in_progress: 'info', done: 'ok', cancelled: 'muted' };
const EXEMPLAR_TONES = { registered: 'neutral', recognised: 'info', commended: 'ok', replicated: 'best' };

const FOLLOWED = {
  labels: { state_kind: 'code.state_kind' },
  values: { state_kind: STATE_KIND },
  badges: { state: 'state_kind', state_kind: 'state_kind' },
  tones: { state_kind: STATE_TONES },
};

export const TOUCHES = {
  // The types of the organisation pages: their values have labels of their
  // own (i18n.js kindLabel, roleLabel …), named here for the generic code.
  org: { labels: { kind: 'kind' } },
  person: { labels: { status: 'status', gender: 'gender' } },
  account: { labels: { role: 'role' } },
  pledge: {
    // Secretaries and committee staff decide on submitted pledges.
    quickFilters: [
      { key: 'pending', label: 'records.pending', query: { status: 'submitted' }, deciders: true },
      // "Đăng ký rồi quên": accepted pledges due within a month, or with no
      // check-in (nor acceptance) for two months (GET ?due_within, ?stale_days).
      { key: 'due', label: 'records.due_soon', query: { status: 'accepted', due_within: '30' } },
      { key: 'stale', label: 'records.stale', query: { status: 'accepted', stale_days: '60' } },
    ],
    // List parameters beyond the meta's filter fields.
    extraParams: ['due_within', 'stale_days'],
    hints: { person_id: 'pledge.person_hint', due_date: 'pledge.due_hint', topic_id: 'pledge.topic_hint' },
    // Check-ins follow an accepted pledge until its verdict (core_campaign.c).
    childWhen: { checkin: ['accepted', 'reviewed'] },
    // The reason of a return is shown while the pledge is returned (the
    // history keeps it afterwards).
    showWhen: { return_reason: ['returned'] },
    // A pledge without a person is a collective's.
    noPerson: 'pledge.collective',
    myPage: '#/my-pledges',
    // The member's own list: newest year first.
    mySort: { sort: 'year', dir: 'desc' },
    facets: 'status',
  },
  activity: {
    hints: { outside_count: 'activity.outside_hint', topic_on_agenda: 'activity.agenda_hint' },
    facets: 'kind',
  },
  plan: {
    columns: ['title', 'number', 'year', 'org_id', 'issued_on', 'tasks_done'],
    title: ['title'],
    ratios: { tasks_done: 'tasks_count' },
  },
  task: {
    badges: { status: 'status' },
    tones: { status: TASK_TONES },
  },
  concern: {
    ...FOLLOWED,
    columns: ['title', 'org_id', 'field', 'opened', 'state'],
    facets: 'state_kind',
  },
  concern_update: FOLLOWED,
  petition: {
    ...FOLLOWED,
    columns: ['subject', 'kind', 'received', 'org_id', 'deadline', 'state'],
    title: ['subject'],
    facets: 'state_kind',
  },
  petition_update: FOLLOWED,
  exemplar: {
    columns: ['title', '@who', 'level', 'year', 'score', 'status'],
    noPerson: 'pledge.collective',
    badges: { status: 'status' },
    tones: { status: EXEMPLAR_TONES },
    facets: 'status',
  },
  inspection: {
    columns: ['subject', 'kind', 'target_org_id', 'start_date', 'org_id', 'child:inspection_action'],
    facets: 'kind',
  },
  evaluation: {
    columns: ['@who', 'year', 'score', 'level'],
    title: ['@who', 'year'],
    who: 'evaluation.who',
    noPerson: 'evaluation.organisation',
    labels: { derived_level: 'enum.evaluation.level', level_given: 'enum.evaluation.level' },
    badges: { level: 'level', derived_level: 'derived_level', level_given: 'level_given' },
    tones: { level: LEVEL_TONES, derived_level: LEVEL_TONES, level_given: LEVEL_TONES },
    facets: 'level',
    hints: { level_given: 'evaluation.level_hint', reason: 'evaluation.reason_hint' },
  },
  award: {
    columns: ['title', '@who', 'kind', 'year', 'issuer_org_id', 'decision_no'],
    noPerson: 'pledge.collective',
  },
  survey: {
    columns: ['title', 'org_id', 'date', 'sample_size', 'answered'],
  },
  survey_answer: {
    // an answer's count as a share of the survey's sample: "1.472 (98,1%)"
    shareOf: { count: 'sample_size' },
  },
  metric_value: {
    columns: ['org_id', 'metric', 'year', 'period', 'value'],
    title: ['metric', 'year', 'period'],
    unitFrom: { value: 'metric' },
  },
  catalog: {
    columns: ['@label', 'list', 'code', 'kind', 'weight', 'unit', 'sort_order', 'active'],
    title: ['@label'],
    labels: { kind: 'code.catalog_kind' },
    values: { kind: ['open', 'resolved', 'closed', 'count', 'money'] },
    codeHints: { kind: 'catalog.kind_hint' },
  },
};

/** The touches of a type (an empty object for most). */
export function touchOf(typeName) {
  return TOUCHES[typeName] || {};
}

/** May a child of type childName be added to rec (of type) now, in its status? */
export function childAllowed(type, childName, rec) {
  const when = touchOf(type.name).childWhen;
  if (!when || !when[childName]) return true;
  return when[childName].includes(rec[type.status_field || 'status']);
}

/** The tone of a badge field's value on a record ('' for none). */
export function toneOf(typeName, fieldName, rec) {
  const touch = touchOf(typeName);
  const toneField = touch.badges && touch.badges[fieldName];
  if (!toneField || !rec) return '';
  const tones = (touch.tones || {})[toneField] || {};
  return tones[rec[toneField]] || '';
}

/** Is the field shown as a badge (besides the type's status field)? */
export function isBadgeField(typeName, fieldName) {
  const b = touchOf(typeName).badges;
  return !!(b && Object.prototype.hasOwnProperty.call(b, fieldName));
}
