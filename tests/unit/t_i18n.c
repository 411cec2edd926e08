/*
 * Unit tests for web/i18n: the .po parser, lookups, the embedded catalogs,
 * the choice of language, and a check that every {{_ …}} msgid in the
 * embedded templates has a Thai translation in web/po/th.po, so no Thai
 * user ever meets an English string from a template.
 */
#include "test.h"
#include "web/i18n.h"
#include "web/tmpl.h"

static struct catalog *parse(const char *text, struct err *e)
{
	struct catalog *cat = NULL;

	err_init(e);
	catalog_parse(&cat, "th", "t.po", text, strlen(text), e);
	return cat;
}

static void test_parse_basic(void)
{
	const char *po =
		"# translator comment\n"
		"msgid \"\"\n"
		"msgstr \"\"\n"
		"\"Language: th\\n\"\n"
		"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
		"\n"
		"#: web/templates/login.html\n"
		"msgid \"Log in\"\n"
		"msgstr \"เข้าสู่ระบบ\"\n"
		"\n"
		"msgid \"\"\n"
		"\"A message \"\n"
		"\"over lines\"\n"
		"msgstr \"\"\n"
		"\"ข้อความ\"\n"
		"\"หลายบรรทัด\"\n"
		"msgid \"Tab\\tquote \\\" back\\\\slash\\nnew line\"\n"
		"msgstr \"แท็บ\\tอัญประกาศ \\\" ทับ\\\\กลับ\\nขึ้นบรรทัด\"\n"
		"   msgid   \"Indented\"   \n"
		"\tmsgstr\t\"เยื้อง\"\n";
	struct err e;
	struct catalog *cat = parse(po, &e);

	if (!cat)
		fprintf(stderr, "  %s\n", e.en);
	REQUIRE(cat);
	CHECK_STR(catalog_lang(cat), "th");
	CHECK_INT(catalog_count(cat), 4);
	CHECK_STR(catalog_tr(cat, "Log in"), "เข้าสู่ระบบ");
	CHECK_STR(catalog_tr(cat, "A message over lines"), "ข้อความหลายบรรทัด");
	CHECK_STR(catalog_tr(cat, "Tab\tquote \" back\\slash\nnew line"),
		  "แท็บ\tอัญประกาศ \" ทับ\\กลับ\nขึ้นบรรทัด");
	CHECK_STR(catalog_tr(cat, "Indented"), "เยื้อง");
	CHECK_STR(catalog_tr(cat, "Unknown"), "Unknown");
	CHECK(catalog_find(cat, NULL, "Unknown") == NULL);
	/* The header is not a message. */
	CHECK_STR(catalog_tr(cat, ""), "");
	catalog_free(cat);
}

static void test_parse_left_out(void)
{
	const char *po =
		"#, fuzzy\n"
		"msgid \"Fuzzy\"\n"
		"msgstr \"เดา\"\n"
		"\n"
		"#, c-format, fuzzy\n"
		"msgid \"Also fuzzy\"\n"
		"msgstr \"เดาอีก\"\n"
		"#, c-format\n"
		"msgid \"Flagged but fine\"\n"
		"msgstr \"ใช้ได้\"\n"
		"msgid \"Untranslated\"\n"
		"msgstr \"\"\n"
		"#~ msgid \"Obsolete\"\n"
		"#~ msgstr \"เลิกใช้\"\n"
		"#| msgid \"Previous\"\n"
		"msgid \"Kept\"\n"
		"msgstr \"เก็บไว้\"";
	struct err e;
	struct catalog *cat = parse(po, &e);

	if (!cat)
		fprintf(stderr, "  %s\n", e.en);
	REQUIRE(cat);
	CHECK_INT(catalog_count(cat), 2);
	CHECK_STR(catalog_tr(cat, "Fuzzy"), "Fuzzy");
	CHECK_STR(catalog_tr(cat, "Also fuzzy"), "Also fuzzy");
	CHECK_STR(catalog_tr(cat, "Flagged but fine"), "ใช้ได้");
	CHECK_STR(catalog_tr(cat, "Untranslated"), "Untranslated");
	CHECK_STR(catalog_tr(cat, "Obsolete"), "Obsolete");
	CHECK_STR(catalog_tr(cat, "Kept"), "เก็บไว้");
	catalog_free(cat);
}

