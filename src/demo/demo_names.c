/*
 * demo_names.c — a deterministic generator of realistic Vietnamese people and
 * village names for the demo data set: a splitmix64 random source, family
 * names drawn by their real national frequency, middle and given names typical
 * of each gender, and thôn / xóm / tổ dân phố names for generated cells.
 *
 * Everything here is invented and only looks real; the same seed always gives
 * the same people, so a demo database can be rebuilt identically.  All strings
 * are NFC UTF-8.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "demo/demo.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A name and its weight (relative frequency, any scale). */
struct wname {
	const char *name;
	unsigned weight;
};

/*
 * Family names, weights per mille of the population (national figures; the
 * southern spellings Huỳnh and Võ are kept at their national share).  The
 * weights add up to 1000.
 */
static const struct wname family_names[] = {
	{ "Nguyễn", 380 }, { "Trần", 110 }, { "Lê", 95 }, { "Phạm", 70 },
	{ "Hoàng", 50 }, { "Phan", 45 }, { "Vũ", 40 }, { "Huỳnh", 20 },
	{ "Võ", 20 }, { "Đặng", 20 }, { "Bùi", 20 }, { "Đỗ", 15 },
	{ "Hồ", 13 }, { "Ngô", 13 }, { "Dương", 10 }, { "Lý", 5 },
	/* the tail */
	{ "Đinh", 10 }, { "Trương", 10 }, { "Lưu", 6 }, { "Mai", 6 },
	{ "Đoàn", 6 }, { "Lương", 5 }, { "Cao", 5 }, { "Hà", 5 },
	{ "Tạ", 4 }, { "Vương", 3 }, { "Lại", 3 }, { "Tô", 3 },
	{ "Khúc", 2 }, { "Triệu", 2 }, { "Phùng", 2 }, { "Kiều", 2 },
};

/* Middle names of men: "Văn" is by far the most common in the North. */
static const struct wname male_middle[] = {
	{ "Văn", 420 }, { "Đức", 80 }, { "Minh", 70 }, { "Hữu", 60 },
	{ "Quang", 50 }, { "Xuân", 40 }, { "Thanh", 40 }, { "Công", 40 },
	{ "Ngọc", 30 }, { "Duy", 30 }, { "Đình", 30 }, { "Mạnh", 20 },
	{ "Tiến", 20 }, { "Trọng", 20 }, { "Thế", 20 }, { "Quốc", 20 },
	{ "Anh", 15 }, { "Hoàng", 15 }, { "Bá", 10 }, { "Trung", 10 },
	{ "Khắc", 10 }, { "Kim", 5 },
};

/* Middle names of women; "Thị" first. */
static const struct wname female_middle[] = {
	{ "Thị", 560 }, { "Thu", 60 }, { "Ngọc", 50 }, { "Thanh", 50 },
	{ "Hồng", 40 }, { "Minh", 30 }, { "Thùy", 30 }, { "Phương", 30 },
	{ "Kim", 25 }, { "Mai", 20 }, { "Bích", 20 }, { "Thúy", 20 },
	{ "Diệu", 10 }, { "Khánh", 10 }, { "Hải", 10 }, { "Quỳnh", 10 },
	{ "Hoài", 10 }, { "Lan", 5 }, { "Vân", 10 },
};

/* Second middle names after "Thị" ("Nguyễn Thị Thu Hà"). */
static const char *const female_second[] = {
	"Thu", "Hồng", "Ngọc", "Thanh", "Minh", "Phương", "Kim", "Mai",
	"Thúy", "Bích", "Lan", "Hải", "Vân", "Hoài",
};

