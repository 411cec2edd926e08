/*
 * Staged imports on a real SQLite database: header mapping (Thai and
 * English names, unknown and missing columns), a good file, the same file
 * again (all "same", nothing written), a file of bad rows (each reported
 * with its column, nothing committed), a TIS-620 file, updates, the
 * name_birth_area policy, a commit interrupted by injected faults at every
 * step (nothing written), and exports (sensitive columns by role, round
 * trip through the import).
 */
#include <jansson.h>
#include <unistd.h>
#include "test.h"
#include "lib/sheet.h"
#include "app/audit.h"
#include "app/geo.h"
#include "app/import.h"
#include "app/person.h"
#include "core/thid.h"
#include "core/thtext.h"
#include "store/person.h"

static struct app app;
static struct actor sys, cm, vol;
static char path[64];

static void set_actor(struct actor *a, const char *name, enum role r, const char *area)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof(a->username), "%s", name);
	a->role = r;
	snprintf(a->area, sizeof(a->area), "%s", area);
	a->id = 1;
}

static void setup(void)
{
	char village[GEO_CODE_SIZE];
	struct geo_counts g;
	struct err e;
	int applied;

	snprintf(path, sizeof(path), "/tmp/sawat-t-import-%d.db", (int)getpid());
	unlink(path);
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	actor_system(&sys);
	REQUIRE(app_village_add(&app, &sys, "500101", 1, "บ้านหนึ่ง", NULL, village, &e) == 0);
	set_actor(&cm, "cmo", ROLE_PROVINCE_OFFICER, "50");
	set_actor(&vol, "vol", ROLE_VOLUNTEER, "500101");
}

/* A valid national ID from 12 digits (static buffer, one of four). */
static const char *nid(const char *twelve)
{
	static char ids[4][14];
	static int k;
	char *s = ids[k++ % 4];

	snprintf(s, 14, "%s%d", twelve, thid_check_digit(twelve));
	return s;
}

static int64_t count(const char *sql)
{
	struct err e;
	int64_t n = -1;

	db_query_int64(app_db(&app, &e), sql, &n, &e);
	return n;
}

static int64_t people(void)
{
	return count("SELECT COUNT(*) FROM person");
}

static int stage(const struct actor *a, const char *text, size_t len, const char *policy,
		 int64_t *id, struct import_batch *b, struct err *e)
{
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	int r = app_import_stage(&app, a, text, len, "list.csv", policy, id, e);

	if (!r && b)
		r = app_import_get(&app, a, *id, NULL, 0, 1000, b, &rows, e);
	import_row_list_release(&rows);
	return r;
}

static char good[2048];

static void make_good(void)
{
	snprintf(good, sizeof(good),
		 "\xEF\xBB\xBF" "เลขประจำตัวประชาชน,คำนำหน้า,ชื่อ,นามสกุล,เพศ,วันเกิด,รหัสพื้นที่,บ้านเลขที่,โทรศัพท์,welfare_card,Remarks\r\n"
		 "%s,นาย,สมชาย,ใจดี,ชาย,5/1/2498,500101,12,0812345678,yes,x\r\n"
		 "%s,นาง,สมศรี,ใจดี,F,1960-03-02,50010101,12/1,,no,\r\n"
		 "%s,ด.ญ.,มะลิ,รักไทย,หญิง,14/2/2560,500101,7,,,\r\n"
		 "\r\n",
		 nid("110170012345"), nid("310170000001"), nid("150010000002"));
}

static void test_header(void)
{
	struct import_map m;
	struct slice h[] = { SLICE("National ID"), SLICE(" ชื่อ "), SLICE("AREA"), SLICE("note") };
	struct slice no_area[] = { SLICE("national_id"), SLICE("given_name") };
	struct slice twice[] = { SLICE("given_name"), SLICE("ชื่อ"), SLICE("area"), SLICE("national_id") };
	struct err e;

	CHECK_INT(import_map_header(h, 4, IMPORT_BY_NATIONAL_ID, &m, &e), 0);
	CHECK_INT(m.col_of[ICOL_NATIONAL_ID], 0);
	CHECK_INT(m.col_of[ICOL_GIVEN_NAME], 1);
	CHECK_INT(m.col_of[ICOL_AREA], 2);
	CHECK_INT(m.nunknown, 1);
	CHECK_INT(m.unknown[0], 3);
	import_map_release(&m);
	CHECK_INT(import_map_header(h, 4, IMPORT_BY_NAME_BIRTH_AREA, &m, &e), ERR_INVALID);
	CHECK_STR(e.field, "birth_date");
	CHECK_INT(import_map_header(no_area, 2, IMPORT_BY_NATIONAL_ID, &m, &e), ERR_INVALID);
	CHECK_STR(e.field, "area");
	CHECK_INT(import_map_header(twice, 4, IMPORT_BY_NATIONAL_ID, &m, &e), ERR_INVALID);
	CHECK_STR(e.field, "given_name");
	CHECK_INT(import_col_parse("Family Name", 11), ICOL_FAMILY_NAME);
	CHECK_INT(import_col_parse("BIRTH_DATE", 10), ICOL_BIRTH_DATE);
	CHECK_INT(import_yes_no("ใช่"), 1);
	CHECK_INT(import_yes_no("No"), 0);
	CHECK_INT(import_yes_no("maybe"), -1);
}

