/*
 * The situation picture on a real SQLite database: ages computed in SQL
 * agree with core/date's rule (60th birthdays, 29 February), deaths and
 * merged records are left out, needs count only while active, support and
 * "disabled without a card", child areas, small-cell suppression and scope.
 */
#include <sodium.h>
#include <unistd.h>
#include "test.h"
#include "app/geo.h"
#include "app/report.h"

static struct app app;
static struct actor sys, auditor, other;
static char path[64];
static struct db *db;

static void setup(void)
{
	struct geo_counts g;
	struct err e;
	int applied;

	snprintf(path, sizeof(path), "/tmp/sawat-t-report-%d.db", (int)getpid());
	unlink(path);
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	REQUIRE((db = app_db(&app, &e)) != NULL);
	actor_system(&sys);
	auditor = sys;
	auditor.role = ROLE_AUDITOR;
	snprintf(auditor.area, sizeof(auditor.area), "50");
	other = sys;
	other.role = ROLE_PROVINCE_OFFICER;
	snprintf(other.area, sizeof(other.area), "56");
}

static void exec(const char *sql)
{
	struct err e;

	if (db_exec(db, sql, &e))
		fprintf(stderr, "  SQL failed: %s\n  %s\n", e.en, sql);
}

static int64_t person(const char *area, const char *sex, const char *birth, const char *death)
{
	char sql[512];
	struct err e;
	int64_t id;

	snprintf(sql, sizeof(sql),
		 "INSERT INTO person (given_name, name_key, sex, birth_date, death_date, reg_status,"
		 " area, province, created_at, updated_at) VALUES ('ก', 'ก', '%s', %s%s%s, %s%s%s,"
		 " 'house', '%s', '%.2s', 'now', 'now')",
		 sex, birth ? "'" : "", birth ? birth : "NULL", birth ? "'" : "", death ? "'" : "",
		 death ? death : "NULL", death ? "'" : "", area, area);
	exec(sql);
	REQUIRE(db_query_int64(db, "SELECT max(id) FROM person", &id, &e) == 0);
	return id;
}

static void need(int64_t pid, const char *kind, const char *from, const char *to,
		 const char *card, const char *expires)
{
	char sql[768];

	snprintf(sql, sizeof(sql),
		 "INSERT INTO person_need (person_id, area, kind, sensitive, observed_on, ended_on,"
		 " source, card_no, card_expires, recorded_by, created_at)"
		 " SELECT id, area, '%s', 0, '%s', %s%s%s, 'survey', %s%s%s, %s%s%s, 'test', 'now'"
		 " FROM person WHERE id = %lld",
		 kind, from, to ? "'" : "", to ? to : "NULL", to ? "'" : "", card ? "'" : "",
		 card ? card : "NULL", card ? "'" : "", expires ? "'" : "",
		 expires ? expires : "NULL", expires ? "'" : "", (long long)pid);
	exec(sql);
}

static int sit(const struct actor *a, const char *code, const char *date, struct situation *s)
{
	struct err e;
	int r = app_situation(&app, a, code, date, s, &e);

	if (r && r != ERR_FORBIDDEN && r != ERR_INVALID)
		fprintf(stderr, "  app_situation: %s\n", e.en);
	return r;
}

static void test_cutoff_agrees_with_date_age(void)
{
	/* Birthdays around the boundaries, 29 February in leap and common years. */
	static const char *const births[] = { "1964-02-29", "1966-11-22", "1966-11-23",
					      "1960-02-29", "1972-02-29", "2000-02-29",
					      "1965-03-01", "1964-02-28", "2001-12-31" };
	static const char *const days[] = { "2024-02-28", "2024-02-29", "2024-03-01",
					    "2025-02-28", "2025-03-01", "2026-11-21",
					    "2026-11-22", "1997-02-28", "1997-03-01" };
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(births); i++)
		for (j = 0; j < ARRAY_SIZE(days); j++) {
			struct date b, d, ann;
			char cut[48];
			int years, n;

			REQUIRE(date_parse(births[i], 0, &b, NULL, NULL) == 0);
			REQUIRE(date_parse(days[j], 0, &d, NULL, NULL) == 0);
			if (date_cmp(b, d) > 0)
				continue;
			REQUIRE(date_age(b, d, &years, NULL) == 0);
			for (n = 0; n <= 90; n += 5) {
				bool sql_says;

				report_age_cutoff(d, n, cut);
				sql_says = strcmp(births[i], cut) <= 0;
				CHECK(sql_says == (years >= n));
				REQUIRE(date_anniversary(b, n, &ann, NULL) == 0);
				CHECK((date_cmp(d, ann) >= 0) == (years >= n));
			}
		}
}

static int64_t pa, pb;

