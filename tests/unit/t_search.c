/*
 * The ordered name index on SQLite (store/person.c, migration 0006): every
 * search, paged by offset and by keyset, must return exactly what a plain
 * sort in Thai order would, with buckets of three people so that a page
 * spans many of them; and it must stay right through inserts one by one,
 * bulk loads, renames, moves, merges, erasure and rebalancing.
 */
#include <unistd.h>
#include "test.h"
#include "app/geo.h"
#include "app/person.h"
#include "core/thtext.h"
#include "store/person.h"

static struct app app;
static struct db *db;
static char path[64];
static uint32_t rng = 2569;

static const char *const givens[] = {
	"สมชาย", "สมศรี", "สมใจ", "เกศินี", "แก้วตา", "ไพศาล", "กมล", "ขวัญใจ", "บุญมี",
	"บุญเรือน", "ทองดี", "อำไพ", "Anna", "anna", "เก่ง", "เกง", "โสภา", "ใจดี",
};
static const char *const families[] = {
	"ใจดี", "ศรีสุข", "แก้วมณี", "บุญมา", "", "ทองดี", "สมใจ", "Smith", "กลิ่นหอม",
	"วงศ์ไทย", "จันทร์แก้ว", "มีสุข",
};
static const char *const areas[] = { "500101", "500102", "500203", "501301", "560101", "560102" };

static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) & 0xFFFFFF;
}

static int64_t add_random(void)
{
	struct person p;
	struct buf key = BUF_INIT;
	char full[128];
	struct err e;
	int64_t id = 0;

	person_init(&p);
	p.given_name = xstrdup(givens[next_rand() % ARRAY_SIZE(givens)]);
	p.family_name = xstrdup(families[next_rand() % ARRAY_SIZE(families)]);
	snprintf(full, sizeof(full), "%s %s", p.given_name, p.family_name);
	REQUIRE(thtext_name_key(full, strlen(full), &key, &e) == 0);
	p.name_key = key.ptr;
	key = (struct buf)BUF_INIT;
	p.sex = SEX_FEMALE;
	p.reg_status = REG_HOUSE;
	p.birth = (struct date){ 1950 + (int)(next_rand() % 60), 1 + (int)(next_rand() % 12), 1 };
	if (next_rand() % 7 == 0)
		p.death = (struct date){ 2020, 1, 1 };
	snprintf(p.area, sizeof(p.area), "%s", areas[next_rand() % ARRAY_SIZE(areas)]);
	CHECK_INT(person_insert(db, &p, "2026-11-22T00:00:00Z", &id, &e), 0);
	person_release(&p);
	return id;
}

/* The ids a plain sort gives, as a space-separated text. */
static void expected(const char *key, const char *area, bool alive, struct buf *out)
{
	struct buf sql = BUF_INIT, pat = BUF_INIT;
	struct db_stmt *st = NULL;
	char lo[16], hi[16];
	size_t n = 0;
	const char *k;
	struct err e;
	int r;

	for (k = key ? key : ""; *k; k++)
		n += (*k & 0xC0) != 0x80;
	if (n >= 3)
		buf_putc(&pat, '%');
	buf_puts(&pat, key ? key : "");
	buf_putc(&pat, '%');
	db_prefix_range(area, lo, hi);
	buf_puts(&sql, "SELECT id FROM person WHERE merged_into IS NULL AND area >= ? AND area < ? "
		       "AND name_key LIKE ?");
	if (alive)
		buf_puts(&sql, " AND death_date IS NULL");
	buf_puts(&sql, " ORDER BY given_name COLLATE \"th-TH-x-icu\", "
		       "family_name COLLATE \"th-TH-x-icu\", id");
	REQUIRE(db_prepare(db, sql.ptr, &st, &e) == 0);
	db_bind_text(st, 1, lo, -1);
	db_bind_text(st, 2, hi, -1);
	db_bind_text(st, 3, pat.ptr, -1);
	while ((r = db_step(st, &e)) == DB_ROW)
		buf_printf(out, "%lld ", (long long)db_column_int64(st, 0));
	CHECK_INT(r, DB_DONE);
	db_finalize(st);
	buf_release(&sql);
	buf_release(&pat);
}