static void test_file_errors(void)
{
	struct err e;
	int64_t id;
	int64_t n0 = count("SELECT COUNT(*) FROM import_batch");

	CHECK_INT(stage(&cm, "", 0, NULL, &id, NULL, &e), ERR_INVALID);
	CHECK_INT(stage(&cm, "ชื่อ,นามสกุล\n", 28, NULL, &id, NULL, &e), ERR_INVALID);
	CHECK_STR(e.field, "area");
	CHECK(strstr(e.en, "area") != NULL);
	CHECK_INT(stage(&cm, "a,b\n", 4, "by_magic", &id, NULL, &e), ERR_INVALID);
	CHECK_STR(e.field, "policy");
	CHECK_INT(app_import_stage(&app, &cm, "PK\x03\x04xx", 6, "x.xlsx", NULL, &id, &e),
		  ERR_INVALID);
	CHECK_INT(count("SELECT COUNT(*) FROM import_batch"), n0);
}

static void test_good_then_same(void)
{
	struct import_batch b = { 0 };
	struct import_counts w;
	struct err e;
	int64_t id, pid, n0 = people();
	int64_t audits = count("SELECT COUNT(*) FROM audit_log");

	make_good();
	REQUIRE(stage(&cm, good, strlen(good), "national_id", &id, &b, &e) == 0);
	CHECK_INT(b.n.total, 3);
	CHECK_INT(b.n.new_, 3);
	CHECK_INT(b.n.error, 0);
	CHECK_STR(b.status, "staged");
	CHECK_STR(b.encoding, "utf-8");
	CHECK_STR(b.unknown_columns, "[\"Remarks\"]");
	CHECK_INT(people(), n0); /* staging writes no person */
	import_batch_release(&b);

	REQUIRE(app_import_commit(&app, &cm, id, &w, &e) == 0);
	CHECK_INT(w.new_, 3);
	CHECK_INT(w.update, 0);
	CHECK_INT(people(), n0 + 3);
	/* The stage, one entry for the three new people (rows 2-4), and the batch. */
	CHECK_INT(count("SELECT COUNT(*) FROM audit_log"), audits + 3);
	CHECK_INT(count("SELECT COUNT(*) FROM audit_log WHERE action = 'import' "
			"AND after_json LIKE '%\"people\":3,\"first_row\":2,\"last_row\":4,%'"),
		  1);
	CHECK_INT(person_id_by_national_id(app_db(&app, &e), nid("110170012345"), &pid, &e), 0);
	CHECK(pid > 0);
	/* Each person's history shows their creation by that entry, and the chain holds. */
	{
		struct audit_row *rows = NULL;
		struct audit_verify v;
		char want[96];
		size_t n = 0;

		REQUIRE(app_person_history(&app, &cm, pid, &rows, &n, &e) == 0);
		REQUIRE(n == 1);
		CHECK_STR(rows[0].action, "create");
		CHECK_STR(rows[0].actor, "cmo");
		snprintf(want, sizeof(want), "{\"import_batch\":%lld,\"import_row\":2,", (long long)id);
		CHECK(starts_with(rows[0].after, want));
		CHECK_INT(rows[0].seq, count("SELECT MAX(seq) FROM audit_log WHERE action = 'import'"));
		audit_rows_free(rows, n);
		REQUIRE(app_verify_audit(&app, &sys, &v, &e) == 0);
		CHECK_INT(v.broken_seq, 0);
	}
	CHECK_INT(count("SELECT COUNT(*) FROM person_need WHERE kind = 'welfare_card'"), 1);
	CHECK_INT(app_import_commit(&app, &cm, id, &w, &e), ERR_CONFLICT);

	/* The same file again: all the same, and committing writes nothing. */
	audits = count("SELECT COUNT(*) FROM audit_log");
	REQUIRE(stage(&cm, good, strlen(good), "national_id", &id, &b, &e) == 0);
	CHECK_INT(b.n.same, 3);
	CHECK_INT(b.n.new_ + b.n.update + b.n.error, 0);
	import_batch_release(&b);
	REQUIRE(app_import_commit(&app, &cm, id, &w, &e) == 0);
	CHECK_INT(w.new_ + w.update, 0);
	CHECK_INT(people(), n0 + 3);
	CHECK_INT(count("SELECT COUNT(*) FROM person_need"), 1);
	CHECK_INT(count("SELECT COUNT(*) FROM audit_log"), audits + 2); /* stage + batch */

	/* Under the other policy it is the same file too. */
	REQUIRE(stage(&cm, good, strlen(good), "name_birth_area", &id, &b, &e) == 0);
	CHECK_INT(b.n.same, 3);
	import_batch_release(&b);
}

/* Finds the errors of row_no in the list; NULL when it has none. */
static const struct import_row *row_of(const struct import_row_list *l, int64_t row_no)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->items[i].row_no == row_no)
			return &l->items[i];
	return NULL;
}

static bool row_error_on(const struct import_row_list *l, int64_t row_no, const char *column)
{
	const struct import_row *r = row_of(l, row_no);
	json_t *j;
	size_t i;
	bool found = false;

	if (!r || !r->errors)
		return false;
	j = json_loads(r->errors, 0, NULL);
	for (i = 0; j && i < json_array_size(j); i++) {
		json_t *x = json_array_get(j, i);

		if (!strcmp(json_string_value(json_object_get(x, "column")), column) &&
		    *json_string_value(json_object_get(x, "message_th")) &&
		    *json_string_value(json_object_get(x, "message_en")))
			found = true;
	}
	json_decref(j);
	if (!found)
		fprintf(stderr, "  row %lld errors: %s\n", (long long)row_no, r->errors);
	return found;
}