static void test_parse_context_plural(void)
{
	const char *po =
		"msgctxt \"area level\"\n"
		"msgid \"District\"\n"
		"msgstr \"อำเภอ/เขต\"\n"
		"\n"
		"msgid \"District\"\n"
		"msgstr \"เขต\"\n"
		"\n"
		"msgid \"%d village\"\n"
		"msgid_plural \"%d villages\"\n"
		"msgstr[0] \"%d หมู่บ้าน\"\n"
		"msgstr[1] \"ignored\"\r\n"
		"\r\n"
		"msgid \"CRLF\"\r\n"
		"msgstr \"ซีอาร์แอลเอฟ\"\r\n";
	struct err e;
	struct catalog *cat = parse(po, &e);

	if (!cat)
		fprintf(stderr, "  %s\n", e.en);
	REQUIRE(cat);
	CHECK_STR(catalog_tr_ctx(cat, "area level", "District"), "อำเภอ/เขต");
	CHECK_STR(catalog_tr(cat, "District"), "เขต");
	CHECK_STR(catalog_tr_ctx(cat, "other", "District"), "District");
	CHECK_STR(catalog_tr(cat, "%d village"), "%d หมู่บ้าน");
	CHECK_STR(catalog_tr(cat, "CRLF"), "ซีอาร์แอลเอฟ");
	catalog_free(cat);
}

/* Parsing text must fail with ERR_INVALID and exactly this English message. */
static void check_parse_error(const char *text, const char *want)
{
	struct err e;
	struct catalog *cat = parse(text, &e);

	CHECK(cat == NULL);
	CHECK_INT(e.code, ERR_INVALID);
	CHECK_STR(e.en, want);
	CHECK(e.th[0] != '\0');
	catalog_free(cat);
}

static void test_parse_errors(void)
{
	check_parse_error("msgid \"a\"\nmsgstr \"ก\"\n\nmsgid \"a\"\nmsgstr \"ข\"\n",
			  "t.po line 4: duplicate msgid \"a\"");
	check_parse_error("msgid \"a\"\nmsgstr \"\\q\"\n", "t.po line 2: unknown escape '\\q'");
	check_parse_error("msgid \"a\"\nmsgstr \"ก\n", "t.po line 2: string without a closing quote");
	check_parse_error("msgid \"a\" x\nmsgstr \"ก\"\n",
			  "t.po line 1: unexpected text after the closing quote");
	check_parse_error("msgstr \"ก\"\n", "t.po line 1: msgstr must follow msgid");
	check_parse_error("msgid \"a\"\nmsgid \"b\"\n", "t.po line 2: the entry before has no msgstr");
	check_parse_error("\n\nmsgid \"a\"\n", "t.po line 3: an entry without msgstr");
	check_parse_error("msgid \"a\"\nmsgtxt \"ก\"\n", "t.po line 2: unknown keyword 'msgtxt'");
	check_parse_error("\"floating\"\n", "t.po line 1: a string outside any entry");
	check_parse_error("msgid a\nmsgstr \"ก\"\n", "t.po line 1: a quoted string is expected");
	check_parse_error("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=TIS-620\\n\"\n",
			  "t.po line 1: the charset must be UTF-8, not TIS-620");
	check_parse_error("msgid \"a\"\nmsgstr \"\xe0\xb8\"\n", "t.po line 1: invalid UTF-8");
	check_parse_error("msgid \"a\"\nmsgstr \"\xc0\xaf\"\n", "t.po line 1: invalid UTF-8");
	check_parse_error("msgid \"a\"\nmsgstr[0] \"ก\"\n",
			  "t.po line 2: msgstr[N] must follow msgid_plural");
}

static void test_null_and_english(void)
{
	CHECK_STR(catalog_tr(NULL, "Log in"), "Log in");
	CHECK_STR(catalog_lang(NULL), "en");
	CHECK(catalog_find(NULL, NULL, "x") == NULL);
	catalog_free(NULL);
	catalog_set_free(NULL);
}

static void test_embedded(void)
{
	struct catalog_set *set = NULL;
	const struct catalog *th, *en;
	struct err e;

	err_init(&e);
	if (catalog_set_load(&set, &e))
		fprintf(stderr, "  %s\n", e.en);
	REQUIRE(set);
	th = catalog_get(set, "th");
	en = catalog_get(set, "en");
	CHECK_STR(catalog_lang(th), "th");
	CHECK_STR(catalog_lang(en), "en");
	CHECK(catalog_count(th) > 20);
	CHECK_INT(catalog_count(en), 0);
	CHECK_STR(catalog_tr(th, "Log in"), "เข้าสู่ระบบ");
	CHECK_STR(catalog_tr(th, "Username"), "ชื่อผู้ใช้");
	CHECK_STR(catalog_tr(th, "Areas"), "พื้นที่");
	CHECK_STR(catalog_tr(th, "Province"), "จังหวัด");
	CHECK_STR(catalog_tr(th, "District"), "อำเภอ/เขต");
	CHECK_STR(catalog_tr(th, "Subdistrict"), "ตำบล/แขวง");
	CHECK_STR(catalog_tr(th, "Village"), "หมู่บ้าน");
	CHECK_STR(catalog_tr(en, "Log in"), "Log in");
	CHECK(catalog_get(set, NULL) == en);
	CHECK(catalog_get(set, "fr") == th);
	catalog_set_free(set);
}