static void test_plant(void)
{
	int64_t pe, pd, pm, keep;

	/* Tambon 500101 (Si Phum, Mueang Chiang Mai). */
	pa = person("500101", "M", "1966-11-22", NULL);  /* 60 on 2026-11-22 */
	pb = person("500101", "F", "1966-11-23", NULL);  /* 59, 60 tomorrow */
	person("500101", "F", "1964-02-29", NULL);       /* 62 */
	person("500101", "M", "2010-05-05", NULL);       /* 16 */
	person("500101", "U", NULL, NULL);               /* age unknown */
	pd = person("500101", "F", "1950-01-01", "2026-01-01"); /* died before */
	person("500101", "M", "1950-01-01", "2026-11-22");      /* died on the day */
	person("500101", "M", "1950-01-01", "2026-11-23");      /* dies after: counted */
	person("500101", "F", "2026-11-23", NULL);              /* born after the date */
	keep = person("500102", "F", "1990-06-15", NULL);       /* 36, Phra Sing */
	pm = person("500102", "F", "1990-06-15", NULL);         /* merged into keep */
	exec("UPDATE person SET merged_into = (SELECT min(id) FROM person WHERE area = '500102')"
	     " WHERE id = (SELECT max(id) FROM person WHERE area = '500102')");
	CHECK(keep < pm);
	pe = person("500102", "M", "1980-01-01", NULL);
	person("560101", "M", "1980-01-01", NULL);              /* Phayao */

	need(pa, "disability", "2020-01-01", NULL, NULL, NULL);       /* no card */
	need(pa, "elderly_alone", "2020-01-01", NULL, NULL, NULL);
	need(pb, "disability", "2020-01-01", NULL, "D123", "2030-01-01");
	need(pb, "welfare_card", "2020-01-01", NULL, NULL, NULL);
	need(pe, "low_income", "2020-01-01", "2026-06-01", NULL, NULL); /* ended */
	need(pe, "orphan", "2026-12-01", NULL, NULL, NULL);             /* not yet */
	need(pe, "welfare_card", "2020-01-01", NULL, NULL, NULL);
	need(pd, "bedridden", "2020-01-01", NULL, NULL, NULL);          /* dead */
	need(pm, "violence", "2020-01-01", NULL, NULL, NULL);           /* merged */
}

static void test_counts(void)
{
	struct situation s = { 0 };
	const struct situation_counts *c;

	REQUIRE(sit(&sys, "500101", "2026-11-22", &s) == 0);
	c = &s.all;
	CHECK_INT(c->total, 6);
	CHECK_INT(c->groups[0], 1);  /* child: 16 */
	CHECK_INT(c->groups[1], 1);  /* working: 59 */
	CHECK_INT(c->groups[2], 3);  /* elderly: 60, 62, 76 */
	CHECK_INT(c->groups[3], 2);  /* disadvantaged: pa, pb */
	CHECK_INT(c->age_unknown[SEX_UNKNOWN], 1);
	CHECK_INT(c->pyramid[SEX_MALE][12], 1);   /* 60-64 */
	CHECK_INT(c->pyramid[SEX_FEMALE][12], 1); /* 62 */
	CHECK_INT(c->pyramid[SEX_FEMALE][11], 1); /* 59 */
	CHECK_INT(c->pyramid[SEX_MALE][15], 1);   /* 76 */
	CHECK_INT(c->pyramid[SEX_MALE][3], 1);    /* 16 */
	CHECK_INT(c->needs[NEED_DISABILITY], 2);
	CHECK_INT(c->needs[NEED_ELDERLY_ALONE], 1);
	CHECK_INT(c->needs[NEED_WELFARE_CARD], 1);
	CHECK_INT(c->needs[NEED_BEDRIDDEN], 0);
	CHECK_INT(c->disabled_no_card, 1);
	CHECK_INT(c->no_support, 1);
	CHECK(!s.suppressed);
	situation_release(&s);

	/* The day before: pb is 59 still, pa too; the one who died on the 22nd lives. */
	REQUIRE(sit(&sys, "500101", "21/11/2569", &s) == 0);
	CHECK_INT(s.all.total, 7);
	CHECK_INT(s.all.groups[1], 2);
	CHECK_INT(s.all.groups[2], 3);
	situation_release(&s);

	/* A day later pb turns 60. */
	REQUIRE(sit(&sys, "500101", "2026-11-23", &s) == 0);
	CHECK_INT(s.all.groups[1], 0);
	CHECK_INT(s.all.groups[2], 3); /* pa, pb, 62; the 76-year-old died that day */
	CHECK_INT(s.all.total, 6); /* the baby born that day comes in */
	situation_release(&s);

	/* 29 February 1964: 59 on 2024-02-28, 60 on 2024-02-29 (pb is 57 then). */
	REQUIRE(sit(&sys, "500101", "2024-02-28", &s) == 0);
	CHECK_INT(s.all.pyramid[SEX_FEMALE][11], 2);
	CHECK_INT(s.all.pyramid[SEX_FEMALE][12], 0);
	situation_release(&s);
	REQUIRE(sit(&sys, "500101", "2024-02-29", &s) == 0);
	CHECK_INT(s.all.pyramid[SEX_FEMALE][11], 1);
	CHECK_INT(s.all.pyramid[SEX_FEMALE][12], 1);
	situation_release(&s);

	/* Ended and future needs do not count; the ended one did before. */
	REQUIRE(sit(&sys, "500102", "2026-11-22", &s) == 0);
	CHECK_INT(s.all.total, 2);   /* keep and pe; the merged record is left out */
	CHECK_INT(s.all.needs[NEED_LOW_INCOME], 0);
	CHECK_INT(s.all.needs[NEED_ORPHAN], 0);
	CHECK_INT(s.all.needs[NEED_VIOLENCE], 0);
	CHECK_INT(s.all.groups[3], 0);
	situation_release(&s);
	REQUIRE(sit(&sys, "500102", "2026-05-31", &s) == 0);
	CHECK_INT(s.all.needs[NEED_LOW_INCOME], 1);
	CHECK_INT(s.all.groups[3], 1);
	CHECK_INT(s.all.no_support, 0); /* holds a welfare card */
	situation_release(&s);
}