static void test_bad_rows(void)
{
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	struct import_batch b = { 0 };
	char text[2048], bad_id[14];
	struct err e;
	int64_t id, n0 = people(), needs0 = count("SELECT COUNT(*) FROM person_need");

	snprintf(bad_id, sizeof(bad_id), "%s", nid("110170099999"));
	bad_id[12] = bad_id[12] == '9' ? '0' : (char)(bad_id[12] + 1);
	snprintf(text, sizeof(text),
		 "national_id,given_name,family_name,sex,birth_date,area\n"
		 "%s,ดี,หนึ่ง,M,1/1/2500,500101\n"       /* 2: good */
		 "%s,ผิด,เลข,M,1/1/2500,500101\n"        /* 3: wrong check digit */
		 "%s,วัน,ผิด,F,31/4/2568,500101\n"        /* 4: no 31 April */
		 "%s,ตำบล,ไม่มี,F,1/1/2500,509999\n"      /* 5: unknown tambon */
		 "%s,ซ้ำ,สอง,M,2/1/2500,500101\n"         /* 6: repeats row 2 */
		 "%s,,ไม่มีชื่อ,M,1/1/2500,500101\n"       /* 7: no given name */
		 "%s,นอก,เขต,M,1/1/2500,560101\n",       /* 8: Phayao, outside Chiang Mai */
		 nid("110170099991"), bad_id, nid("110170099992"), nid("110170099993"),
		 nid("110170099991"), nid("110170099994"), nid("110170099995"));
	REQUIRE(stage(&cm, text, strlen(text), NULL, &id, NULL, &e) == 0);
	REQUIRE(app_import_get(&app, &cm, id, "error", 0, 100, &b, &rows, &e) == 0);
	CHECK_INT(b.n.total, 7);
	CHECK_INT(b.n.error, 6);
	CHECK_INT(b.n.new_, 1);
	CHECK_INT(rows.n, 6);
	CHECK(row_of(&rows, 2) == NULL);
	CHECK(row_error_on(&rows, 3, "national_id"));
	CHECK(row_error_on(&rows, 4, "birth_date"));
	CHECK(row_error_on(&rows, 5, "area"));
	CHECK(row_error_on(&rows, 6, "national_id"));
	CHECK(row_error_on(&rows, 7, "given_name"));
	CHECK(row_error_on(&rows, 8, "area"));
	CHECK(rows.n && rows.items[0].row_no == 3); /* in row order */
	import_row_list_release(&rows);
	import_batch_release(&b);

	CHECK_INT(app_import_commit(&app, &cm, id, NULL, &e), ERR_INVALID);
	CHECK_INT(people(), n0);
	CHECK_INT(count("SELECT COUNT(*) FROM person_need"), needs0);
	CHECK_STR(b.status, "");
	REQUIRE(app_import_get(&app, &cm, id, NULL, 0, 10, &b, &rows, &e) == 0);
	CHECK_STR(b.status, "staged");
	import_row_list_release(&rows);
	import_batch_release(&b);

	/* Another province's officer may not see the batch; a volunteer may not import. */
	{
		struct actor py;

		set_actor(&py, "pyo", ROLE_PROVINCE_OFFICER, "56");
		CHECK_INT(app_import_get(&app, &py, id, NULL, 0, 10, &b, &rows, &e), ERR_FORBIDDEN);
		CHECK_INT(app_import_commit(&app, &py, id, NULL, &e), ERR_FORBIDDEN);
		set_actor(&py, "aud", ROLE_AUDITOR, "50");
		CHECK_INT(stage(&py, text, strlen(text), NULL, &id, NULL, &e), ERR_FORBIDDEN);
	}
}

/* UTF-8 Thai to TIS-620: U+0E01..U+0E5B are 0xA1..0xFB. */
static size_t to_tis620(const char *s, char *out)
{
	size_t pos = 0, n = strlen(s), k = 0;
	uint32_t cp;

	while (pos < n && !thtext_utf8_next(s, n, &pos, &cp))
		out[k++] = (char)(cp >= 0x0E01 && cp <= 0x0E5B ? 0xA1 + (cp - 0x0E01) : cp);
	return k;
}

static void test_tis620(void)
{
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	struct import_batch b = { 0 };
	struct import_counts w;
	char utf8[512], tis[512];
	struct person p;
	size_t len;
	struct err e;
	int64_t id, pid;

	snprintf(utf8, sizeof(utf8),
		 "เลขประจำตัวประชาชน,ชื่อ,นามสกุล,เพศ,วันเกิด,รหัสพื้นที่\r\n"
		 "%s,บุญมี,ศรีสุข,หญิง,3/6/2510,500101\r\n", nid("310170055555"));
	len = to_tis620(utf8, tis);
	REQUIRE(!thtext_utf8_valid(tis, len));
	REQUIRE(stage(&cm, tis, len, NULL, &id, &b, &e) == 0);
	CHECK_STR(b.encoding, "tis-620");
	CHECK_INT(b.n.new_, 1);
	CHECK_INT(b.n.error, 0);
	import_batch_release(&b);
	REQUIRE(app_import_commit(&app, &cm, id, &w, &e) == 0);
	REQUIRE(person_id_by_national_id(app_db(&app, &e), nid("310170055555"), &pid, &e) == 0);
	person_init(&p);
	REQUIRE(person_get(app_db(&app, &e), pid, &p, NULL, &e) == 0);
	CHECK_STR(p.given_name, "บุญมี");
	CHECK_STR(p.family_name, "ศรีสุข");
	CHECK_INT(p.birth.y, 1967);
	person_release(&p);
	import_row_list_release(&rows);
}

