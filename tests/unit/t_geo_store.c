/*
 * Unit tests for store/geo on SQLite: loading the embedded geography, the
 * area tree queries, Thai ordering and village codes. Each test that writes
 * gets a fresh, migrated database in a temporary directory.
 */
#include <time.h>
#include <unistd.h>
#include <unicode/ucol.h>
#include "test.h"
#include "store/geo.h"
#include "store/migrate.h"

#define NOW "2026-01-05T10:00:00Z"

/* Loading takes about 30 ms on SQLite; the bound leaves room for a busy
 * machine, and more for the sanitizer build. */
#if defined(__SANITIZE_ADDRESS__)
#define LOAD_SECONDS_MAX 5.0
#else
#define LOAD_SECONDS_MAX 1.0
#endif

static char tmpdir[64];
static int ndb;

/* A migrated, empty SQLite database in tmpdir. */
static struct db *fresh_db(void)
{
	char path[128];
	struct db *db = NULL;
	struct err e;

	err_init(&e);
	snprintf(path, sizeof(path), "%s/geo%d.db", tmpdir, ++ndb);
	if (db_open(path, &db, &e) || migrate_up(db, NOW, NULL, &e)) {
		fprintf(stderr, "  cannot set up %s: %s\n", path, e.en);
		db_close(db);
		return NULL;
	}
	return db;
}

/* A fresh database with the geography loaded. */
static struct db *loaded_db(void)
{
	struct db *db = fresh_db();
	struct err e;

	err_init(&e);
	if (db && geo_load(db, NOW, NULL, &e)) {
		fprintf(stderr, "  geo_load: %s\n", e.en);
		db_close(db);
		return NULL;
	}
	return db;
}

static int64_t count(struct db *db, const char *sql)
{
	struct err e;
	int64_t n = -1;

	err_init(&e);
	if (db_query_int64(db, sql, &n, &e))
		fprintf(stderr, "  %s: %s\n", sql, e.en);
	return n;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_load_counts(void)
{
	struct db *db = fresh_db();
	struct geo_counts c;
	struct timespec t0;
	struct err e;
	double secs;

	REQUIRE(db);
	err_init(&e);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(geo_load(db, NOW, &c, &e), 0);
	secs = seconds_since(&t0);
	printf("  geo_load: %ld provinces, %ld districts, %ld tambons in %.3f s\n", c.provinces,
	       c.districts, c.tambons, secs);
	CHECK(secs < LOAD_SECONDS_MAX);
	CHECK_INT(c.regions, 6);
	CHECK_INT(c.clusters, 18);
	CHECK_INT(c.provinces, 77);
	CHECK(c.districts >= 920);
	CHECK(c.tambons >= 7000);
	CHECK_INT(c.inserted, c.regions + c.clusters + c.provinces + c.districts + c.tambons);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM region"), 6);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM province_cluster"), 18);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area WHERE level = 1 AND parent IS NULL"), 77);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area WHERE level = 2"), c.districts);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area WHERE level = 3"), c.tambons);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area WHERE level = 2 AND code LIKE '10%'"), 50);
	/* Every province but Bangkok is in a cluster; every province in a region. */
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area WHERE level = 1 AND cluster IS NULL"), 1);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area WHERE level = 1 AND region IS NULL"), 0);
	/* Parents are the code's prefix. */
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area WHERE level > 1 AND"
			    " parent <> substr(code, 1, length(code) - 2)"), 0);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM pragma_foreign_key_check"), 0);
	CHECK(!db_in_tx(db));
	db_close(db);
}

static void test_second_load_inserts_nothing(void)
{
	struct db *db = loaded_db();
	struct geo_counts c;
	struct err e;
	int64_t before;

	REQUIRE(db);
	err_init(&e);
	before = count(db, "SELECT COUNT(*) FROM area");
	CHECK_INT(geo_load(db, "2027-01-01T00:00:00Z", &c, &e), 0);
	CHECK_INT(c.inserted, 0);
	CHECK_INT(c.provinces, 77);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area"), before);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area WHERE created_at <> '" NOW "'"), 0);
	db_close(db);
}

