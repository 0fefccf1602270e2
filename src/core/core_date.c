/*
 * core_date.c — calendar dates: strict parsing of ISO-8601 and Vietnamese
 * dd/mm/yyyy forms, day arithmetic and "today in Viet Nam" from a Unix time.
 * Pure arithmetic (proleptic Gregorian calendar), no clock, no locale.
 */
#include <stdio.h>
#include <string.h>

#include "core/core.h"

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static int
date_valid(int y, int m, int d)
{
	return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && m >= 1 && m <= 12 &&
	    d >= 1 && d <= days_in_month(y, m);
}

/* Reads exactly n digits at s into *out.  0 or -1. */
static int
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
date_parse(const char *iso, struct date *out)
{
	int y, m, d;

	if (iso == NULL || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return -1;
	if (digits(iso, 4, &y) || digits(iso + 5, 2, &m) || digits(iso + 8, 2, &d))
		return -1;
	if (!date_valid(y, m, d))
		return -1;
	out->y = y;
	out->m = m;
	out->d = d;
	return 0;
}

int
date_parse_vn(const char *dmy, struct date *out)
{
	int part[3], n = 0, len;
	const char *p = dmy;

	if (dmy == NULL)
		return -1;
	for (n = 0; n < 3; n++) {
		len = 0;
		while (p[len] >= '0' && p[len] <= '9')
			len++;
		if (len == 0 || len > (n == 2 ? 4 : 2))
			return -1;
		if (n == 2 && len != 4)
			return -1;
		if (digits(p, len, &part[n]))
			return -1;
		p += len;
		if (n < 2) {
			if (*p != '/')
				return -1;
			p++;
		}
	}
	if (*p != '\0' || !date_valid(part[2], part[1], part[0]))
		return -1;
	out->y = part[2];
	out->m = part[1];
	out->d = part[0];
	return 0;
}

void
date_format(const struct date *d, char buf[11])
{
	unsigned y = (unsigned)d->y % 10000, m = (unsigned)d->m % 100, dd = (unsigned)d->d % 100;

	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
}

int
date_cmp(const struct date *a, const struct date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

/* Howard Hinnant's days_from_civil. */
int64_t
date_days(const struct date *d)
{
	int64_t y = d->y - (d->m <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (d->m + (d->m > 2 ? -3 : 9)) + 2) / 5 + d->d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
date_from_days(int64_t z, struct date *out)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	out->y = (int)(yoe + era * 400 + (m <= 2));
	out->m = (int)m;
	out->d = (int)d;
}

void
date_from_unix_vn(int64_t unix_time, struct date *out)
{
	int64_t t = unix_time + 7 * 3600;
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);

	date_from_days(days, out);
}
