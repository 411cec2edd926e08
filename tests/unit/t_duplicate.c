/*
 * Duplicate review on a real SQLite database: the Levenshtein helper, a scan
 * finds the planted pairs and not unrelated people, rescanning adds nothing,
 * merging moves needs and hides the merged record from counts, dismissing is
 * final, decisions are audited, and users outside the area are refused.
 * Fault injection fails each database operation of a merge and of a
 * dismissal in turn and checks that nothing was half-written.
 */
#include <unistd.h>
#include "test.h"
#include "app/audit.h"
#include "app/duplicate.h"
#include "app/geo.h"
#include "app/report.h"
#include "core/similar.h"

static struct app app;
static struct actor sys, other;
static char path[64];
static struct db *db;

static void setup(void)
{
	struct geo_counts g;
	struct err e;
	int applied;

	snprintf(path, sizeof(path), "/tmp/sawat-t-dup-%d.db", (int)getpid());
	unlink(path);
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	REQUIRE((db = app_db(&app, &e)) != NULL);
	actor_system(&sys);
	other = sys;
	other.role = ROLE_PROVINCE_OFFICER;
	snprintf(other.area, sizeof(other.area), "56");
}

static int64_t person(const char *area, const char *key, const char *birth)
{
	char sql[512];
	struct err e;
	int64_t id;

	snprintf(sql, sizeof(sql),
		 "INSERT INTO person (given_name, name_key, sex, birth_date, reg_status, area,"
		 " province, created_at, updated_at) VALUES ('%s', '%s', 'F', '%s', 'house', '%s',"
		 " '%.2s', 'now', 'now')",
		 key, key, birth, area, area);
	REQUIRE(db_exec(db, sql, &e) == 0);
	REQUIRE(db_query_int64(db, "SELECT max(id) FROM person", &id, &e) == 0);
	return id;
}

static int64_t q(const char *sql)
{
	struct err e;
	int64_t v = -1;

	if (db_query_int64(db, sql, &v, &e))
		fprintf(stderr, "  %s: %s\n", sql, e.en);
	return v;
}

static void test_distance(void)
{
	CHECK_INT(similar_distance("สมศรีใจดี", "สมศรีใจดี", 2), 0);
	CHECK_INT(similar_distance("สมศรีใจดี", "สมศรีใจด", 2), 1);
	CHECK_INT(similar_distance("สมศรีใจดี", "สมสรีใจดี", 2), 1);
	CHECK_INT(similar_distance("kitten", "sitting", 3), 3);
	CHECK_INT(similar_distance("kitten", "sitting", 2), 3);
	CHECK_INT(similar_distance("abc", "xyz", 2), 3);
	CHECK_INT(similar_distance("", "ab", 2), 2);
	CHECK(similar_birth_near((struct date){ 1980, 1, 1 }, (struct date){ 1979, 12, 30 }));
	CHECK(!similar_birth_near((struct date){ 1980, 1, 1 }, (struct date){ 1980, 1, 5 }));
	CHECK(similar_birth_near((struct date){ 1980, 3, 4 }, (struct date){ 1980, 4, 3 }));
	CHECK(!similar_birth_near((struct date){ 1980, 3, 4 }, (struct date){ 1980, 3, 4 }));
}

static int64_t a1, a2, b1, b2, c1, c2;

static void test_scan(void)
{
	struct err e;
	int added;

	a1 = person("500101", "สมศรีใจดี", "1980-01-01");
	a2 = person("500102", "สมศรีใจดี", "1980-01-01");  /* same: 100 */
	b1 = person("500101", "มานะขยัน", "1975-05-05");
	b2 = person("500101", "มานะขยน", "1975-05-05");    /* one edit: 80 */
	c1 = person("500101", "วิไลงาม", "1990-03-04");
	c2 = person("500101", "วิไลงาม", "1990-04-03");    /* swapped: 60 */
	person("500101", "สมชายดี", "1980-01-01");         /* same day, other name */
	person("500101", "สมศรีใจดี", "1985-01-01");       /* same name, far date */
	person("560101", "สมศรีใจดี", "1980-01-01");       /* outside the area */
	CHECK_INT(app_duplicate_scan(&app, &other, "50", &added, &e), ERR_FORBIDDEN);
	REQUIRE(app_duplicate_scan(&app, &sys, "50", &added, &e) == 0);
	CHECK_INT(added, 3);
	CHECK_INT(q("SELECT score FROM duplicate_candidate WHERE reason = 'same_name_birth'"), 100);
	CHECK_INT(q("SELECT area = '5001' FROM duplicate_candidate WHERE score = 100"), 1);
	CHECK_INT(q("SELECT count(*) FROM duplicate_candidate WHERE score = 80"), 1);
	CHECK_INT(q("SELECT count(*) FROM duplicate_candidate WHERE score = 60"), 1);
	REQUIRE(app_duplicate_scan(&app, &sys, "50", &added, &e) == 0);
	CHECK_INT(added, 0);
	CHECK_INT(q("SELECT count(*) FROM audit_log WHERE action = 'scan'"), 2);
}