static void test_pick_lang(void)
{
	CHECK_STR(i18n_pick_lang(NULL, NULL, NULL), "th");
	CHECK_STR(i18n_pick_lang("en", NULL, NULL), "en");
	CHECK_STR(i18n_pick_lang("EN", "th", "th"), "en");
	CHECK_STR(i18n_pick_lang("th", "en", "en"), "th");
	CHECK_STR(i18n_pick_lang("fr", "en", NULL), "en");
	CHECK_STR(i18n_pick_lang("", "", ""), "th");
	CHECK_STR(i18n_pick_lang(NULL, "en-GB", NULL), "en");
	CHECK_STR(i18n_pick_lang(NULL, "english", NULL), "th");
	CHECK_STR(i18n_pick_lang(NULL, "xx", "en-US,en;q=0.9"), "en");
	CHECK_STR(i18n_pick_lang(NULL, NULL, "en-US,en;q=0.9,th;q=0.8"), "en");
	CHECK_STR(i18n_pick_lang(NULL, NULL, "en;q=0.5, th-TH;q=0.9"), "th");
	CHECK_STR(i18n_pick_lang(NULL, NULL, "fr-FR, de;q=0.8"), "th");
	CHECK_STR(i18n_pick_lang(NULL, NULL, "fr, en;q=0.3"), "en");
	CHECK_STR(i18n_pick_lang(NULL, NULL, "en;q=0"), "th");
	CHECK_STR(i18n_pick_lang(NULL, NULL, "*;q=0.5, en;q=0.4"), "th");
	CHECK_STR(i18n_pick_lang(NULL, NULL, "en ; q=1.0"), "en");
	CHECK_STR(i18n_pick_lang(NULL, NULL, "en;q=2"), "th");
	CHECK_STR(i18n_pick_lang(NULL, NULL, "en;q=abc"), "th");
	CHECK_STR(i18n_pick_lang(NULL, NULL, ",,;;,en"), "en");
	CHECK_STR(i18n_pick_lang(NULL, NULL, "th;q=0.500, en;q=0.5"), "th");
}

struct missing {
	const struct catalog *th;
	int n;
};

static void check_msgid(const char *tmpl, int line, const char *msgid, void *arg)
{
	struct missing *m = arg;

	if (catalog_find(m->th, NULL, msgid))
		return;
	fprintf(stderr, "  web/templates/%s.html:%d: no Thai translation in web/po/th.po: \"%s\"\n",
		tmpl, line, msgid);
	m->n++;
}

static void count_msgid(const char *tmpl, int line, const char *msgid, void *arg)
{
	UNUSED(tmpl);
	UNUSED(line);
	UNUSED(msgid);
	(*(int *)arg)++;
}

/* Every {{_ …}} in the embedded templates is translated into Thai. */
static void test_templates_translated(void)
{
	struct catalog_set *cats = NULL;
	struct tmpl_set *tmpls = NULL;
	struct missing m = { 0 };
	struct err e;
	int total = 0;

	err_init(&e);
	if (catalog_set_load(&cats, &e) || tmpl_set_load(&tmpls, &e))
		fprintf(stderr, "  %s\n", e.en);
	REQUIRE(cats && tmpls);
	m.th = catalog_get(cats, "th");
	tmpl_set_each_msgid(tmpls, count_msgid, &total);
	tmpl_set_each_msgid(tmpls, check_msgid, &m);
	CHECK(total > 20);
	CHECK_INT(m.n, 0);
	tmpl_set_free(tmpls);
	catalog_set_free(cats);
}

int main(void)
{
	RUN(test_parse_basic);
	RUN(test_parse_left_out);
	RUN(test_parse_context_plural);
	RUN(test_parse_errors);
	RUN(test_null_and_english);
	RUN(test_embedded);
	RUN(test_pick_lang);
	RUN(test_templates_translated);
	return test_summary("i18n");
}