/* An .xlsx list as offices keep them: Thai headers, a real date cell, one bad row. */
static void test_xlsx(void)
{
	static const struct sheet_col cols[] = {
		{ "เลขประจำตัวประชาชน", SHEET_TEXT, 0 }, { "ชื่อ", SHEET_TEXT, 0 },
		{ "นามสกุล", SHEET_TEXT, 0 },		  { "เพศ", SHEET_TEXT, 0 },
		{ "วันเกิด", SHEET_DATE, 0 },		  { "รหัสพื้นที่", SHEET_TEXT, 0 },
	};
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	struct import_batch b = { 0 };
	struct sheet_writer *w = NULL;
	char xpath[64], *data = NULL;
	struct err e;
	int64_t id;
	long len;
	FILE *f;
	size_t i;
	const char *r1[] = { nid("350110033333"), "ดวงใจ", "แก้วมณี", "หญิง", "1972-08-12", "500101" };
	const char *r2[] = { nid("350110044444"), "ประยูร", "ทองคำ", "ชาย", "1968-02-30", "500101" };
	struct slice s1[6], s2[6];

	for (i = 0; i < 6; i++) {
		s1[i] = slice_of(r1[i]);
		s2[i] = slice_of(r2[i]);
	}
	snprintf(xpath, sizeof(xpath), "/tmp/sawat-t-import-%d.xlsx", (int)getpid());
	REQUIRE(sheet_writer_open(xpath, SHEET_XLSX, cols, 6, NULL, &w, &e) == 0);
	REQUIRE(sheet_writer_row(w, s1, 6, &e) == 0);
	/* An impossible date cannot be a date cell: the office typed it as text. */
	REQUIRE(sheet_writer_row(w, s2, 4, &e) == 0);
	REQUIRE(sheet_writer_finish(w, &e) == 0);
	sheet_writer_free(w);
	f = fopen(xpath, "rb");
	REQUIRE(f != NULL);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = xmalloc((size_t)len);
	REQUIRE(fread(data, 1, (size_t)len, f) == (size_t)len);
	fclose(f);
	unlink(xpath);
	REQUIRE(app_import_stage(&app, &cm, data, (size_t)len, "list.xlsx", NULL, &id, &e) == 0);
	REQUIRE(app_import_get(&app, &cm, id, NULL, 0, 1000, &b, &rows, &e) == 0);
	CHECK_STR(b.encoding, "xlsx");
	CHECK_INT(b.n.total, 2);
	CHECK_INT(b.n.new_, 1);
	CHECK_INT(b.n.error, 1); /* the second row has no birth date or area */
	import_row_list_release(&rows);
	import_batch_release(&b);
	free(data);
}

static void test_update(void)
{
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	struct import_batch b = { 0 };
	struct import_counts w;
	char text[512];
	struct person p;
	struct err e;
	int64_t id, pid, n0 = people();

	/* A new phone number; the empty title keeps the registered one. */
	snprintf(text, sizeof(text),
		 "national_id,title,given_name,family_name,area,phone\n"
		 "%s,,สมชาย,ใจดี,500101,0899999999\n", nid("110170012345"));
	REQUIRE(stage(&cm, text, strlen(text), NULL, &id, NULL, &e) == 0);
	REQUIRE(app_import_get(&app, &cm, id, "update", 0, 10, &b, &rows, &e) == 0);
	CHECK_INT(b.n.update, 1);
	REQUIRE(rows.n == 1);
	CHECK(strstr(rows.items[0].data, "\"changed\":[\"phone\"]") != NULL);
	import_row_list_release(&rows);
	import_batch_release(&b);
	REQUIRE(app_import_commit(&app, &cm, id, &w, &e) == 0);
	CHECK_INT(w.update, 1);
	CHECK_INT(people(), n0);
	REQUIRE(person_id_by_national_id(app_db(&app, &e), nid("110170012345"), &pid, &e) == 0);
	person_init(&p);
	REQUIRE(person_get(app_db(&app, &e), pid, &p, NULL, &e) == 0);
	CHECK_STR(p.phone, "0899999999");
	CHECK_STR(p.title, "นาย");
	person_release(&p);
	CHECK_INT(count("SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND entity = 'person'"), 1);
}

/*
 * Cells travel from staging to commit as JSON text: quotes, backslashes,
 * tabs and line breaks inside cells come back intact, and rows whose data
 * is spelled another way (spaces, keys in another order, escapes; as older
 * versions or other tools may have written it) are read too.
 */
