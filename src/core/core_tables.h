/*
 * core_tables.h — the field tables, rules and workflows that core_model.c
 * puts together into rtypes[] (core layer only).
 */
#ifndef LAMTHEO_CORE_TABLES_H
#define LAMTHEO_CORE_TABLES_H

#include "core/core.h"

#define YEAR_MIN 2000
#define YEAR_MAX 2100
#define REF_PERSON (RT_PERSON + 1)
#define REF_TOPIC (RT_TOPIC + 1)

/* The columns every campaign record ends with. */
#define TRAILER(P) \
	[P##_SEARCH] = { "search_fold", FT_TEXT, F_READONLY | F_HIDDEN, 0, 4000, \
	    NULL, "Khóa tìm kiếm", "Search key", 0 }, \
	[P##_CREATED] = { "created_at", FT_INT, F_READONLY, 0, INT64_MAX, NULL, \
	    "Thời điểm tạo", "Created at", 0 }, \
	[P##_UPDATED] = { "updated_at", FT_INT, F_READONLY, 0, INT64_MAX, NULL, \
	    "Thời điểm sửa", "Updated at", 0 }, \
	[P##_CREATED_BY] = { "created_by", FT_INT, F_READONLY | F_NULLABLE, 0, \
	    INT64_MAX, NULL, "Người tạo", "Created by", 0 }, \
	[P##_UPDATED_BY] = { "updated_by", FT_INT, F_READONLY | F_NULLABLE, 0, \
	    INT64_MAX, NULL, "Người sửa", "Updated by", 0 }, \
	[P##_DELETED] = { "deleted_at", FT_INT, F_READONLY | F_NULLABLE, 0, \
	    INT64_MAX, NULL, "Thời điểm xóa", "Deleted at", 0 }

/* Records a VE_RULE error; returns -1. */
int rule_fail(struct verr *e, enum rule_id id, const char *field);

/* The year of an ISO date field into an int field (derived "year"). */
void derive_year(struct record *r, int date_field, int year_field);

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

/* core_catalog.c */
extern const struct field catalog_fields[CATALOG__MAX];
extern const struct rtype_rules catalog_rules;

/* core_followup.c */
extern const struct field concern_fields[CONCERN__MAX];
extern const struct field petition_fields[PETITION__MAX];
extern const struct field concern_update_fields[UPDATE__MAX];
extern const struct field petition_update_fields[UPDATE__MAX];
extern const struct rtype_rules concern_rules, petition_rules, update_rules;

/* core_oversight.c */
extern const struct field plan_fields[PLAN__MAX];
extern const struct field task_fields[TASK__MAX];
extern const struct field inspection_fields[INSPECTION__MAX];
extern const struct field action_fields[ACTION__MAX];
extern const struct rtype_rules plan_rules, task_rules, inspection_rules, action_rules;

/* core_results.c */
extern const struct field exemplar_fields[EXEMPLAR__MAX];
extern const struct field score_fields[SCORE__MAX];
extern const struct field replication_fields[REPLICATION__MAX];
extern const struct field evaluation_fields[EVALUATION__MAX];
extern const struct field award_fields[AWARD__MAX];
extern const struct rtype_rules exemplar_rules, score_rules, evaluation_rules, award_rules;

/* core_measure.c */
extern const struct field survey_fields[SURVEY__MAX];
extern const struct field answer_fields[ANSWER__MAX];
extern const struct field metric_fields[METRIC__MAX];
extern const struct rtype_rules survey_rules, answer_rules, metric_rules;
extern const struct transition pledge_transitions[];

/* core_year.c */
extern const struct field year_report_fields[YR__MAX];
extern const struct field year_step_fields[YS__MAX];
extern const char *const pledge_editable[];

#endif