static void test_children(void)
{
	struct situation s = { 0 };
	size_t i;
	bool seen_5001 = false, seen_5002 = false;

	REQUIRE(sit(&sys, "50", "2026-11-22", &s) == 0);
	CHECK_INT(s.all.total, 8);
	CHECK(s.n >= 25); /* every district of Chiang Mai, zeros included */
	for (i = 0; i < s.n; i++) {
		if (!strcmp(s.children[i].c.code, "5001")) {
			seen_5001 = true;
			CHECK_INT(s.children[i].c.total, 8);
			CHECK_STR(s.children[i].name_th, "เมืองเชียงใหม่");
		}
		if (!strcmp(s.children[i].c.code, "5002")) {
			seen_5002 = true;
			CHECK_INT(s.children[i].c.total, 0);
		}
	}
	CHECK(seen_5001 && seen_5002);
	situation_release(&s);

	REQUIRE(sit(&sys, "TH", "2026-11-22", &s) == 0);
	CHECK_INT(s.all.total, 9);
	CHECK_INT(s.n, 77);
	situation_release(&s);
}

static void test_access_and_suppression(void)
{
	struct situation s = { 0 };

	CHECK_INT(sit(&other, "50", NULL, &s), ERR_FORBIDDEN);
	CHECK_INT(sit(&other, "TH", NULL, &s), ERR_FORBIDDEN);
	CHECK_INT(sit(&other, "500101", NULL, &s), ERR_FORBIDDEN);
	CHECK_INT(sit(&sys, "5x", NULL, &s), ERR_INVALID);
	CHECK_INT(sit(&sys, "50", "31/02/2569", &s), ERR_INVALID);
	REQUIRE(sit(&other, "56", NULL, &s) == 0);
	CHECK_INT(s.all.total, 1);
	situation_release(&s);

	/* An auditor may read counts but not small sensitive cells. */
	REQUIRE(sit(&auditor, "500101", "2026-11-22", &s) == 0);
	CHECK(s.suppressed);
	CHECK_INT(s.all.total, 6);
	CHECK_INT(s.all.needs[NEED_DISABILITY], -1);
	CHECK_INT(s.all.disabled_no_card, -1);
	CHECK_INT(s.all.groups[3], -1);
	CHECK_INT(s.all.needs[NEED_ELDERLY_ALONE], 1); /* not sensitive */
	CHECK_INT(s.all.needs[NEED_WELFARE_CARD], 1);
	situation_release(&s);
}

static void test_secondary_suppression(void)
{
	struct situation s = { 0 };
	size_t i;
	int i5001 = -1, i5002 = -1;
	int k;

	/* Six disabled people in Chom Thong: its cell is shown, Mueang's (2) is not, so
	 * Chom Thong's must be hidden too or 2 = total - 6 would give Mueang's away. */
	for (k = 0; k < 6; k++)
		need(person("500203", "M", "1970-01-01", NULL), "disability", "2020-01-01", NULL,
		     NULL, NULL);
	REQUIRE(sit(&auditor, "50", "2026-11-22", &s) == 0);
	for (i = 0; i < s.n; i++) {
		if (!strcmp(s.children[i].c.code, "5001"))
			i5001 = (int)i;
		if (!strcmp(s.children[i].c.code, "5002"))
			i5002 = (int)i;
	}
	REQUIRE(i5001 >= 0 && i5002 >= 0);
	CHECK_INT(s.all.needs[NEED_DISABILITY], 8);
	CHECK_INT(s.children[i5001].c.needs[NEED_DISABILITY], -1);
	CHECK_INT(s.children[i5002].c.needs[NEED_DISABILITY], -1);
	CHECK_INT(s.children[i5002].c.total, 6);
	situation_release(&s);
}

int main(void)
{
	setup();
	RUN(test_cutoff_agrees_with_date_age);
	RUN(test_plant);
	RUN(test_counts);
	RUN(test_children);
	RUN(test_access_and_suppression);
	RUN(test_secondary_suppression);
	app_release(&app);
	unlink(path);
	return test_summary("report");
}