static void test_merge(void)
{
	struct dup_candidate list[10];
	struct situation s = { 0 };
	struct err e;
	size_t n;
	int64_t id, before;
	char sql[200];

	REQUIRE(app_duplicate_list(&app, &sys, 0, 10, list, &n, &e) == 0);
	CHECK_INT(n, 3);
	CHECK_INT(app_duplicate_list(&app, &other, 0, 10, list, &n, &e), 0);
	CHECK_INT(n, 0);
	id = q("SELECT id FROM duplicate_candidate WHERE score = 100");
	snprintf(sql, sizeof(sql),
		 "INSERT INTO person_need (person_id, area, kind, sensitive, observed_on, source,"
		 " recorded_by, created_at) VALUES (%lld, '500102', 'orphan', 0, '2020-01-01',"
		 " 'survey', 't', 'now')",
		 (long long)a2);
	REQUIRE(db_exec(db, sql, &e) == 0);
	REQUIRE(app_situation(&app, &sys, "50", "2026-01-01", &s, &e) == 0);
	before = s.all.total;
	situation_release(&s);
	CHECK_INT(app_duplicate_merge(&app, &other, id, a1, &e), ERR_FORBIDDEN);
	CHECK_INT(app_duplicate_merge(&app, &sys, id, b1, &e), ERR_INVALID);
	REQUIRE(app_duplicate_merge(&app, &sys, id, a1, &e) == 0);
	snprintf(sql, sizeof(sql), "SELECT merged_into FROM person WHERE id = %lld", (long long)a2);
	CHECK_INT(q(sql), a1);
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM person_need WHERE person_id = %lld AND area = '500101'",
		 (long long)a1);
	CHECK_INT(q(sql), 1);
	REQUIRE(app_situation(&app, &sys, "50", "2026-01-01", &s, &e) == 0);
	CHECK_INT(s.all.total, before - 1);
	CHECK_INT(s.all.needs[NEED_ORPHAN], 1);
	situation_release(&s);
	CHECK_INT(app_duplicate_merge(&app, &sys, id, a1, &e), ERR_CONFLICT);
	CHECK_INT(q("SELECT count(*) FROM audit_log WHERE action = 'merge'"), 3);
	CHECK_INT(q("SELECT count(*) FROM audit_log WHERE action = 'merge' AND entity = 'duplicate'"
		    " AND before_json LIKE '%person_a%'"),
		  1);
}

static void test_dismiss(void)
{
	struct err e;
	int64_t id = q("SELECT id FROM duplicate_candidate WHERE score = 80");
	int added;

	CHECK_INT(app_duplicate_dismiss(&app, &other, id, &e), ERR_FORBIDDEN);
	REQUIRE(app_duplicate_dismiss(&app, &sys, id, &e) == 0);
	CHECK_INT(app_duplicate_dismiss(&app, &sys, id, &e), ERR_CONFLICT);
	CHECK_INT(app_duplicate_merge(&app, &sys, id, b1, &e), ERR_CONFLICT);
	REQUIRE(app_duplicate_scan(&app, &sys, "5001", &added, &e) == 0);
	CHECK_INT(added, 0);
	CHECK_INT(q("SELECT status = 'dismissed' FROM duplicate_candidate WHERE score = 80"), 1);
	CHECK_INT(q("SELECT count(*) FROM audit_log WHERE action = 'dismiss'"), 1);
	(void)b2;
	(void)c1;
	(void)c2;
}

/* The audit entries, after checking that the chain still verifies. */
static int64_t audit_count(void)
{
	struct audit_verify v;
	struct err e;

	REQUIRE(app_verify_audit(&app, &sys, &v, &e) == 0);
	CHECK_INT(v.broken_seq, 0);
	return v.checked;
}

/* What a merge or dismissal of candidate id between x and y may change. */
struct dup_state {
	int64_t needs_x, needs_y, consents_x, consents_y, merged_y, open, audit;
};

static struct dup_state state_of(int64_t id, int64_t x, int64_t y)
{
	struct dup_state s;
	char sql[200];

#define COUNT(field, fmt, v)                                                   \
	do {                                                                   \
		snprintf(sql, sizeof(sql), fmt, (long long)(v));               \
		s.field = q(sql);                                              \
	} while (0)
	COUNT(needs_x, "SELECT count(*) FROM person_need WHERE person_id = %lld", x);
	COUNT(needs_y, "SELECT count(*) FROM person_need WHERE person_id = %lld", y);
	COUNT(consents_x, "SELECT count(*) FROM consent WHERE person_id = %lld", x);
	COUNT(consents_y, "SELECT count(*) FROM consent WHERE person_id = %lld", y);
	COUNT(merged_y, "SELECT coalesce(merged_into, 0) FROM person WHERE id = %lld", y);
	COUNT(open, "SELECT count(*) FROM duplicate_candidate WHERE id = %lld AND status = 'open'",
	      id);
#undef COUNT
	s.audit = audit_count();
	return s;
}