static void test_bangkok(void)
{
	struct db *db = loaded_db();
	struct geo_area a;
	struct err e;

	REQUIRE(db);
	err_init(&e);
	CHECK_INT(geo_area_get(db, "10", &a, &e), 0);
	CHECK_STR(a.code, "10");
	CHECK_INT(a.level, GEO_PROVINCE);
	CHECK_STR(a.parent, "TH");
	CHECK_STR(a.name_th, "กรุงเทพมหานคร");
	CHECK_STR(a.name_en, "Bangkok");
	CHECK_STR(a.region, "central");
	CHECK_STR(a.cluster, "");
	CHECK_INT(a.nchildren, 50);
	geo_area_release(&a);

	CHECK_INT(geo_area_get(db, "1001", &a, &e), 0);
	CHECK_INT(a.level, GEO_DISTRICT);
	CHECK_STR(a.parent, "10");
	CHECK_STR(a.name_th, "พระนคร");
	CHECK_STR(a.name_en, "Phra Nakhon");
	CHECK_STR(a.region, "");
	CHECK_INT(a.nchildren, 12);
	geo_area_release(&a);
	CHECK(a.name_th == NULL && a.code[0] == '\0');
	db_close(db);
}

static void test_chiang_mai(void)
{
	struct db *db = loaded_db();
	struct geo_area a;
	struct err e;

	REQUIRE(db);
	err_init(&e);
	CHECK_INT(geo_area_get(db, "50", &a, &e), 0);
	CHECK_STR(a.name_th, "เชียงใหม่");
	CHECK_STR(a.name_en, "Chiang Mai");
	CHECK_STR(a.region, "north");
	CHECK_STR(a.cluster, "C15");
	CHECK_INT(a.nchildren, 25);
	geo_area_release(&a);

	CHECK_INT(geo_area_get(db, "5001", &a, &e), 0);
	CHECK_STR(a.name_th, "เมืองเชียงใหม่");
	CHECK(a.name_en == NULL);
	CHECK_STR(a.parent, "50");
	CHECK_INT(a.nchildren, 16);
	geo_area_release(&a);

	CHECK_INT(geo_area_get(db, "500101", &a, &e), 0);
	CHECK_INT(a.level, GEO_TAMBON);
	CHECK_STR(a.name_th, "ศรีภูมิ");
	CHECK_STR(a.parent, "5001");
	CHECK(a.name_en == NULL);
	CHECK_INT(a.nchildren, 0);
	geo_area_release(&a);
	db_close(db);
}

static void test_area_get_nation_and_errors(void)
{
	struct db *db = loaded_db();
	struct geo_area a;
	struct err e;

	REQUIRE(db);
	err_init(&e);
	CHECK_INT(geo_area_get(db, "TH", &a, &e), 0);
	CHECK_INT(a.level, GEO_NATION);
	CHECK_STR(a.parent, "");
	CHECK_STR(a.name_th, "ประเทศไทย");
	CHECK_STR(a.name_en, "Thailand");
	CHECK_INT(a.nchildren, 77);
	geo_area_release(&a);

	CHECK_INT(geo_area_get(db, "5099", &a, &e), ERR_NOT_FOUND);
	CHECK_STR(e.en, "no area with code 5099");
	CHECK(a.name_th == NULL);
	CHECK_INT(geo_area_get(db, "1", &a, &e), ERR_INVALID);
	CHECK_INT(geo_area_get(db, "", &a, &e), ERR_INVALID);
	CHECK_INT(geo_area_get(db, "50010199", &a, &e), ERR_NOT_FOUND);
	db_close(db);
}