static void test_row_data(void)
{
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	struct import_batch b = { 0 };
	struct import_counts w;
	struct person p;
	struct err e;
	char text[512];
	int64_t id, pid;
	struct db_stmt *st = NULL;
	json_t *j;

	snprintf(text, sizeof(text),
		 "national_id,given_name,family_name,house_no,area,birth_date\n"
		 "%s,\"ทด\"\"สอบ\",a\\b,1/2,500101,1980-01-02\n",
		 nid("510170077777"));
	REQUIRE(stage(&cm, text, strlen(text), NULL, &id, NULL, &e) == 0);
	REQUIRE(app_import_commit(&app, &cm, id, &w, &e) == 0);
	CHECK_INT(w.new_, 1);
	REQUIRE(person_id_by_national_id(app_db(&app, &e), nid("510170077777"), &pid, &e) == 0);
	person_init(&p);
	REQUIRE(person_get(app_db(&app, &e), pid, &p, NULL, &e) == 0);
	CHECK_STR(p.given_name, "ทด\"สอบ");
	CHECK_STR(p.family_name, "a\\b");
	person_release(&p);

	/* Control characters make the row an error; its cells are kept exactly. */
	snprintf(text, sizeof(text), "national_id,given_name,family_name,area\n,\"a\tb\",\"c\nd\\\",500101\n");
	REQUIRE(stage(&cm, text, strlen(text), NULL, &id, NULL, &e) == 0);
	REQUIRE(app_import_get(&app, &cm, id, NULL, 0, 10, &b, &rows, &e) == 0);
	REQUIRE(rows.n == 1);
	j = json_loads(rows.items[0].data, 0, NULL);
	REQUIRE(j != NULL);
	/* Cells are listed by import column number; columns the file lacks are null. */
	CHECK_STR(json_string_value(json_array_get(json_object_get(j, "cells"), ICOL_GIVEN_NAME)),
		  "a\tb");
	CHECK_STR(json_string_value(json_array_get(json_object_get(j, "cells"), ICOL_FAMILY_NAME)),
		  "c\nd\\");
	CHECK(json_is_null(json_array_get(json_object_get(j, "cells"), ICOL_TITLE)));
	CHECK_INT(json_array_size(json_object_get(j, "cells")), ICOL_AREA + 1);
	json_decref(j);
	import_row_list_release(&rows);
	import_batch_release(&b);

	/* The same row, staged, then its data rewritten in jansson's spelling. */
	snprintf(text, sizeof(text),
		 "national_id,given_name,family_name,area,birth_date\n%s,x,y,500101,1980-01-02\n",
		 nid("510170088888"));
	REQUIRE(stage(&cm, text, strlen(text), NULL, &id, NULL, &e) == 0);
	REQUIRE(db_prepare(app_db(&app, &e),
			   "UPDATE import_row SET data = ? WHERE batch_id = ? AND row_no = 2", &st,
			   &e) == 0);
	snprintf(text, sizeof(text),
		 "{ \"changed\": [], \"cells\": { \"area\": \"500101\", \"national_id\": \"%s\", "
		 "\"birth_date\": \"1980-01-02\", "
		 "\"given_name\": \"\\u0e01\\u0e32\\/\", \"family_name\": \"\\ud83d\\ude00\", "
		 "\"future\": \"?\" } }",
		 nid("510170088888"));
	db_bind_text(st, 1, text, -1);
	db_bind_int64(st, 2, id);
	CHECK(db_step(st, &e) == DB_DONE);
	db_finalize(st);
	REQUIRE(app_import_commit(&app, &cm, id, &w, &e) == 0);
	REQUIRE(person_id_by_national_id(app_db(&app, &e), nid("510170088888"), &pid, &e) == 0);
	person_init(&p);
	REQUIRE(person_get(app_db(&app, &e), pid, &p, NULL, &e) == 0);
	CHECK_STR(p.given_name, "กา/");
	CHECK_STR(p.family_name, "\xF0\x9F\x98\x80");
	person_release(&p);

	/* A row staged by an earlier version (cells by column code) commits as it was. */
	snprintf(text, sizeof(text),
		 "national_id,given_name,family_name,area,birth_date\n%s,x,y,500101,1980-01-02\n",
		 nid("510170099999"));
	REQUIRE(stage(&cm, text, strlen(text), NULL, &id, NULL, &e) == 0);
	REQUIRE(db_prepare(app_db(&app, &e),
			   "UPDATE import_row SET data = ? WHERE batch_id = ? AND row_no = 2", &st,
			   &e) == 0);
	snprintf(text, sizeof(text),
		 "{\"cells\":{\"national_id\":\"%s\",\"given_name\":\"เก่า\",\"family_name\":"
		 "\"แบบ\\\"เดิม\",\"area\":\"500101\",\"birth_date\":\"1980-01-02\"},\"changed\":[]}",
		 nid("510170099999"));
	db_bind_text(st, 1, text, -1);
	db_bind_int64(st, 2, id);
	CHECK(db_step(st, &e) == DB_DONE);
	db_finalize(st);
	REQUIRE(app_import_commit(&app, &cm, id, &w, &e) == 0);
	REQUIRE(person_id_by_national_id(app_db(&app, &e), nid("510170099999"), &pid, &e) == 0);
	person_init(&p);
	REQUIRE(person_get(app_db(&app, &e), pid, &p, NULL, &e) == 0);
	CHECK_STR(p.given_name, "เก่า");
	CHECK_STR(p.family_name, "แบบ\"เดิม");
	person_release(&p);
}

static void test_name_birth_area(void)
{
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	struct import_batch b = { 0 };
	struct import_counts w;
	const char *text =
		"ชื่อ,นามสกุล,วันเกิด,รหัสพื้นที่,บ้านเลขที่\n"
		"สมศรี,ใจดี,2/3/2503,50010101,12/1\n"          /* same person, B.E. date, tambon */
		"มะลิ,รักไทย,14/2/2560,500101,9\n"           /* new house number */
		"ใหม่,ไม่มีเลข,1/1/2530,500102,\n"           /* a new person without an ID */
		"ไม่มี,วันเกิด,,500101,\n";                  /* cannot be matched: error */
	struct err e;
	int64_t id, n0 = people();

	REQUIRE(stage(&cm, text, strlen(text), "name_birth_area", &id, &b, &e) == 0);
	CHECK_INT(b.n.same, 1);
	CHECK_INT(b.n.update, 1);
	CHECK_INT(b.n.new_, 1);
	CHECK_INT(b.n.error, 1);
	import_batch_release(&b);
	REQUIRE(app_import_get(&app, &cm, id, NULL, 0, 10, &b, &rows, &e) == 0);
	CHECK(row_error_on(&rows, 5, "birth_date"));
	import_row_list_release(&rows);
	import_batch_release(&b);

	/* Without the bad row it commits, and again it is all the same. */
	text = "ชื่อ,นามสกุล,วันเกิด,รหัสพื้นที่,บ้านเลขที่\n"
	       "สมศรี,ใจดี,2/3/2503,50010101,12/1\n"
	       "มะลิ,รักไทย,14/2/2560,500101,9\n"
	       "ใหม่,ไม่มีเลข,1/1/2530,500102,\n";
	REQUIRE(stage(&cm, text, strlen(text), "name_birth_area", &id, NULL, &e) == 0);
	REQUIRE(app_import_commit(&app, &cm, id, &w, &e) == 0);
	CHECK_INT(w.new_, 1);
	CHECK_INT(w.update, 1);
	CHECK_INT(people(), n0 + 1);
	REQUIRE(stage(&cm, text, strlen(text), "name_birth_area", &id, &b, &e) == 0);
	CHECK_INT(b.n.same, 3);
	import_batch_release(&b);
	/* The policy by ID needs the ID column. */
	CHECK_INT(stage(&cm, text, strlen(text), "national_id", &id, &b, &e), ERR_INVALID);
	CHECK_STR(e.field, "national_id");
}