static void check_same(const struct dup_state *a, const struct dup_state *b)
{
	CHECK_INT(b->needs_x, a->needs_x);
	CHECK_INT(b->needs_y, a->needs_y);
	CHECK_INT(b->consents_x, a->consents_x);
	CHECK_INT(b->consents_y, a->consents_y);
	CHECK_INT(b->merged_y, a->merged_y);
	CHECK_INT(b->open, a->open);
	CHECK_INT(b->audit, a->audit);
}

/* A new pair with the same name and birth date in 500103, scanned; the
 * second person has a need and a consent. Returns the candidate's id. */
static int64_t planted_pair(const char *key, int64_t *x, int64_t *y)
{
	char sql[400];
	struct err e;
	int added;

	*x = person("500103", key, "1961-06-15");
	*y = person("500103", key, "1961-06-15");
	snprintf(sql, sizeof(sql),
		 "INSERT INTO person_need (person_id, area, kind, sensitive, observed_on, source,"
		 " recorded_by, created_at) VALUES (%lld, '500103', 'orphan', 0, '2020-01-01',"
		 " 'survey', 't', 'now')",
		 (long long)*y);
	REQUIRE(db_exec(db, sql, &e) == 0);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO consent (person_id, purpose, basis, given_on, recorded_by, created_at)"
		 " VALUES (%lld, 'welfare_registry', 'consent', '2020-01-01', 't', 'now')",
		 (long long)*y);
	REQUIRE(db_exec(db, sql, &e) == 0);
	REQUIRE(app_duplicate_scan(&app, &sys, "500103", &added, &e) == 0);
	CHECK_INT(added, 1);
	snprintf(sql, sizeof(sql),
		 "SELECT id FROM duplicate_candidate WHERE person_a = %lld AND person_b = %lld",
		 (long long)*x, (long long)*y);
	return q(sql);
}

static void test_merge_faults(void)
{
	struct dup_state s0, s1;
	struct err e;
	int64_t id, x, y;
	long n;
	int ok = 0;

	id = planted_pair("ทนทานรวม", &x, &y);
	REQUIRE(id > 0);
	for (n = 1; n < 60 && !ok; n++) {
		s0 = state_of(id, x, y);
		db_fail_after(db, n);
		ok = app_duplicate_merge(&app, &sys, id, x, &e) == 0;
		db_fail_after(db, 0);
		CHECK(!db_in_tx(db));
		s1 = state_of(id, x, y);
		if (!ok) {
			check_same(&s0, &s1);
			continue;
		}
		CHECK_INT(s1.needs_x, s0.needs_x + s0.needs_y);
		CHECK_INT(s1.needs_y, 0);
		CHECK_INT(s1.consents_x, s0.consents_x + s0.consents_y);
		CHECK_INT(s1.consents_y, 0);
		CHECK_INT(s1.merged_y, x);
		CHECK_INT(s1.open, 0);
		CHECK_INT(s1.audit, s0.audit + 3);
	}
	CHECK(ok);
	CHECK(n > 2);
}

static void test_dismiss_faults(void)
{
	struct dup_state s0, s1;
	struct err e;
	int64_t id, x, y;
	long n;
	int ok = 0;

	id = planted_pair("ทนทานแยก", &x, &y);
	REQUIRE(id > 0);
	for (n = 1; n < 60 && !ok; n++) {
		s0 = state_of(id, x, y);
		db_fail_after(db, n);
		ok = app_duplicate_dismiss(&app, &sys, id, &e) == 0;
		db_fail_after(db, 0);
		CHECK(!db_in_tx(db));
		s1 = state_of(id, x, y);
		if (!ok) {
			check_same(&s0, &s1);
			continue;
		}
		CHECK_INT(s1.open, 0);
		CHECK_INT(s1.merged_y, 0);
		CHECK_INT(s1.needs_y, s0.needs_y);
		CHECK_INT(s1.audit, s0.audit + 1);
	}
	CHECK(ok);
	CHECK(n > 2);
}

int main(void)
{
	setup();
	RUN(test_distance);
	RUN(test_scan);
	RUN(test_merge);
	RUN(test_dismiss);
	RUN(test_merge_faults);
	RUN(test_dismiss_faults);
	app_release(&app);
	unlink(path);
	return test_summary("duplicate");
}
