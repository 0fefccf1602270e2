/*
 * text.h — the text layer: UTF-8 checks, NFC, Vietnamese folding, collation
 * and Vietnamese number/date formatting.  Pure functions, no I/O; the bottom
 * layer that core, store, api and report may all use.
 */
#ifndef LAMTHEO_TEXT_H
#define LAMTHEO_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* text_hash.c: 64-bit FNV-1a of a NUL-terminated string. */
uint64_t text_hash(const char *s);

/* text_utf8.c */

/*
 * Returns 1 when s[0..len) is well-formed UTF-8 with no NUL byte, no overlong
 * form, no surrogate and no code point above U+10FFFF; 0 otherwise.
 * C1 controls (U+0080..U+009F) and the bidirectional overrides and isolates
 * (U+202A..U+202E, U+2066..U+2069) are always invalid.  When allow_newlines
 * is 0, any C0 control character (including \n, \r, \t), DEL and the line
 * and paragraph separators U+2028/U+2029 make it invalid too; when 1,
 * \n \r \t are allowed.
 */
int text_utf8_valid(const char *s, size_t len, int allow_newlines);

/* Number of code points in a valid UTF-8 string s. */
size_t text_utf8_chars(const char *s);

/*
 * NFC-normalised, trimmed copy of the valid UTF-8 string s: leading and
 * trailing white space removed, and (when collapse_space is 1) every run of
 * white space inside replaced by one U+0020.  The caller frees the result with
 * free().  Returns NULL when s is not valid UTF-8 (or on allocation failure).
 */
char *text_clean(const char *s, int collapse_space);

/* Whether code point c is NFC whatever stands around it (a starter with
 * NFC_Quick_Check=Yes, in the ranges text_clean checks without utf8proc). */
int text_nfc_stable(uint32_t c);

/* text_fold.c */

/*
 * Search key of s: NFC, then every letter lower-cased with all marks removed,
 * đ/Đ -> d, and runs of white space and punctuation collapsed to one space,
 * trimmed.  "Nguyễn Văn Sáng" -> "nguyen van sang", "Đỗ  Văn Hiện" ->
 * "do van hien", "hoà" and "hòa" -> "hoa".  Works for any script (marks are
 * stripped generically).  The caller frees with free(); NULL when s is not
 * valid UTF-8 or on allocation failure.
 */
char *text_fold(const char *s);

/* The same, always through utf8proc (text_fold takes a table for the
 * letters most names are made of); for the unit tests. */
char *text_fold_reference(const char *s);

/* text_collate.c */

/*
 * Display order of a Vietnamese personal name: given name (the last word)
 * first, then the rest: "Nguyễn Văn Sáng" -> "Sáng Nguyễn Văn".  A one-word
 * name is returned unchanged.  The caller frees with free(); NULL on invalid
 * UTF-8.
 */
char *text_name_order(const char *full_name);

/*
 * ICU sort key of s under the Vietnamese collation (ICU "vi"): keys compare
 * with memcmp in the order a ă â b c d đ e ê … with tones ngang, huyền, hỏi,
 * ngã, sắc, nặng.  Writes at most cap bytes to out and returns the full key
 * length, ICU's trailing zero byte included (it may exceed cap: then out
 * holds nothing usable; call again with a larger buffer), or 0 on error.
 * Thread-safe (one collator per thread).
 */
size_t text_sort_key(const char *s, uint8_t *out, size_t cap);

/*
 * Sort key of a personal name: the key of the given name (last word)
 * followed by the key of the rest, so the whole given name decides first
 * ("Trần An" before "Nguyễn Án").  *len receives the length.  The caller
 * frees with free(); NULL on error.
 */
uint8_t *text_name_sort_key(const char *full_name, size_t *len);

/* Compare two UTF-8 strings in Vietnamese order (<0, 0, >0). */
int text_collate(const char *a, const char *b);

/* Releases this thread's collator (call before a worker thread exits). */
void text_collate_thread_done(void);

/* Releases every thread's collator (call once at exit, after the threads
 * that used them have stopped). */
void text_collate_cleanup(void);

/* text_format.c — Vietnamese formatting; each writes a NUL-terminated string
 * into buf (cap bytes, truncated safely) and returns buf. */

/* 1916248 -> "1.916.248", -5000 -> "-5.000". */
char *text_fmt_int(int64_t n, char *buf, size_t cap);

/* num/den as a percentage with `decimals` digits after the comma, trailing
 * zeros of the fraction dropped: (985,1000,1) -> "98,5%", (1,1,1) -> "100%",
 * (0,0,1) -> "—" (no denominator). */
char *text_fmt_percent(int64_t num, int64_t den, int decimals, char *buf, size_t cap);

/* Money in đồng: 300000000 -> "300.000.000 đ". */
char *text_fmt_money(int64_t dong, char *buf, size_t cap);

/* Money in words of scale as the press writes it: 300000000 -> "300 triệu đồng",
 * 3000000000 -> "3 tỷ đồng", 13995000000000 -> "13.995 tỷ đồng",
 * 1500000 -> "1,5 triệu đồng", 950000 -> "950.000 đồng". */
char *text_fmt_money_words(int64_t dong, char *buf, size_t cap);

/* ISO date "2023-02-05" -> "05/02/2023"; an invalid input gives "". */
char *text_fmt_date(const char *iso, char *buf, size_t cap);

/* Long date line of official documents: "2023-02-05" ->
 * "ngày 05 tháng 02 năm 2023"; invalid input gives "". */
char *text_fmt_date_long(const char *iso, char *buf, size_t cap);

#endif