/* The ids person_search gives, page by page (by offset or by keyset). */
static void searched(const char *key, const char *area, bool alive, int limit, bool keyset,
		     struct buf *out)
{
	struct person_list l = PERSON_LIST_INIT;
	struct person_query q;
	struct err e;
	size_t i;

	memset(&q, 0, sizeof(q));
	q.name_key = key;
	q.area = area;
	q.alive_only = alive;
	q.limit = limit;
	for (;;) {
		REQUIRE(person_search(db, &q, &l, &e) == 0);
		for (i = 0; i < l.n; i++)
			buf_printf(out, "%lld ", (long long)l.items[i].id);
		if (l.n < (size_t)limit)
			break;
		if (keyset)
			q.after_id = l.items[l.n - 1].id;
		else
			q.offset += (int64_t)l.n;
	}
	person_list_release(&l);
}

static int checked;

/* Every query, in every scope, every way of paging, against the plain sort. */
static void check_all(const char *when)
{
	static const char *const keys[] = {
		NULL, "สม", "ส", "เก", "ใจดี", "สมใจ", "anna", "บุญ", "ทองดี", "แก้ว",
		"ใจดีศรี", "ไม่มีใคร", "ดี", "a", "smith",
	};
	static const char *const scopes[] = { "TH", "50", "5001", "500101", "56", "5013" };
	struct buf want = BUF_INIT, got = BUF_INIT, key = BUF_INIT;
	size_t i, j;
	struct err e;
	int w;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		buf_reset(&key);
		if (keys[i])
			REQUIRE(thtext_name_key(keys[i], strlen(keys[i]), &key, &e) == 0);
		for (j = 0; j < ARRAY_SIZE(scopes); j++) {
			for (w = 0; w < 6; w++) {
				bool alive = w & 1, keyset = w & 2;
				int limit = w >= 4 ? 500 : 7;

				buf_reset(&want);
				buf_reset(&got);
				expected(key.ptr, scopes[j], alive, &want);
				searched(keys[i] ? key.ptr : NULL, scopes[j], alive, limit, keyset,
					 &got);
				if (strcmp(want.ptr, got.ptr))
					fprintf(stderr, "  %s: '%s' in %s (%s, limit %d, %s):\n  want %s\n  got  %s\n",
						when, keys[i] ? keys[i] : "", scopes[j],
						alive ? "alive" : "all", limit,
						keyset ? "keyset" : "offset", want.ptr, got.ptr);
				CHECK_STR(got.ptr, want.ptr);
				checked++;
			}
		}
	}
	buf_release(&want);
	buf_release(&got);
	buf_release(&key);
}

static void set_bucket_size(int n)
{
	struct db_stmt *st = NULL;
	struct err e;

	REQUIRE(db_prepare(db, "UPDATE search_state SET bucket_size = ?", &st, &e) == 0);
	db_bind_int64(st, 1, n);
	CHECK(db_step(st, &e) == DB_DONE);
	db_finalize(st);
}

static int64_t query(const char *sql)
{
	struct err e;
	int64_t v = -1;

	CHECK_INT(db_query_int64(db, sql, &v, &e), 0);
	return v;
}

