/*
 * core_person.c — rules about people: the derived search and sort keys of a
 * name, and the cross-field checks (a date joined the Party needs a party
 * member old enough, nothing born or joined in the future).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "text/text.h"

int
person_derive(struct record *p)
{
	const char *name = record_text(p, PERSON_FULL_NAME);
	char *fold;
	uint8_t *key;
	size_t len;

	if (name == NULL)
		return 0;
	fold = text_fold(name);
	key = text_name_sort_key(name, &len);
	if (fold == NULL || key == NULL) {
		free(fold);
		free(key);
		return -1;
	}
	record_set_text(p, PERSON_NAME_FOLD, fold);
	record_set_blob(p, PERSON_SORT_KEY, key, len);
	free(fold);
	free(key);
	return 0;
}

static int
rule(struct verr *e, enum rule_id id, const char *field)
{
	verr_set(e, VE_RULE, field, 0);
	e->rule = id;
	return -1;
}

int
person_check(const struct record *p, const char *today, struct verr *e)
{
	const char *joined = record_text(p, PERSON_PARTY_JOINED);
	int this_year = atoi(today);

	if (record_has(p, PERSON_BIRTH_YEAR) &&
	    record_int(p, PERSON_BIRTH_YEAR) > this_year)
		return rule(e, RULE_BIRTH_FUTURE, "birth_year");
	if (joined == NULL)
		return 0;
	if (!record_int(p, PERSON_PARTY_MEMBER))
		return rule(e, RULE_JOINED_NOT_MEMBER, "party_joined");
	if (strcmp(joined, today) > 0)
		return rule(e, RULE_DATE_FUTURE, "party_joined");
	if (record_has(p, PERSON_BIRTH_YEAR) &&
	    atoi(joined) < record_int(p, PERSON_BIRTH_YEAR) + 18)
		return rule(e, RULE_JOINED_TOO_YOUNG, "party_joined");
	return 0;
}
