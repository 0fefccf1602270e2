/*
 * api_memo.c — answers and sessions remembered while nothing has changed.
 *
 * Reading the figures, lists and year views is most of the traffic, and an
 * answer stays true until the next write: every committed write transaction
 * raises the database's generation (store_generation), whichever process
 * made it.  So the server keeps the last answers of the remembered routes
 * with the generation they were computed at — shared by the sessions that
 * see the same (one role, unit and person: api_router.c), kept
 * MEMO_ANSWER_S from the moment the answer was ready — and a session's
 * principal (its account, role and scope) while nobody's access changed
 * (the access generation of migration 9: an account, a session ended, a
 * unit moved or merged) and for at most MEMO_SESSION_S seconds — so that
 * the session's last use is still noted, and an expired session is never
 * honoured.  Anything remembered at an older generation is
 * computed again.  Logging out forgets the session at once.  A write that
 * bypasses lamtheo (sqlite3 by hand) does not raise the generation: answers
 * are kept at most MEMO_ANSWER_S seconds, so it shows within that time.
 *
 * Both tables are direct-mapped (a newer entry replaces the one in its
 * slot) and bounded: MEMO_SLOTS answers of at most MEMO_BODY_MAX bytes, and
 * MEMO_SESSIONS principals.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "text/text.h"

struct memo_answer {
	uint64_t hash;
	char key[MEMO_KEY_MAX];
	int64_t gen, until;
	char *body;
	size_t len;
};

struct memo_session {
	uint64_t hash;
	char token_hash[65];
	int64_t gen, until;
	struct principal me;
};

struct api_memo {
	pthread_mutex_t mu;
	struct memo_answer answers[MEMO_SLOTS];
	struct memo_session sessions[MEMO_SESSIONS];
};

struct api_memo *
api_memo_new(void)
{
	struct api_memo *m = calloc(1, sizeof(*m));

	if (m != NULL && pthread_mutex_init(&m->mu, NULL) != 0) {
		free(m);
		return NULL;
	}
	return m;
}

void
api_memo_free(struct api_memo *m)
{
	if (m == NULL)
		return;
	for (int i = 0; i < MEMO_SLOTS; i++)
		free(m->answers[i].body);
	pthread_mutex_destroy(&m->mu);
	free(m);
}

char *
api_memo_answer(struct api_memo *m, const char *key, int64_t gen, int64_t now, size_t *len)
{
	uint64_t h = text_hash(key);
	struct memo_answer *a = &m->answers[h % MEMO_SLOTS];
	char *copy = NULL;

	pthread_mutex_lock(&m->mu);
	if (a->body != NULL && a->hash == h && a->gen == gen && now < a->until &&
	    strcmp(a->key, key) == 0 &&
	    (copy = malloc(a->len + 1)) != NULL) {
		memcpy(copy, a->body, a->len + 1);
		*len = a->len;
	}
	pthread_mutex_unlock(&m->mu);
	return copy;
}

void
api_memo_keep_answer(struct api_memo *m, const char *key, int64_t gen, int64_t now,
    const char *body, size_t len)
{
	uint64_t h = text_hash(key);
	struct memo_answer *a = &m->answers[h % MEMO_SLOTS];
	char *copy;

	if (len > MEMO_BODY_MAX || strlen(key) >= sizeof(a->key) ||
	    (copy = malloc(len + 1)) == NULL)
		return;
	memcpy(copy, body, len);
	copy[len] = '\0';
	pthread_mutex_lock(&m->mu);
	free(a->body);
	a->hash = h;
	memcpy(a->key, key, strlen(key) + 1);
	a->gen = gen;
	a->until = now + MEMO_ANSWER_S;
	a->body = copy;
	a->len = len;
	pthread_mutex_unlock(&m->mu);
}

bool
api_memo_session(struct api_memo *m, const char *token_hash, int64_t gen, int64_t now,
    struct principal *me)
{
	uint64_t h = text_hash(token_hash);
	struct memo_session *s = &m->sessions[h % MEMO_SESSIONS];
	bool found = false;

	pthread_mutex_lock(&m->mu);
	if (s->hash == h && s->gen == gen && now < s->until &&
	    strcmp(s->token_hash, token_hash) == 0) {
		*me = s->me;
		found = true;
	}
	pthread_mutex_unlock(&m->mu);
	return found;
}

void
api_memo_keep_session(struct api_memo *m, const char *token_hash, int64_t gen, int64_t now,
    const struct principal *me)
{
	uint64_t h = text_hash(token_hash);
	struct memo_session *s = &m->sessions[h % MEMO_SESSIONS];
	int64_t until = now + MEMO_SESSION_S;

	pthread_mutex_lock(&m->mu);
	s->hash = h;
	snprintf(s->token_hash, sizeof(s->token_hash), "%s", token_hash);
	s->gen = gen;
	s->until = me->session_expires < until ? me->session_expires : until;
	s->me = *me;
	pthread_mutex_unlock(&m->mu);
}

void
api_memo_forget_session(struct api_memo *m, const char *token_hash)
{
	uint64_t h = text_hash(token_hash);
	struct memo_session *s = &m->sessions[h % MEMO_SESSIONS];

	pthread_mutex_lock(&m->mu);
	if (s->hash == h && strcmp(s->token_hash, token_hash) == 0)
		memset(s, 0, sizeof(*s));
	pthread_mutex_unlock(&m->mu);
}
