// touches.js — the few things a record type's workflow needs beyond what
// GET /api/v1/meta says.  Every type works without an entry here; an entry
// only adds: quick filters of its list, hints of form fields, when a child
// record may be added, the label of a missing person, the member's own page.

export const TOUCHES = {
  pledge: {
    // Secretaries and committee staff decide on submitted pledges.
    quickFilters: [{ key: 'pending', label: 'records.pending', query: { status: 'submitted' }, deciders: true }],
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
  },
  activity: {
    hints: { outside_count: 'activity.outside_hint', topic_on_agenda: 'activity.agenda_hint' },
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