static void test_fault_injection(void)
{
	struct import_batch b = { 0 };
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	char text[1024];
	struct err e;
	struct db *db = app_db(&app, &e);
	int64_t id, n0 = people(), needs0 = count("SELECT COUNT(*) FROM person_need");
	int64_t audits0 = count("SELECT COUNT(*) FROM audit_log");
	long n;
	int r = -1;

	snprintf(text, sizeof(text),
		 "national_id,given_name,family_name,birth_date,area,phone,welfare_card,disability_type\n"
		 "%s,ก,หนึ่ง,1/1/2520,500101,,yes,physical\n"
		 "%s,ข,สอง,1/1/2521,500101,,no,\n"
		 "%s,สมชาย,ใจดี,5/1/2498,500101,0811111111,,\n",
		 nid("110170077771"), nid("110170077772"), nid("110170012345"));
	REQUIRE(stage(&cm, text, strlen(text), NULL, &id, &b, &e) == 0);
	CHECK_INT(b.n.new_, 2);
	CHECK_INT(b.n.update, 1);
	import_batch_release(&b);
	audits0 = count("SELECT COUNT(*) FROM audit_log");
	for (n = 1; n < 400; n++) {
		db_fail_after(db, n);
		r = app_import_commit(&app, &cm, id, NULL, &e);
		db_fail_after(db, 0);
		if (!r)
			break;
		CHECK(!db_in_tx(db));
		CHECK_INT(people(), n0);
		CHECK_INT(count("SELECT COUNT(*) FROM person_need"), needs0);
		CHECK_INT(count("SELECT COUNT(*) FROM audit_log"), audits0);
	}
	CHECK_INT(r, 0);
	CHECK(n > 5);
	CHECK_INT(people(), n0 + 2);
	CHECK_INT(count("SELECT COUNT(*) FROM person_need"), needs0 + 2);
	REQUIRE(app_import_get(&app, &cm, id, NULL, 0, 10, &b, &rows, &e) == 0);
	CHECK_STR(b.status, "committed");
	import_row_list_release(&rows);
	import_batch_release(&b);
}

/*
 * Staging and committing at once (sawat import --commit) writes what staging
 * then committing would: the same people, needs, rows and audit entries, and
 * nothing at all when a row has an error or the database fails part-way.
 */
static void test_stage_commit(void)
{
	struct import_batch b = { 0 };
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	struct import_counts w;
	char text[1024];
	struct err e;
	struct db *db = app_db(&app, &e);
	int64_t id, pid, n0 = people(), needs0 = count("SELECT COUNT(*) FROM person_need");
	int64_t audits0, batches0 = count("SELECT COUNT(*) FROM import_batch");
	bool done = true;
	long n;
	int r = -1;

	/* A row with an error: the batch is staged for its report, nothing written. */
	snprintf(text, sizeof(text),
		 "national_id,given_name,family_name,birth_date,area\n"
		 "%s,ค,สาม,1/1/2522,500101\n"
		 "%s,ง,สี่,1/1/2590,500101\n",
		 nid("110170077773"), nid("110170077774"));
	REQUIRE(app_import_stage_commit(&app, &cm, text, strlen(text), "x.csv", NULL, &id, &w, &done,
					&e) == 0);
	CHECK(!done);
	CHECK_INT(w.new_, 0);
	CHECK_INT(people(), n0);
	REQUIRE(app_import_get(&app, &cm, id, NULL, 0, 10, &b, &rows, &e) == 0);
	CHECK_STR(b.status, "staged");
	CHECK_INT(b.n.error, 1);
	CHECK_INT(b.n.new_, 1);
	CHECK(row_error_on(&rows, 3, "birth_date"));
	import_row_list_release(&rows);
	import_batch_release(&b);
	CHECK_INT(count("SELECT COUNT(*) FROM import_batch"), batches0 + 1);

	/* Two new people (one twice by name and birth, as staging alone would
	 * have it), an update; every failure rolls back whole. */
	snprintf(text, sizeof(text),
		 "national_id,given_name,family_name,birth_date,area,phone,welfare_card\n"
		 "%s,ค,สาม,1/1/2522,500101,,yes\n"
		 ",จ,ห้า,1/1/2523,500102,,\n"
		 ",จ,ห้า,1/1/2523,500102,,\n"
		 "%s,สมชาย,ใจดี,5/1/2498,500101,0822222222,\n",
		 nid("110170077773"), nid("110170012345"));
	audits0 = count("SELECT COUNT(*) FROM audit_log");
	for (n = 1; n < 400; n++) {
		db_fail_after(db, n);
		r = app_import_stage_commit(&app, &cm, text, strlen(text), "y.csv", NULL, &id, &w,
					    &done, &e);
		db_fail_after(db, 0);
		if (!r)
			break;
		CHECK(!done);
		CHECK(!db_in_tx(db));
		CHECK_INT(people(), n0);
		CHECK_INT(count("SELECT COUNT(*) FROM person_need"), needs0);
		CHECK_INT(count("SELECT COUNT(*) FROM audit_log"), audits0);
		CHECK_INT(count("SELECT COUNT(*) FROM import_batch"), batches0 + 1);
	}
	CHECK_INT(r, 0);
	CHECK(n > 10);
	CHECK(done);
	CHECK_INT(w.new_, 3);
	CHECK_INT(w.update, 1);
	CHECK_INT(people(), n0 + 3);
	CHECK_INT(count("SELECT COUNT(*) FROM person_need"), needs0 + 1);
	/* Staged, one entry for the new people, the update, committed. */
	CHECK_INT(count("SELECT COUNT(*) FROM audit_log"), audits0 + 4);
	REQUIRE(app_import_get(&app, &cm, id, "new", 0, 10, &b, &rows, &e) == 0);
	CHECK_STR(b.status, "committed");
	CHECK_INT(b.n.new_, 3);
	CHECK_INT(b.n.update, 1);
	REQUIRE(rows.n == 3);
	CHECK(rows.items[0].person_id > 0 && rows.items[1].person_id > rows.items[0].person_id);
	REQUIRE(person_id_by_national_id(db, nid("110170077773"), &pid, &e) == 0);
	CHECK_INT(rows.items[0].person_id, pid);
	import_row_list_release(&rows);
	import_batch_release(&b);
	CHECK_INT(count("SELECT COUNT(*) FROM person WHERE phone = '0822222222'"), 1);
	{
		struct audit_row *h = NULL;
		struct audit_verify v;
		size_t nh = 0;

		REQUIRE(app_person_history(&app, &cm, pid, &h, &nh, &e) == 0);
		REQUIRE(nh == 1);
		CHECK_STR(h[0].action, "create");
		audit_rows_free(h, nh);
		REQUIRE(app_verify_audit(&app, &sys, &v, &e) == 0);
		CHECK_INT(v.broken_seq, 0);
	}
}

