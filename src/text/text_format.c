/*
 * text_format.c — numbers, percentages, money and dates the way Vietnamese
 * documents print them: a dot between thousands, a comma before decimals,
 * "đ"/"đồng" after money, "dd/mm/yyyy" and "ngày … tháng … năm …".  All
 * arithmetic is on integers (no floating point, so no 0,1 + 0,2 drift) and
 * all results are built in a local buffer first, then copied into the
 * caller's, cut at a code point boundary when it is too small.
 */

#include <stdio.h>
#include <string.h>

#include "text/text.h"

/* Most digits after the comma text_fmt_percent() gives; more are clamped. */
#define PCT_MAXDEC	18

/* Digits of UINT64_MAX, plus one. */
#define U64_DIGITS	21

/*
 * Copies the NUL-terminated s into buf (cap bytes) and returns buf.  When s
 * does not fit, the copy stops before the first code point that does not fit
 * whole, so the result stays valid UTF-8.  With cap 0 nothing is written.
 */
static char *
put(char *buf, size_t cap, const char *s)
{
	size_t	 n;

	if (buf == NULL || cap == 0)
		return buf;
	n = strlen(s);
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* |n| without overflow, INT64_MIN included.  Can't fail. */
static uint64_t
magnitude(int64_t n)
{
	return n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
}

/*
 * Writes the decimal digits of u (at least "0") to d, unterminated, and
 * returns how many; d holds U64_DIGITS.  Can't fail.
 */
static size_t
digits(uint64_t u, char *d)
{
	char	 rev[U64_DIGITS];
	size_t	 n = 0, i;

	do {
		rev[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	for (i = 0; i < n; i++)
		d[i] = rev[n - 1 - i];
	return n;
}

/*
 * Appends the n digits of d to out with a dot before every group of three
 * from the right ("1916248" -> "1.916.248"), NUL-terminates it and returns
 * the number of bytes written.  out must hold n + n / 3 + 1 bytes.
 */
static size_t
group(const char *d, size_t n, char *out)
{
	size_t	 i, o = 0;

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = d[i];
	}
	out[o] = '\0';
	return o;
}

/*
 * Next decimal digit of the fraction r/den (r < den, den <= 2^63): returns
 * floor(10r / den) and leaves 10r mod den in *r.  Ten additions instead of
 * one multiplication, because 10r can overflow 64 bits and every partial
 * sum here stays below 2den.
 */
static unsigned
next_digit(uint64_t *r, uint64_t den)
{
	uint64_t	 acc = 0;
	unsigned	 digit = 0, i;

	for (i = 0; i < 10; i++) {
		acc += *r;
		if (acc >= den) {
			acc -= den;
			digit++;
		}
	}
	*r = acc;
	return digit;
}

char *
text_fmt_int(int64_t n, char *buf, size_t cap)
{
	char	 d[U64_DIGITS], out[1 + U64_DIGITS + U64_DIGITS / 3 + 1];
	size_t	 nd, o = 0;

	nd = digits(magnitude(n), d);
	if (n < 0)
		out[o++] = '-';
	group(d, nd, out + o);
	return put(buf, cap, out);
}

/*
 * The quotient is worked out digit by digit from |num| / |den| as a decimal
 * string, one digit past the ones shown, and rounded half away from zero
 * on that string: exact for every int64_t pair, INT64_MIN included.  A
 * result that rounds to zero is "0%", never "-0%".
 */
char *
text_fmt_percent(int64_t num, int64_t den, int decimals, char *buf,
    size_t cap)
{
	/* integer digits + 2 (percent) + decimals + rounding digit + carry */
	char		 d[U64_DIGITS + 2 + PCT_MAXDEC + 2];
	char		 out[1 + 2 * sizeof(d) + 2];
	uint64_t	 un, ud, r;
	size_t		 n, i, ip, fl, o = 0;
	int		 neg, k;

	if (den == 0)
		return put(buf, cap, "—");
	if (decimals < 0)
		decimals = 0;
	if (decimals > PCT_MAXDEC)
		decimals = PCT_MAXDEC;
	neg = (num < 0) != (den < 0);
	un = magnitude(num);
	ud = magnitude(den);

	n = digits(un / ud, d);
	r = un % ud;
	for (k = 0; k < 2 + decimals + 1; k++)
		d[n++] = (char)('0' + next_digit(&r, ud));

	/* Round on the extra digit, carrying to the left. */
	if (d[--n] >= '5') {
		for (i = n; i > 0 && d[i - 1] == '9'; i--)
			d[i - 1] = '0';
		if (i > 0)
			d[i - 1]++;
		else {
			memmove(d + 1, d, n);
			d[0] = '1';
			n++;
		}
	}

	/* d[0..ip) is the integer part, d[ip..ip + fl) the fraction. */
	ip = n - (size_t)decimals;
	fl = (size_t)decimals;
	while (fl > 0 && d[ip + fl - 1] == '0')
		fl--;
	for (i = 0; i + 1 < ip && d[i] == '0'; i++)
		;
	if (ip - i == 1 && d[i] == '0' && fl == 0)
		neg = 0;

	if (neg)
		out[o++] = '-';
	o += group(d + i, ip - i, out + o);
	if (fl > 0) {
		out[o++] = ',';
		memcpy(out + o, d + ip, fl);
		o += fl;
	}
	out[o++] = '%';
	out[o] = '\0';
	return put(buf, cap, out);
}

char *
text_fmt_money(int64_t dong, char *buf, size_t cap)
{
	char	 out[64];

	text_fmt_int(dong, out, sizeof(out));
	strcat(out, " đ");
	return put(buf, cap, out);
}

/*
 * The scale is chosen so that nothing is ever rounded away, because these
 * strings go into reports about real money: an amount of at least one tỷ
 * (10^9) that needs no more than two decimals in tỷ is written in tỷ; else
 * one of at least one triệu (10^6) that needs no more than two decimals in
 * triệu is written in triệu; anything else in đồng with every digit.  So
 * 1234000000 is "1.234 triệu đồng" and 1234567 is "1.234.567 đồng".
 */
char *
text_fmt_money_words(int64_t dong, char *buf, size_t cap)
{
	char		 d[U64_DIGITS], out[96];
	const char	*unit;
	uint64_t	 u = magnitude(dong), scale, frac;
	size_t		 nd, o = 0;

	if (u >= 1000000000 && u % 10000000 == 0) {
		scale = 1000000000;
		unit = " tỷ đồng";
	} else if (u >= 1000000 && u % 10000 == 0) {
		scale = 1000000;
		unit = " triệu đồng";
	} else {
		scale = 1;
		unit = " đồng";
	}

	if (dong < 0)
		out[o++] = '-';
	nd = digits(u / scale, d);
	o += group(d, nd, out + o);
	if (scale > 1 && (frac = u % scale / (scale / 100)) != 0) {
		out[o++] = ',';
		out[o++] = (char)('0' + frac / 10);
		if (frac % 10 != 0)
			out[o++] = (char)('0' + frac % 10);
	}
	out[o] = '\0';
	strcat(out, unit);
	return put(buf, cap, out);
}

/*
 * Parses a strict ISO calendar date "YYYY-MM-DD" (years 0001 to 9999, the
 * day checked against the month, leap years included) into *y, *m, *d.
 * Returns 0, or -1 with the outputs unchanged.
 */
static int
parse_iso(const char *iso, int *y, int *m, int *d)
{
	static const int mdays[12] =
	    { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int	 i, yy, mm, dd;

	if (iso == NULL || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
			return -1;
	yy = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 +
	    (iso[2] - '0') * 10 + (iso[3] - '0');
	mm = (iso[5] - '0') * 10 + (iso[6] - '0');
	dd = (iso[8] - '0') * 10 + (iso[9] - '0');
	if (yy < 1 || mm < 1 || mm > 12 || dd < 1 || dd > mdays[mm - 1])
		return -1;
	if (mm == 2 && dd == 29 &&
	    !(yy % 4 == 0 && (yy % 100 != 0 || yy % 400 == 0)))
		return -1;
	*y = yy;
	*m = mm;
	*d = dd;
	return 0;
}

char *
text_fmt_date(const char *iso, char *buf, size_t cap)
{
	char	 out[32];
	int	 y, m, d;

	if (parse_iso(iso, &y, &m, &d) == -1)
		return put(buf, cap, "");
	snprintf(out, sizeof(out), "%02d/%02d/%04d", d, m, y);
	return put(buf, cap, out);
}

/*
 * Follows the rule for the date line of Party and State documents
 * (Hướng dẫn 36-HD/VPTW; Nghị định 30/2020/NĐ-CP, Phụ lục I): a day below
 * 10 and the months 1 and 2 take a leading zero, so that nobody can turn
 * "tháng 1" into "tháng 11"; months 3 to 12 do not: "ngày 05 tháng 02 năm
 * 2023", "ngày 15 tháng 3 năm 2023".
 */
char *
text_fmt_date_long(const char *iso, char *buf, size_t cap)
{
	char	 out[64];
	int	 y, m, d;

	if (parse_iso(iso, &y, &m, &d) == -1)
		return put(buf, cap, "");
	snprintf(out, sizeof(out), m < 3 ? "ngày %02d tháng %02d năm %04d" :
	    "ngày %02d tháng %d năm %04d", d, m, y);
	return put(buf, cap, out);
}
