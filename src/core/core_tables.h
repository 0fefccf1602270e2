/*
 * core_tables.h — the field tables, rules and workflows that core_model.c
 * puts together into rtypes[] (core layer only).
 */
#ifndef LAMTHEO_CORE_TABLES_H
#define LAMTHEO_CORE_TABLES_H

#include "core/core.h"

/* core_campaign.c */
extern const struct field topic_fields[TOPIC__MAX];
extern const struct field activity_fields[ACTIVITY__MAX];
extern const struct field attendance_fields[ATTENDANCE__MAX];
extern const struct field pledge_fields[PLEDGE__MAX];
extern const struct field checkin_fields[CHECKIN__MAX];
extern const struct field return_fields[RETURN__MAX];
extern const struct field review_fields[REVIEW__MAX];
extern const struct field verdict_fields[VERDICT__MAX];

extern const struct rtype_rules topic_rules, activity_rules, pledge_rules, checkin_rules;
extern const struct transition pledge_transitions[];
extern const char *const pledge_editable[];

#endif