static const char *const male_given[] = {
	"Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Sơn", "Hải", "Long",
	"Thắng", "Cường", "Quang", "Đức", "Hiếu", "Trung", "Tiến", "Thành",
	"Phong", "Khoa", "Bình", "An", "Anh", "Huy", "Hoàng", "Việt",
	"Hưng", "Khánh", "Kiên", "Lâm", "Lợi", "Mạnh", "Nghĩa", "Phúc",
	"Quân", "Quý", "Tài", "Tâm", "Thái", "Thịnh", "Toàn", "Trọng",
	"Tú", "Tùng", "Vinh", "Vũ", "Đạt", "Định", "Đông", "Giang",
	"Hà", "Hậu", "Hiệp", "Hòa", "Hợp", "Khải", "Lực", "Luân",
	"Ngọc", "Nhật", "Phú", "Phương", "Thanh", "Thông", "Thuận", "Tín",
	"Trường", "Tuyên", "Bảo", "Chiến", "Công", "Duy", "Dương", "Kỳ",
	"Hiển", "Tuyến", "Khang", "Thiện",
};

static const char *const female_given[] = {
	"Hà", "Lan", "Hương", "Mai", "Linh", "Ngọc", "Thảo", "Trang",
	"Huyền", "Hằng", "Nga", "Yến", "Thủy", "Phương", "Dung", "Hoa",
	"Oanh", "Nhung", "Anh", "Châu", "Chi", "Diệp", "Duyên", "Giang",
	"Hạnh", "Hiền", "Hoài", "Hồng", "Huệ", "Hường", "Liên", "Liễu",
	"Loan", "Lụa", "Ly", "Mến", "My", "Nhàn", "Nhi", "Nguyệt",
	"Phượng", "Quyên", "Quỳnh", "Sen", "Tâm", "Thanh", "Thắm", "Thơ",
	"Thu", "Thúy", "Thư", "Trâm", "Tuyết", "Uyên", "Vân", "Xuân",
	"Vy", "Hậu", "Bích", "Thoa", "Hải", "Lệ", "Gấm", "Đào",
};

/*
 * Village names for generated cells.  Cell n of a commune draws from slot n
 * only, and no name occurs in two slots, so the first PLACE_SLOTS cells of a
 * commune always get distinct names, whatever the random state.
 */
#define PLACE_SLOTS 16

static const char *const rural_slots[PLACE_SLOTS][3] = {
	{ "Đông", "An Lạc", "Phú Xuân" },
	{ "Nam", "Bình Minh", "Tân Lập" },
	{ "Đoài", "Trung Hòa", "Tiền Phong" },
	{ "Bắc", "Đông Hòa", "Quyết Tiến" },
	{ "Trung", "Đoàn Kết", "Vạn Xuân" },
	{ "Thượng", "Thống Nhất", "Cộng Hòa" },
	{ "Hạ", "Hòa Bình", "Nam Tiến" },
	{ "Nội", "Phú Cường", "Tân Phong" },
	{ "Ngoại", "Thái Hòa", "Đồng Tâm" },
	{ "Đông Thượng", "Hưng Long", "Vĩnh Ninh" },
	{ "Tây", "An Bình", "Phúc Lộc" },
	{ "Trung Hạ", "Thanh Bình", "Yên Phú" },
	{ "Đại Đồng", "Lạc Thành", "Minh Đức" },
	{ "Hồng Phong", "Tân Hòa", "Xuân Lai" },
	{ "Nghĩa Xá", "Thượng Phúc", "Phương Đình" },
	{ "Lương Xá", "Mỹ Đức", "Kim Sơn" },
};

static const char *const urban_slots[PLACE_SLOTS][2] = {
	{ "Đông Hòa", "Trần Phú" },
	{ "Tây Sơn", "Lê Lợi" },
	{ "Bắc Sơn", "Quang Trung" },
	{ "Nam Thành", "Hùng Vương" },
	{ "Hòa Bình", "Nguyễn Trãi" },
	{ "Tân Tiến", "Lý Thường Kiệt" },
	{ "Thống Nhất", "Trần Hưng Đạo" },
	{ "Kim Đồng", "Chu Văn An" },
	{ "Phú Lộc", "Lê Hồng Phong" },
	{ "Thành Công", "Hai Bà Trưng" },
	{ "Minh Khai", "Nguyễn Du" },
	{ "Độc Lập", "Bà Triệu" },
	{ "Tiền Phong", "Phan Bội Châu" },
	{ "Đoàn Kết", "Ngô Quyền" },
	{ "Bình Minh", "Trưng Trắc" },
	{ "Hưng Thịnh", "Lê Quý Đôn" },
};