/*
 * A load of thousands into an empty register: several chunks, the indexes
 * built after, the name index drawn at the end; all of it searchable, and
 * the schema as it was.
 */
static void test_bulk_load(void)
{
	struct app big;
	struct actor nat;
	struct geo_counts g;
	struct person_list l = PERSON_LIST_INIT;
	struct person_query q;
	struct import_counts w;
	struct buf text = BUF_INIT, key = BUF_INIT;
	char bpath[64], digits[13];
	int64_t id, before, after, n;
	bool done = false;
	struct err e;
	struct db *db;
	int applied, i;

	snprintf(bpath, sizeof(bpath), "/tmp/sawat-t-import-bulk-%d.db", (int)getpid());
	unlink(bpath);
	REQUIRE(app_init(&big, bpath, &e) == 0);
	REQUIRE(app_setup(&big, &applied, &g, &e) == 0);
	db = app_db(&big, &e);
	set_actor(&nat, "nat", ROLE_NATIONAL_ADMIN, "TH");
	REQUIRE(db_query_int64(db, "SELECT COUNT(*) FROM sqlite_schema", &before, &e) == 0);
	buf_puts(&text, "national_id,given_name,family_name,birth_date,area,welfare_card\n");
	for (i = 0; i < 12000; i++) {
		snprintf(digits, sizeof(digits), "3%02u%09u", (unsigned)(10 + i % 80) % 100u,
			 (unsigned)i % 1000000000u);
		buf_printf(&text, "%s,%s,%s%d,1/6/%d,%s,%s\n", nid(digits),
			   i % 3 ? "สมชาย" : "บุญมี", i % 2 ? "ใจดี" : "ศรีสุข", i % 17, 2480 + i % 60,
			   i % 5 ? "500101" : "560101", i % 4 ? "no" : "yes");
	}
	REQUIRE(app_import_stage_commit(&big, &nat, text.ptr, text.len, "big.csv", NULL, &id, &w,
					&done, &e) == 0);
	CHECK(done);
	CHECK_INT(w.new_, 12000);
	REQUIRE(db_query_int64(db, "SELECT COUNT(*) FROM person", &n, &e) == 0);
	CHECK_INT(n, 12000);
	REQUIRE(db_query_int64(db, "SELECT COUNT(*) FROM person_need", &n, &e) == 0);
	CHECK_INT(n, 3000);
	REQUIRE(db_query_int64(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'import'", &n,
			       &e) == 0);
	CHECK_INT(n, 3); /* 5,000 + 5,000 + 2,000 */
	REQUIRE(db_query_int64(db, "SELECT COUNT(*) FROM import_row WHERE person_id IS NULL", &n,
			       &e) == 0);
	CHECK_INT(n, 0);
	REQUIRE(db_query_int64(db, "SELECT COUNT(*) FROM sqlite_schema", &after, &e) == 0);
	CHECK_INT(after, before);
	REQUIRE(db_query_int64(db, "SELECT balanced_people FROM search_state", &n, &e) == 0);
	CHECK_INT(n, 12000);
	/* Searchable, in order, in scope. */
	memset(&q, 0, sizeof(q));
	REQUIRE(thtext_name_key("ใจดี1", strlen("ใจดี1"), &key, &e) == 0);
	q.name_key = key.ptr;
	q.area = "56";
	q.limit = 500;
	REQUIRE(person_search(db, &q, &l, &e) == 0);
	CHECK(l.n > 20);
	for (i = 0; i < (int)l.n; i++) {
		CHECK(starts_with(l.items[i].area, "56"));
		CHECK(strstr(l.items[i].name_key, "ใจดี1") != NULL);
	}
	CHECK_STR(l.items[0].given_name, "บุญมี");
	person_list_release(&l);
	buf_release(&key);
	buf_release(&text);
	app_release(&big);
	unlink(bpath);
}

