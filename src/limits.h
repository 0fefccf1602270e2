/*
 * limits.h — every size and rate limit of lamtheo, named once.
 *
 * Each limit has an explicit error path (HTTP 413/400/429 or a CLI message);
 * the HTTP ones are mirrored in libmicrohttpd's connection options.
 */
#ifndef LAMTHEO_LIMITS_H
#define LAMTHEO_LIMITS_H

/* HTTP */
#define LIMIT_BODY_BYTES	(1024 * 1024)	/* JSON request body; larger -> 413 */
#define LIMIT_CONN_MEMORY	(64 * 1024)	/* MHD per-connection memory: headers + URL */
#define LIMIT_URL_BYTES		4096		/* request line path + query; longer -> 414 */
#define LIMIT_QUERY_VALUE	512		/* one query-string value, bytes -> 400 */
#define LIMIT_CONNECTIONS	1024		/* simultaneous connections */
#define LIMIT_CONN_PER_IP	128
#define LIMIT_CONN_TIMEOUT_S	30		/* idle connection timeout */
#define LIMIT_JSON_DEPTH	8		/* nesting of a request body */
#define LIMIT_JSON_KEYS		64		/* keys in one request object */
#define LIMIT_TRUSTED_PROXIES	16		/* --trusted-proxy addresses or networks */
#define LIMIT_FORWARDED_HEADERS	8		/* X-Forwarded-For headers read; more: none is */
#define HSTS_MAX_AGE_S		31536000	/* 365 days: Strict-Transport-Security over HTTPS */

/* Text fields (code points unless said otherwise) */
#define LIMIT_NAME_CHARS	200		/* names of people and units */
#define LIMIT_CODE_CHARS	32		/* org / person codes: [A-Za-z0-9._-] */
#define LIMIT_TEXT_CHARS	2000		/* one-line free text (position, note) */
#define LIMIT_LONGTEXT_CHARS	20000		/* multi-line free text */
#define LIMIT_USERNAME_CHARS	64
#define LIMIT_PASSWORD_MIN	10		/* bytes */
#define LIMIT_PASSWORD_MAX	256		/* bytes */
#define LIMIT_SEARCH_CHARS	100		/* search query */
#define LIMIT_SEARCH_RANKED	1000		/* people a search ranks and counts (store_search.c) */

/* Lists */
#define LIMIT_PAGE_SIZE_DEFAULT	50
#define LIMIT_PAGE_SIZE_MAX	200
#define LIMIT_PAGE_MAX		100000
#define LIMIT_SCOPE_PREFIXES	64		/* subtrees one account may see */

/* Sessions and log-in */
#define SESSION_TTL_S		(12 * 3600)	/* absolute lifetime of a session */
#define SESSION_IDLE_S		(2 * 3600)	/* expires when unused this long */
#define SESSION_TOUCH_S		60		/* a session's last use is noted this often */
#define LOGIN_WINDOW_S		(15 * 60)	/* failures are counted over this window */
#define LOGIN_MAX_FAIL_ACCOUNT	5		/* per account in the window -> 429 */
#define LOGIN_MAX_FAIL_IP	20		/* per client address in the window -> 429 */
#define LOGIN_CONCURRENT_HASHES	2		/* Argon2id runs at once (memory bound) */
#define LOGIN_MAX_FAIL_SECOND	5		/* wrong second-factor codes per account in the window -> 429 */
#define LOGIN_TICKET_S		(5 * 60)	/* between the password and the second step */
#define TOTP_ENROL_S		(15 * 60)	/* a QR code shown is confirmed within this */
#define SESSION_AGENT_MAX	200		/* bytes of a session's user agent kept */
#define SESSIONS_LISTED_MAX	200		/* sessions of one account listed */

/* Argon2id cost (libsodium crypto_pwhash): about 0,1 s and 32 MiB per hash. */
#define PWHASH_OPSLIMIT		3
#define PWHASH_MEMLIMIT		(32u * 1024 * 1024)

/* Bulk import and export (lamtheo import / export, src/io/) */
#define LIMIT_IMPORT_FILE_BYTES	(100 * 1024 * 1024)	/* a CSV or XLSX file; larger -> refused */
#define LIMIT_IMPORT_ROW_BYTES	(1024 * 1024)		/* one row of a file, all its cells */
#define LIMIT_IMPORT_COLUMNS	1024			/* cells in one row */
#define LIMIT_IMPORT_XLSX_ROWS	1048576			/* row numbers of a worksheet (Excel's own) */
#define LIMIT_IMPORT_XML_BYTES	(512 * 1024 * 1024)	/* one part of an XLSX once unzipped */

/* Answers and sessions remembered while the data has not changed (api_memo.c) */
#define MEMO_SLOTS		512		/* answers kept */
#define MEMO_BODY_MAX		(64 * 1024)	/* a larger answer is not kept */
#define MEMO_KEY_MAX		512		/* session, language, day, route and query */
#define MEMO_SESSIONS		256		/* sessions kept */
#define MEMO_SESSION_S		30		/* a session is checked again after this */
#define MEMO_ANSWER_S		10		/* an answer is computed again after this */

/* Group commit (api_write.c) */
#define WRITE_GROUP_MAX		64		/* write requests committed together at most */
#define WRITE_TOUCH_MAX		1024		/* sessions' last use noted by the next group */
#define WRITE_CHECKPOINT_GROUPS	64		/* groups between two checkpoints of the WAL */

/* The first year whose figures are kept up to date once asked for */
#define KEEP_YEAR_MIN		2000
#define BUILD_CHUNK_ROWS	4096		/* figure rows a build writes per transaction */
#define KEEPER_POLL_S		2		/* idle: looks for units changed outside the server */
#define LIVE_UNITS_MAX		2000		/* a year not kept yet: live figures up to this many units */

/* Dates accepted anywhere */
#define DATE_MIN_YEAR		1900
#define DATE_MAX_YEAR		2100

#endif