static void test_children(void)
{
	struct geo_area_list l = GEO_AREA_LIST_INIT;
	struct db *db = loaded_db();
	struct err e;
	long sum = 0;
	size_t i;

	REQUIRE(db);
	err_init(&e);
	CHECK_INT(geo_children(db, "50", GEO_ORDER_CODE, &l, &e), 0);
	CHECK_INT(l.n, 25);
	REQUIRE(l.n > 0);
	CHECK_STR(l.items[0].code, "5001");
	CHECK_STR(l.items[0].name_th, "เมืองเชียงใหม่");
	CHECK_INT(l.items[0].nchildren, 16);
	for (i = 0; i < l.n; i++) {
		CHECK_STR(l.items[i].parent, "50");
		CHECK_INT(l.items[i].level, GEO_DISTRICT);
		CHECK(l.items[i].nchildren > 0);
		if (i)
			CHECK(strcmp(l.items[i - 1].code, l.items[i].code) < 0);
	}

	/* The nation's children are the provinces; a list is released on reuse. */
	CHECK_INT(geo_children(db, "TH", GEO_ORDER_CODE, &l, &e), 0);
	CHECK_INT(l.n, 77);
	REQUIRE(l.n == 77);
	CHECK_STR(l.items[0].code, "10");
	CHECK_INT(l.items[0].nchildren, 50);
	CHECK_STR(l.items[76].code, "96");
	for (i = 0; i < l.n; i++) {
		CHECK_STR(l.items[i].parent, "TH");
		sum += l.items[i].nchildren;
	}
	CHECK_INT(sum, count(db, "SELECT COUNT(*) FROM area WHERE level = 2"));

	CHECK_INT(geo_children(db, "1001", GEO_ORDER_CODE, &l, &e), 0);
	CHECK_INT(l.n, 12);
	CHECK_INT(geo_children(db, "500101", GEO_ORDER_CODE, &l, &e), 0);
	CHECK_INT(l.n, 0);
	CHECK_INT(geo_children(db, "5099", GEO_ORDER_CODE, &l, &e), ERR_NOT_FOUND);
	CHECK_INT(l.n, 0);
	CHECK(l.items == NULL);
	CHECK_INT(geo_children(db, "5x", GEO_ORDER_CODE, &l, &e), ERR_INVALID);
	CHECK_STR(e.field, "code");
	geo_area_list_release(&l);
	db_close(db);
}

/* Thai dictionary order puts a leading vowel after its consonant
 * (เซกา sorts under ซ), which byte order does not. */
static void test_thai_order(void)
{
	static const char *const bueng_kan[] = {
		"เซกา", "โซ่พิสัย", "บึงโขงหลง", "บุ่งคล้า", "ปากคาด", "พรเจริญ", "เมืองบึงกาฬ", "ศรีวิไล",
	};
	struct geo_area_list l = GEO_AREA_LIST_INIT;
	struct db *db = loaded_db();
	UErrorCode status = U_ZERO_ERROR;
	UCollator *coll;
	struct err e;
	size_t i;

	REQUIRE(db);
	err_init(&e);
	CHECK_INT(geo_children(db, "38", GEO_ORDER_NAME, &l, &e), 0);
	CHECK_INT(l.n, ARRAY_SIZE(bueng_kan));
	for (i = 0; i < l.n && i < ARRAY_SIZE(bueng_kan); i++)
		CHECK_STR(l.items[i].name_th, bueng_kan[i]);

	coll = ucol_open("th_TH", &status);
	REQUIRE(U_SUCCESS(status));
	CHECK_INT(geo_children(db, "TH", GEO_ORDER_NAME, &l, &e), 0);
	CHECK_INT(l.n, 77);
	for (i = 1; i < l.n; i++) {
		UCollationResult c = ucol_strcollUTF8(coll, l.items[i - 1].name_th, -1,
						      l.items[i].name_th, -1, &status);

		CHECK(c != UCOL_GREATER);
	}
	CHECK(U_SUCCESS(status));
	ucol_close(coll);
	geo_area_list_release(&l);
	db_close(db);
}