static void test_export(void)
{
	struct person_export_query q = { 0 };
	struct buf out = BUF_INIT, out2 = BUF_INIT;
	struct import_batch b = { 0 };
	struct err e;
	int64_t n, nv, id;
	int64_t sens0 = count("SELECT COUNT(*) FROM audit_log WHERE action = 'view_sensitive'");

	REQUIRE(app_person_export_list(&app, &cm, &q, EXPORT_CSV, &out, &n, &e) == 0);
	CHECK(n >= 6);
	CHECK(!memcmp(out.ptr, "\xEF\xBB\xBF" "national_id,", 15));
	CHECK(strstr(out.ptr, "disability_type") != NULL);
	CHECK(strstr(out.ptr, "physical") != NULL);
	CHECK_INT(count("SELECT COUNT(*) FROM audit_log WHERE action = 'view_sensitive'"), sens0 + 1);

	/* Round trip: the export staged again is all the same. */
	REQUIRE(stage(&cm, out.ptr, out.len, NULL, &id, &b, &e) == 0);
	CHECK_INT(b.n.total, n);
	CHECK_INT(b.n.same, n);
	import_batch_release(&b);

	/* The same people as .xlsx: a workbook whose first row is the header, read back the same. */
	{
		struct buf x = BUF_INIT;
		int64_t nx;

		REQUIRE(app_person_export_list(&app, &cm, &q, EXPORT_XLSX, &x, &nx, &e) == 0);
		CHECK_INT(nx, n);
		CHECK(x.len > 1000 && !memcmp(x.ptr, "PK", 2));
		CHECK_INT(count("SELECT COUNT(*) FROM audit_log WHERE action = 'view_sensitive'"),
			  sens0 + 2);
		REQUIRE(stage(&cm, x.ptr, x.len, NULL, &id, &b, &e) == 0); /* a ZIP: read as .xlsx */
		CHECK_STR(b.encoding, "xlsx");
		CHECK_INT(b.n.error, 0);
		CHECK_INT(b.n.total, n);
		CHECK_INT(b.n.same, n);
		import_batch_release(&b);
		buf_release(&x);
	}

	/* A volunteer sees their tambon, without the sensitive columns. */
	REQUIRE(app_person_export_list(&app, &vol, NULL, EXPORT_CSV, &out2, &nv, &e) == 0);
	CHECK(nv >= 1 && nv < n);
	CHECK(strstr(out2.ptr, "disability") == NULL);
	CHECK(strstr(out2.ptr, "welfare_card") != NULL);
	buf_reset(&out2);
	q.need = "disability";
	CHECK_INT(app_person_export_list(&app, &vol, &q, EXPORT_CSV, &out2, &nv, &e), ERR_FORBIDDEN);
	q.need = NULL;
	q.area = "56";
	CHECK_INT(app_person_export_list(&app, &cm, &q, EXPORT_CSV, &out2, &nv, &e), ERR_FORBIDDEN);
	buf_release(&out);
	buf_release(&out2);
}

/*
 * Every import of the second pass is a bulk load (app.import_bulk_rows = 2):
 * rows prepared by a second thread, the rollback journal, the name index
 * filled at the end, the person indexes built after the rows, and every
 * injected fault rolling all of it back. The outcomes must be the same.
 */
static void test_bulk_journal(void)
{
	char mode[16] = "";
	struct db_stmt *st = NULL;
	struct err e;

	/* Back in WAL mode after the bulk loads of this pass. */
	REQUIRE(db_prepare(app_db(&app, &e), "PRAGMA journal_mode", &st, &e) == 0);
	if (db_step(st, &e) == DB_ROW)
		snprintf(mode, sizeof(mode), "%s", db_column_text(st, 0));
	db_finalize(st);
	CHECK_STR(mode, "wal");
	CHECK_INT(count("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'person_search_ins'"), 1);
	CHECK_INT(count("SELECT bulk FROM search_state"), 0);
}

/* The demo's two survey lists: one committed, one left staged with its mistyped ID; once. */
static void test_demo(void)
{
	int64_t batches = count("SELECT COUNT(*) FROM import_batch");
	int64_t people = count("SELECT COUNT(*) FROM person");
	struct err e;

	REQUIRE(app_import_demo(&app, "500102", "500102", &e) == 0);
	CHECK_INT(count("SELECT COUNT(*) FROM import_batch"), batches + 2);
	CHECK_INT(count("SELECT COUNT(*) FROM person"), people + 3);
	CHECK_INT(count("SELECT COUNT(*) FROM import_batch WHERE area = '500102' AND status = "
			"'committed' AND rows_new = 3 AND rows_error = 0"),
		  1);
	CHECK_INT(count("SELECT COUNT(*) FROM import_batch WHERE area = '500102' AND status = "
			"'staged' AND rows_error = 1 AND rows_new = 1"),
		  1);
	CHECK_INT(count("SELECT COUNT(*) FROM import_row r JOIN import_batch b ON b.id = r.batch_id"
			" WHERE b.area = '500102' AND r.outcome = 'error' AND r.errors LIKE "
			"'%national_id%'"),
		  1);
	/* The disability observed by the survey is recorded with the person. */
	CHECK_INT(count("SELECT COUNT(*) FROM person_need n JOIN person p ON p.id = n.person_id "
			"WHERE p.given_name = 'ศรีวัย' AND n.kind = 'disability'"),
		  1);
	REQUIRE(app_import_demo(&app, "500102", "500102", &e) == 0);
	CHECK_INT(count("SELECT COUNT(*) FROM import_batch"), batches + 2);
}

static void run_all(size_t bulk_rows)
{
	setup();
	app.import_bulk_rows = bulk_rows;
	app.bulk_journal = bulk_rows != 0;
	RUN(test_header);
	RUN(test_file_errors);
	RUN(test_good_then_same);
	RUN(test_bad_rows);
	RUN(test_tis620);
	RUN(test_xlsx);
	RUN(test_update);
	RUN(test_row_data);
	RUN(test_name_birth_area);
	RUN(test_fault_injection);
	RUN(test_export);
	RUN(test_stage_commit); /* after the export: it leaves two people alike */
	RUN(test_bulk_journal);
	if (!bulk_rows)
		RUN(test_demo);
	app_release(&app);
	unlink(path);
}

int main(void)
{
	run_all(0);
	run_all(2);
	RUN(test_bulk_load);
	return test_summary("import");
}