static void test_order(void)
{
	struct person p;
	struct err e;
	int64_t first = 0, last = 0, id;
	bool due;
	int i;

	/* One bucket: everything by a plain sort of the matches. */
	REQUIRE(db_begin(db, &e) == 0);
	for (i = 0; i < 60; i++)
		add_random();
	REQUIRE(db_commit(db, &e) == 0);
	check_all("one bucket");

	/* Buckets of three: pages span many of them. */
	REQUIRE(db_begin(db, &e) == 0);
	set_bucket_size(3);
	REQUIRE(person_search_rebalance(db, &e) == 0);
	REQUIRE(db_commit(db, &e) == 0);
	CHECK_INT(query("SELECT COUNT(*) FROM name_bucket"), 20);
	CHECK_INT(query("SELECT balanced_people FROM search_state"), 60);
	check_all("balanced");

	/* One at a time, into the buckets as drawn (triggers). */
	REQUIRE(db_begin(db, &e) == 0);
	for (i = 0; i < 40; i++)
		add_random();
	REQUIRE(db_commit(db, &e) == 0);
	check_all("inserted");

	/* A bulk load: the loader indexes its people, in position order. */
	REQUIRE(db_begin(db, &e) == 0);
	REQUIRE(person_search_bulk_begin(db, &e) == 0);
	for (i = 0; i < 50; i++) {
		id = add_random();
		first = first ? first : id;
		last = id;
	}
	REQUIRE(person_search_bulk_end(db, first, last, false, &e) == 0);
	REQUIRE(db_commit(db, &e) == 0);
	CHECK_INT(query("SELECT bulk FROM search_state"), 0);
	check_all("bulk");

	/* Renamed, moved, merged and erased people. */
	REQUIRE(db_begin(db, &e) == 0);
	for (id = first; id < first + 10; id++) {
		struct buf key = BUF_INIT;
		char full[128];

		REQUIRE(person_get(db, id, &p, NULL, &e) == 0);
		free(p.given_name);
		free(p.name_key);
		p.given_name = xstrdup(givens[(size_t)id % ARRAY_SIZE(givens)]);
		snprintf(full, sizeof(full), "%s %s", p.given_name, p.family_name);
		REQUIRE(thtext_name_key(full, strlen(full), &key, &e) == 0);
		p.name_key = buf_detach(&key, NULL);
		snprintf(p.area, sizeof(p.area), "%s", areas[(size_t)id % ARRAY_SIZE(areas)]);
		CHECK_INT(person_update(db, &p, "2026-11-23T00:00:00Z", &e), 0);
		person_release(&p);
	}
	CHECK_INT(person_set_merged(db, first + 20, first + 21, "2026-11-23T00:00:00Z", &e), 0);
	CHECK_INT(person_set_merged(db, 5, 6, "2026-11-23T00:00:00Z", &e), 0);
	CHECK_INT(person_erase(db, first + 30, "2026-11-23T00:00:00Z", &e), 0);
	REQUIRE(db_commit(db, &e) == 0);
	check_all("changed");

	/* The register doubled since the buckets were drawn: due, and right after. */
	REQUIRE(person_search_due(db, &due, &e) == 0);
	CHECK(!due); /* below SEARCH_MIN_BALANCE people */
	REQUIRE(db_begin(db, &e) == 0);
	REQUIRE(person_search_rebalance(db, &e) == 0);
	REQUIRE(db_commit(db, &e) == 0);
	CHECK_INT(query("SELECT balanced_people FROM search_state"), 148);
	check_all("rebalanced");
	CHECK(checked > 2000);

	/* Another ICU sorts differently: the positions must be drawn again. */
	REQUIRE(db_exec(db, "UPDATE search_state SET collator = '1.2.3.4'", &e) == 0);
	REQUIRE(person_search_due(db, &due, &e) == 0);
	CHECK(due);
	REQUIRE(db_begin(db, &e) == 0);
	REQUIRE(person_search_maintain(db, &due, &e) == 0);
	REQUIRE(db_commit(db, &e) == 0);
	CHECK(due);
	CHECK_INT(query("SELECT COUNT(*) FROM search_state WHERE collator NOT IN ('', '1.2.3.4')"), 1);
	REQUIRE(person_search_due(db, &due, &e) == 0);
	CHECK(!due);
	check_all("collator");
}

/* A failed bulk load leaves the index as it was (the flag too). */
static void test_rollback(void)
{
	struct err e;

	REQUIRE(db_begin(db, &e) == 0);
	REQUIRE(person_search_bulk_begin(db, &e) == 0);
	add_random();
	db_rollback(db);
	CHECK_INT(query("SELECT bulk FROM search_state"), 0);
	check_all("rolled back");
}

int main(void)
{
	struct geo_counts g;
	struct err e;
	int applied;

	snprintf(path, sizeof(path), "/tmp/sawat-t-search-%d.db", (int)getpid());
	unlink(path);
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	db = app_db(&app, &e);
	REQUIRE(db);
	RUN(test_order);
	RUN(test_rollback);
	app_release(&app);
	unlink(path);
	return test_summary("search");
}