static void test_regions(void)
{
	static const struct {
		const char *code;
		long n;
	} want[] = {
		{ "north", 9 }, { "northeast", 20 }, { "central", 22 },
		{ "east", 7 }, { "west", 5 }, { "south", 14 },
	};
	struct geo_region_list rl = GEO_REGION_LIST_INIT;
	struct geo_area_list l = GEO_AREA_LIST_INIT;
	struct db *db = loaded_db();
	struct err e;
	size_t i;

	REQUIRE(db);
	err_init(&e);
	CHECK_INT(geo_regions(db, &rl, &e), 0);
	CHECK_INT(rl.n, 6);
	for (i = 0; i < rl.n && i < ARRAY_SIZE(want); i++) {
		CHECK_STR(rl.items[i].code, want[i].code);
		CHECK_INT(rl.items[i].nprovinces, want[i].n);
		CHECK_INT(rl.items[i].sort, (int)i + 1);
	}
	REQUIRE(rl.n > 0);
	CHECK_STR(rl.items[0].name_th, "ภาคเหนือ");
	CHECK_STR(rl.items[0].name_en, "North");
	geo_region_list_release(&rl);
	CHECK(rl.items == NULL && rl.n == 0);

	CHECK_INT(geo_region_provinces(db, "north", GEO_ORDER_CODE, &l, &e), 0);
	CHECK_INT(l.n, 9);
	REQUIRE(l.n == 9);
	CHECK_STR(l.items[0].code, "50");
	CHECK_INT(l.items[0].nchildren, 25);
	CHECK_STR(l.items[8].code, "58");
	CHECK_INT(geo_region_provinces(db, "north", GEO_ORDER_NAME, &l, &e), 0);
	CHECK_INT(l.n, 9);
	CHECK_INT(geo_region_provinces(db, "nowhere", GEO_ORDER_CODE, &l, &e), ERR_NOT_FOUND);
	CHECK_INT(l.n, 0);
	CHECK_STR(e.field, "region");
	CHECK_INT(geo_region_provinces(db, NULL, GEO_ORDER_CODE, &l, &e), ERR_NOT_FOUND);
	CHECK_INT(geo_region_provinces(db, "", GEO_ORDER_CODE, &l, &e), ERR_NOT_FOUND);
	geo_area_list_release(&l);
	db_close(db);
}

static void test_village_add(void)
{
	struct db *db = loaded_db();
	char code[GEO_CODE_SIZE];
	struct geo_area a;
	struct err e;

	REQUIRE(db);
	err_init(&e);
	REQUIRE(db_begin(db, &e) == 0);
	CHECK_INT(geo_village_add(db, "500101", "บ้านศรีภูมิ", NOW, code, &e), 0);
	CHECK_STR(code, "50010101");
	CHECK_INT(geo_village_add(db, "500101", "บ้านใหม่", NOW, code, &e), 0);
	CHECK_STR(code, "50010102");
	CHECK_INT(db_commit(db, &e), 0);

	CHECK_INT(geo_area_get(db, "50010102", &a, &e), 0);
	CHECK_INT(a.level, GEO_VILLAGE);
	CHECK_STR(a.parent, "500101");
	CHECK_STR(a.name_th, "บ้านใหม่");
	CHECK(a.name_en == NULL);
	geo_area_release(&a);
	CHECK_INT(geo_area_get(db, "500101", &a, &e), 0);
	CHECK_INT(a.nchildren, 2);
	geo_area_release(&a);

	/* Outside a transaction it refuses. */
	CHECK_INT(geo_village_add(db, "500101", "บ้านใหม่", NOW, code, &e), ERR_INTERNAL);
	CHECK_STR(code, "");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area WHERE level = 4"), 2);
	db_close(db);
}

static void test_village_errors(void)
{
	struct db *db = loaded_db();
	char code[GEO_CODE_SIZE];
	char longname[300];
	struct err e;
	int64_t before;

	REQUIRE(db);
	err_init(&e);
	before = count(db, "SELECT COUNT(*) FROM area");
	REQUIRE(db_begin(db, &e) == 0);
	CHECK_INT(geo_village_add(db, "509999", "บ้านไม่มี", NOW, code, &e), ERR_NOT_FOUND);
	CHECK_STR(code, "");
	CHECK_STR(e.field, "tambon");
	CHECK_STR(e.en, "no tambon with code 509999");
	CHECK_INT(geo_village_add(db, "5001", "บ้าน", NOW, code, &e), ERR_INVALID);
	CHECK_STR(e.en, "\"5001\" is a district code, not a tambon code");
	CHECK_INT(geo_village_add(db, "50010101", "บ้าน", NOW, code, &e), ERR_INVALID);
	CHECK_INT(geo_village_add(db, "TH", "บ้าน", NOW, code, &e), ERR_INVALID);
	CHECK_INT(geo_village_add(db, NULL, "บ้าน", NOW, code, &e), ERR_INVALID);
	CHECK_INT(geo_village_add(db, "500101", "", NOW, code, &e), ERR_INVALID);
	CHECK_STR(e.field, "name_th");
	CHECK_INT(geo_village_add(db, "500101", NULL, NOW, code, &e), ERR_INVALID);
	CHECK_INT(geo_village_add(db, "500101", " บ้าน", NOW, code, &e), ERR_INVALID);
	CHECK_INT(geo_village_add(db, "500101", "บ้าน\n", NOW, code, &e), ERR_INVALID);
	CHECK_INT(geo_village_add(db, "500101", "\xe0\xb8", NOW, code, &e), ERR_INVALID);
	CHECK_INT(geo_village_add(db, "500101", "\xc0\xaf", NOW, code, &e), ERR_INVALID);
	CHECK_INT(geo_village_add(db, "500101", "\xed\xa0\x80", NOW, code, &e), ERR_INVALID);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK_INT(geo_village_add(db, "500101", longname, NOW, code, &e), ERR_INVALID);
	CHECK_INT(geo_village_add(db, "500101", "บ้าน", "", code, &e), ERR_INTERNAL);
	db_rollback(db);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area"), before);
	db_close(db);
}