/* splitmix64 (Steele, Lea, Flood 2014): a full-period 64-bit state whose
 * outputs pass BigCrush; plenty for demo data and cheap to seed. */
void
demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
	r->s = seed;
}

uint32_t
demo_rng_next(struct demo_rng *r)
{
	uint64_t z;

	r->s += UINT64_C(0x9E3779B97F4A7C15);
	z = r->s;
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	z ^= z >> 31;
	return (uint32_t)(z >> 32);
}

/* Rejection sampling so that every value is equally likely.  n == 0 gives 0. */
uint32_t
demo_rng_below(struct demo_rng *r, uint32_t n)
{
	uint32_t threshold, x;

	if (n <= 1)
		return 0;
	threshold = (uint32_t)(-n) % n;	/* 2^32 mod n */
	do
		x = demo_rng_next(r);
	while (x < threshold);
	return x % n;
}

/* One name of a weighted table. */
static const char *
pick_weighted(struct demo_rng *r, const struct wname *t, size_t n)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += t[i].weight;
	x = demo_rng_below(r, total);
	for (i = 0; i < n; i++) {
		if (x < t[i].weight)
			return t[i].name;
		x -= t[i].weight;
	}
	return t[n - 1].name;
}

static const char *
pick(struct demo_rng *r, const char *const *t, size_t n)
{
	return t[demo_rng_below(r, (uint32_t)n)];
}

/*
 * Given name of the gender, never equal to one of the middle names ("Minh
 * Minh" is not a name).  The tables are large, so a few draws always suffice;
 * the bound only keeps the loop finite.
 */
static const char *
pick_given(struct demo_rng *r, int female, const char *mid1, const char *mid2)
{
	const char *g = NULL;
	int tries;

	for (tries = 0; tries < 16; tries++) {
		g = female ? pick(r, female_given, NELEM(female_given))
		    : pick(r, male_given, NELEM(male_given));
		if (strcmp(g, mid1) != 0 && (mid2 == NULL || strcmp(g, mid2) != 0))
			break;
	}
	return g;
}

void
demo_name(struct demo_rng *r, int female, char *buf, size_t cap)
{
	const char *family, *mid1, *mid2 = NULL, *given;

	if (buf == NULL || cap == 0)
		return;
	family = pick_weighted(r, family_names, NELEM(family_names));
	if (female) {
		mid1 = pick_weighted(r, female_middle, NELEM(female_middle));
		/* about one woman in eight carries "Thị" and a second middle name */
		if (strcmp(mid1, "Thị") == 0 && demo_rng_below(r, 8) == 0)
			mid2 = pick(r, female_second, NELEM(female_second));
	} else {
		mid1 = pick_weighted(r, male_middle, NELEM(male_middle));
	}
	given = pick_given(r, female, mid1, mid2);
	if (mid2 != NULL)
		snprintf(buf, cap, "%s %s %s %s", family, mid1, mid2, given);
	else
		snprintf(buf, cap, "%s %s %s", family, mid1, given);
}

void
demo_place(struct demo_rng *r, int n, int urban, char *buf, size_t cap)
{
	uint32_t k;

	if (buf == NULL || cap == 0)
		return;
	if (n < 0)
		n = 0;
	if (n >= PLACE_SLOTS) {
		/* beyond the named slots: numbers above any slot's */
		snprintf(buf, cap, urban ? "Tổ dân phố số %d" : "Xóm %d", n + 1);
		return;
	}
	if (urban) {
		/* half "Tổ dân phố số N", half named khu phố */
		k = demo_rng_below(r, 4);
		if (k < 2)
			snprintf(buf, cap, "Tổ dân phố số %d", n + 1);
		else
			snprintf(buf, cap, "Khu phố %s", urban_slots[n][k - 2]);
		return;
	}
	/* rural: three times in four a named thôn, else a numbered xóm */
	k = demo_rng_below(r, 4);
	if (k < 3)
		snprintf(buf, cap, "Thôn %s", rural_slots[n][k]);
	else
		snprintf(buf, cap, "Xóm %d", n + 1);
}