static void test_village_numbering(void)
{
	struct db *db = loaded_db();
	char code[GEO_CODE_SIZE];
	struct err e;

	REQUIRE(db);
	err_init(&e);
	/* An imported village 05 leaves 01..04 free, but numbers go on from 05. */
	CHECK_INT(db_exec(db, "INSERT INTO area (code, level, parent, name_th, created_at)"
			      " VALUES ('50010205', 4, '500102', 'บ้านห้า', '" NOW "'),"
			      " ('50010399', 4, '500103', 'บ้านเก้าสิบเก้า', '" NOW "')", &e), 0);
	REQUIRE(db_begin(db, &e) == 0);
	CHECK_INT(geo_village_add(db, "500102", "บ้านหก", NOW, code, &e), 0);
	CHECK_STR(code, "50010206");
	CHECK_INT(geo_village_add(db, "500103", "บ้านร้อย", NOW, code, &e), ERR_CONFLICT);
	CHECK_STR(code, "");
	CHECK(strstr(e.en, "500103") != NULL);
	CHECK_INT(db_commit(db, &e), 0);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area WHERE parent = '500103'"), 1);
	db_close(db);
}

/* Whichever database operation fails, the load leaves nothing behind and a
 * later load succeeds. */
static void test_load_rollback(void)
{
	struct db *db = fresh_db();
	struct geo_counts c;
	struct err e;
	long n;
	int r = -1;

	REQUIRE(db);
	err_init(&e);
	for (n = 1; n < 1000; n++) {
		db_fail_after(db, n);
		r = geo_load(db, NOW, &c, &e);
		if (!r)
			break;
		CHECK_INT(r, ERR_DB);
		CHECK_INT(c.inserted, 0);
		CHECK(!db_in_tx(db));
		db_fail_after(db, 0);
		if (count(db, "SELECT COUNT(*) FROM area") != 0 ||
		    count(db, "SELECT COUNT(*) FROM region") != 0) {
			CHECK(!"rows left after a failed load");
			break;
		}
	}
	db_fail_after(db, 0);
	CHECK_INT(r, 0);
	CHECK(n > 10);
	printf("  geo_load: rolled back cleanly at each of its first %ld database operations\n", n - 1);
	CHECK_INT(c.provinces, 77);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM area WHERE level = 1"), 77);
	db_close(db);
}

static void cleanup(void)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char path[160];
	int i;
	size_t s;

	for (i = 1; i <= ndb; i++)
		for (s = 0; s < ARRAY_SIZE(suffix); s++) {
			snprintf(path, sizeof(path), "%s/geo%d.db%s", tmpdir, i, suffix[s]);
			unlink(path);
		}
	rmdir(tmpdir);
}

int main(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/sawat-t-geo-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_load_counts);
	RUN(test_second_load_inserts_nothing);
	RUN(test_bangkok);
	RUN(test_chiang_mai);
	RUN(test_area_get_nation_and_errors);
	RUN(test_children);
	RUN(test_thai_order);
	RUN(test_regions);
	RUN(test_village_add);
	RUN(test_village_errors);
	RUN(test_village_numbering);
	RUN(test_load_rollback);
	cleanup();
	return test_summary("geo_store");
}
