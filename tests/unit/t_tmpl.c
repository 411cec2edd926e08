/*
 * Unit tests for web/tmpl: the syntax, escaping, sections, partials,
 * translation, errors with lines, limits, concurrent rendering, and the
 * embedded page templates rendered with realistic Thai data.
 *
 * Set SAWAT_TMPL_DUMP=DIR to also write the rendered pages to DIR (home.html,
 * areas.html, ...) for looking at them in a browser.
 */
#include <pthread.h>
#include "test.h"
#include "web/tmpl.h"
#include "web/i18n.h"
#include "lib/embed.h"

static const char po_text[] =
	"msgid \"\"\n"
	"msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	"\n"
	"msgid \"Log in\"\n"
	"msgstr \"เข้าสู่ระบบ\"\n"
	"\n"
	"msgid \"Tom & Jerry <3\"\n"
	"msgstr \"ทอม & เจอร์รี่ <3\"\n"
	"\n"
	"msgid \"A long sentence over lines\"\n"
	"msgstr \"ประโยคยาว\"\n";

static struct catalog *test_catalog(void)
{
	struct catalog *cat = NULL;
	struct err e;

	err_init(&e);
	if (catalog_parse(&cat, "th", "test.po", po_text, strlen(po_text), &e))
		fprintf(stderr, "  catalog: %s\n", e.en);
	return cat;
}

/* Renders text against the JSON ctx; returns a malloc'd string or NULL on error. */
static char *render_cat(const char *text, const char *ctx_json, const struct catalog *cat,
			struct err *e)
{
	struct tmpl_set *set = tmpl_set_new();
	json_t *ctx = ctx_json ? json_loads(ctx_json, 0, NULL) : NULL;
	struct buf out;
	char *res = NULL;

	buf_init(&out, 0);
	err_init(e);
	if (ctx_json && !ctx) {
		fprintf(stderr, "  bad test JSON: %s\n", ctx_json);
		goto done;
	}
	if (tmpl_set_add(set, "t", text, strlen(text), e))
		goto done;
	if (tmpl_render(set, "t", ctx, cat, &out, e))
		goto done;
	res = buf_detach(&out, NULL);
done:
	buf_release(&out);
	json_decref(ctx);
	tmpl_set_free(set);
	return res;
}

static char *render(const char *text, const char *ctx_json)
{
	struct err e;
	char *s = render_cat(text, ctx_json, NULL, &e);

	if (!s)
		fprintf(stderr, "  render failed: %s\n", e.en);
	return s;
}

#define CHECK_RENDER(text, ctx, want)                 \
	do {                                          \
		char *got_ = render((text), (ctx));   \
		CHECK_STR(got_, (want));              \
		free(got_);                           \
	} while (0)

static void test_escaping(void)
{
	const char *ctx = "{\"x\": \"<script>alert('hi')</script>\", \"q\": \"a \\\"b\\\" & c\"}";

	CHECK_RENDER("{{x}}", ctx, "&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt;");
	CHECK_RENDER("<a title=\"{{q}}\">", ctx, "<a title=\"a &quot;b&quot; &amp; c\">");
	CHECK_RENDER("{{{x}}}", ctx, "<script>alert('hi')</script>");
	CHECK_RENDER("{{& x }}", ctx, "<script>alert('hi')</script>");
	CHECK_RENDER("{{ x }}|{{{ q }}}", ctx,
		     "&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt;|a \"b\" & c");
}

static void test_values(void)
{
	const char *ctx = "{\"s\": \"เชียงใหม่\", \"i\": 1234567890123, \"neg\": -5, \"r\": 2.5,"
			  " \"t\": true, \"f\": false, \"n\": null, \"o\": {\"a\": 1}, \"a\": [1]}";

	CHECK_RENDER("{{s}} {{i}} {{neg}} {{r}} {{t}} {{f}}", ctx,
		     "เชียงใหม่ 1234567890123 -5 2.5 true false");
	CHECK_RENDER("[{{n}}][{{o}}][{{a}}][{{missing}}][{{o.missing.deeper}}]", ctx,
		     "[][][][][]");
	CHECK_RENDER("no tags at all", ctx, "no tags at all");
	CHECK_RENDER("", ctx, "");
	CHECK_RENDER("{{s}}", NULL, "");
	CHECK_RENDER("{ {s} } {s}} {{s}}}", ctx, "{ {s} } {s}} เชียงใหม่}");
}

static void test_dotted(void)
{
	const char *ctx = "{\"user\": {\"name\": \"สมชาย\", \"area\": {\"code\": \"50\"}},"
			  " \"code\": \"TH\"}";

	CHECK_RENDER("{{user.name}} {{user.area.code}} {{user.code}}", ctx, "สมชาย 50 ");
	/* The first part walks outwards; the rest does not. */
	CHECK_RENDER("{{#user.area}}{{code}} {{user.name}}{{/user.area}}", ctx, "50 สมชาย");
}

static void test_sections(void)
{
	const char *ctx =
		"{\"rows\": [{\"name\": \"จอมทอง\"}, {\"name\": \"แม่แจ่ม\"}],"
		" \"words\": [\"ก\", \"ข\", \"ค\"], \"obj\": {\"k\": \"v\"},"
		" \"yes\": true, \"no\": false, \"zero\": 0, \"one\": 1, \"empty\": \"\","
		" \"str\": \"x\", \"none\": [], \"nul\": null, \"k\": \"outer\"}";

	CHECK_RENDER("{{#rows}}<li>{{name}}</li>{{/rows}}", ctx,
		     "<li>จอมทอง</li><li>แม่แจ่ม</li>");
	CHECK_RENDER("{{#words}}{{.}},{{/words}}", ctx, "ก,ข,ค,");
	CHECK_RENDER("{{#obj}}{{k}}{{/obj}}|{{k}}", ctx, "v|outer");
	CHECK_RENDER("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}", ctx, "Y");
	CHECK_RENDER("{{#zero}}Z{{/zero}}{{#one}}1{{/one}}", ctx, "1");
	CHECK_RENDER("{{#empty}}E{{/empty}}{{#str}}{{.}}{{/str}}", ctx, "x");
	CHECK_RENDER("{{#none}}A{{/none}}{{#nul}}B{{/nul}}{{#missing}}C{{/missing}}", ctx, "");
}

static void test_inverted(void)
{
	const char *ctx = "{\"none\": [], \"rows\": [1], \"no\": false, \"zero\": 0,"
			  " \"empty\": \"\", \"obj\": {}}";

	CHECK_RENDER("{{^none}}no rows{{/none}}{{^rows}}X{{/rows}}", ctx, "no rows");
	CHECK_RENDER("{{^no}}a{{/no}}{{^zero}}b{{/zero}}{{^empty}}c{{/empty}}"
		     "{{^missing}}d{{/missing}}{{^obj}}e{{/obj}}",
		     ctx, "abcd");
}

static void test_nested(void)
{
	const char *ctx =
		"{\"area\": \"เชียงใหม่\", \"districts\": ["
		"{\"name\": \"เมือง\", \"tambons\": [{\"name\": \"ศรีภูมิ\"}, {\"name\": \"พระสิงห์\"}]},"
		"{\"name\": \"จอมทอง\", \"tambons\": []}]}";

	CHECK_RENDER("{{#districts}}[{{name}}:{{#tambons}}{{name}}/{{area}},{{/tambons}}"
		     "{{^tambons}}-{{/tambons}}]{{/districts}}",
		     ctx, "[เมือง:ศรีภูมิ/เชียงใหม่,พระสิงห์/เชียงใหม่,][จอมทอง:-]");
	CHECK_RENDER("{{#districts}}{{#tambons}}{{#name}}{{.}};{{/name}}{{/tambons}}{{/districts}}",
		     ctx, "ศรีภูมิ;พระสิงห์;");
}

static void test_standalone(void)
{
	const char *ctx = "{\"rows\": [\"a\", \"b\"]}";

	CHECK_RENDER("<ul>\n  {{#rows}}\n  <li>{{.}}</li>\n  {{/rows}}\n</ul>\n", ctx,
		     "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
	CHECK_RENDER("a\n{{! a comment\n over lines }}\nb", ctx, "a\nb");
	CHECK_RENDER("x {{#rows}}{{.}}{{/rows}} y\n", ctx, "x ab y\n");
	CHECK_RENDER("{{#rows}}\r\n{{.}}\r\n{{/rows}}\r\n", ctx, "a\r\nb\r\n");
}

static void test_comments(void)
{
	CHECK_RENDER("a{{! ignore {{x}} }}b", "{\"x\": 1}", "a }}b");
	CHECK_RENDER("a{{!ignore}}b", NULL, "ab");
}

static void test_partials(void)
{
	struct tmpl_set *set = tmpl_set_new();
	const char *row = "<tr><td>{{code}}</td><td>{{name}}</td></tr>";
	const char *page = "<table>{{#rows}}{{> row}}{{/rows}}</table>{{>nope}}";
	json_t *ctx = json_loads("{\"rows\": [{\"code\": \"5001\", \"name\": \"เมือง<>\"},"
				 " {\"code\": \"5002\", \"name\": \"จอมทอง\"}]}",
				 0, NULL);
	struct buf out;
	struct err e;

	buf_init(&out, 0);
	err_init(&e);
	REQUIRE(ctx);
	CHECK_INT(tmpl_set_add(set, "row", row, strlen(row), &e), 0);
	CHECK_INT(tmpl_set_add(set, "page", page, strlen(page), &e), 0);
	CHECK_INT(tmpl_set_add(set, "page", page, strlen(page), &e), ERR_CONFLICT);
	CHECK(tmpl_set_has(set, "row"));
	CHECK(!tmpl_set_has(set, "nope"));
	/* A missing partial renders empty, but the check names it. */
	CHECK_INT(tmpl_render(set, "page", ctx, NULL, &out, &e), 0);
	CHECK_STR(out.ptr, "<table><tr><td>5001</td><td>เมือง&lt;&gt;</td></tr>"
			   "<tr><td>5002</td><td>จอมทอง</td></tr></table>");
	CHECK_INT(tmpl_set_check(set, &e), ERR_INVALID);
	CHECK_STR(e.en, "template 'page' line 1: there is no template 'nope'");
	CHECK_INT(tmpl_render(set, "absent", ctx, NULL, &out, &e), ERR_NOT_FOUND);
	json_decref(ctx);
	buf_release(&out);
	tmpl_set_free(set);
}

/* Compiling text must fail with ERR_INVALID and exactly this English message. */
static void check_syntax_error(const char *text, const char *want)
{
	struct tmpl_set *set = tmpl_set_new();
	struct err e;

	err_init(&e);
	CHECK_INT(tmpl_set_add(set, "bad", text, strlen(text), &e), ERR_INVALID);
	CHECK_STR(e.en, want);
	CHECK(e.th[0] != '\0');
	CHECK(!tmpl_set_has(set, "bad"));
	tmpl_set_free(set);
}

static void test_errors(void)
{
	char deep[TMPL_MAX_DEPTH * 8 + 64];
	struct buf b;
	int i;

	check_syntax_error("<p>\n{{#rows}}\n<li>{{x}}\n</p>\n",
			   "template 'bad' line 2: section 'rows' is not closed");
	check_syntax_error("a\n{{#a}}\n{{#b}}\n{{/a}}\n",
			   "template 'bad' line 4: {{/a}} does not close section 'b' opened on line 3");
	check_syntax_error("\n\n{{/a}}", "template 'bad' line 3: {{/a}} closes no open section");
	check_syntax_error("x\ny {{name", "template 'bad' line 2: tag not closed with }}");
	check_syntax_error("{{{raw}}", "template 'bad' line 1: tag not closed with }}}");
	check_syntax_error("{{a b}}", "template 'bad' line 1: bad name 'a b'");
	check_syntax_error("{{}}", "template 'bad' line 1: bad name ''");
	check_syntax_error("{{a..b}}", "template 'bad' line 1: bad name 'a..b'");
	check_syntax_error("{{#.a}}{{/.a}}", "template 'bad' line 1: bad name '.a'");
	check_syntax_error("{{=<% %>=}}", "template 'bad' line 1: changing delimiters is not supported");
	check_syntax_error("{{_   }}", "template 'bad' line 1: empty translation");
	check_syntax_error("{{> }}", "template 'bad' line 1: bad partial name ''");
	buf_init(&b, 0);
	for (i = 0; i <= TMPL_MAX_DEPTH; i++)
		buf_printf(&b, "{{#a%d}}", i);
	snprintf(deep, sizeof(deep), "template 'bad' line 1: sections nest deeper than %d",
		 TMPL_MAX_DEPTH);
	check_syntax_error(b.ptr, deep);
	buf_release(&b);
}

static void test_limits(void)
{
	struct tmpl_set *set = tmpl_set_new();
	const char *self = "x{{>self}}";
	const char *loop = "{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}";
	json_t *ctx = json_loads("{\"a\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}", 0, NULL);
	struct buf out;
	struct err e;

	err_init(&e);
	CHECK_INT(tmpl_set_add(set, "self", self, strlen(self), &e), 0);
	CHECK_INT(tmpl_set_add(set, "loop", loop, strlen(loop), &e), 0);
	CHECK_INT(tmpl_set_add(set, "big", "{{#a}}0123456789{{/a}}", 22, &e), 0);
	/* A partial that includes itself stops at the depth bound, output undone. */
	buf_init(&out, 0);
	buf_puts(&out, "kept");
	CHECK_INT(tmpl_render(set, "self", NULL, NULL, &out, &e), ERR_INTERNAL);
	CHECK_STR(out.ptr, "kept");
	/* The step budget bounds work that writes nothing. */
	tmpl_set_limit(set, 10000);
	CHECK_INT(tmpl_render(set, "loop", ctx, NULL, &out, &e), ERR_TOO_LARGE);
	CHECK_STR(e.en, "rendering the page took too many steps");
	tmpl_set_limit(set, 0);
	CHECK_INT(tmpl_render(set, "loop", ctx, NULL, &out, &e), 0);
	buf_release(&out);
	/* The buffer's cap bounds output. */
	buf_init(&out, 50);
	buf_puts(&out, "kept");
	CHECK_INT(tmpl_render(set, "big", ctx, NULL, &out, &e), ERR_TOO_LARGE);
	CHECK_STR(out.ptr, "kept");
	CHECK_STR(e.en, "the rendered page is too large");
	buf_release(&out);
	json_decref(ctx);
	tmpl_set_free(set);
}

static void test_translation(void)
{
	struct catalog *cat = test_catalog();
	const char *text = "<button>{{_ Log in}}</button> {{_ Tom & Jerry <3}} {{_ Not translated}}"
			   " {{_  A long\n   sentence   over\tlines }}";
	struct err e;
	char *s;

	REQUIRE(cat);
	s = render_cat(text, NULL, cat, &e);
	CHECK_STR(s, "<button>เข้าสู่ระบบ</button> ทอม &amp; เจอร์รี่ &lt;3 Not translated"
		     " ประโยคยาว");
	free(s);
	s = render_cat(text, NULL, NULL, &e);
	CHECK_STR(s, "<button>Log in</button> Tom &amp; Jerry &lt;3 Not translated"
		     " A long sentence over lines");
	free(s);
	/* A name that starts with an underscore is a name, not a translation. */
	s = render_cat("{{_x}}", "{\"_x\": \"v\"}", cat, &e);
	CHECK_STR(s, "v");
	free(s);
	catalog_free(cat);
}

static void collect_msgid(const char *tmpl, int line, const char *msgid, void *arg)
{
	struct buf *b = arg;

	buf_printf(b, "%s:%d:%s\n", tmpl, line, msgid);
}

static void test_each_msgid(void)
{
	struct tmpl_set *set = tmpl_set_new();
	const char *b_text = "x\n{{_ Save }}\n{{_ Two\n words}}";
	struct buf b;
	struct err e;

	buf_init(&b, 0);
	err_init(&e);
	CHECK_INT(tmpl_set_add(set, "b", b_text, strlen(b_text), &e), 0);
	CHECK_INT(tmpl_set_add(set, "a", "{{_ Log in}}", 12, &e), 0);
	tmpl_set_each_msgid(set, collect_msgid, &b);
	CHECK_STR(b.ptr, "a:1:Log in\nb:2:Save\nb:3:Two words\n");
	buf_release(&b);
	tmpl_set_free(set);
}

static void test_render_page(void)
{
	struct tmpl_set *set = tmpl_set_new();
	struct catalog *cat = test_catalog();
	const char *layout = "<html lang=\"{{lang}}\">{{#lang_th}}TH{{/lang_th}}"
			     "{{#lang_en}}EN{{/lang_en}}<main>{{{content}}}</main>{{title}}</html>";
	const char *page = "<h1>{{title}}</h1>{{_ Log in}}";
	json_t *ctx = json_pack("{s:s}", "title", "<หน้าแรก>");
	struct buf out;
	struct err e;

	REQUIRE(cat && ctx);
	buf_init(&out, 0);
	err_init(&e);
	CHECK_INT(tmpl_set_add(set, "layout", layout, strlen(layout), &e), 0);
	CHECK_INT(tmpl_set_add(set, "page", page, strlen(page), &e), 0);
	CHECK_INT(tmpl_render_page(set, "page", ctx, cat, &out, &e), 0);
	CHECK_STR(out.ptr, "<html lang=\"th\">TH<main><h1>&lt;หน้าแรก&gt;</h1>เข้าสู่ระบบ</main>"
			   "&lt;หน้าแรก&gt;</html>");
	CHECK_INT(json_object_size(ctx), 1);
	buf_reset(&out);
	CHECK_INT(tmpl_render_page(set, "page", ctx, NULL, &out, &e), 0);
	CHECK_STR(out.ptr, "<html lang=\"en\">EN<main><h1>&lt;หน้าแรก&gt;</h1>Log in</main>"
			   "&lt;หน้าแรก&gt;</html>");
	CHECK_INT(tmpl_render_page(set, "missing", ctx, NULL, &out, &e), ERR_NOT_FOUND);
	json_decref(ctx);
	buf_release(&out);
	catalog_free(cat);
	tmpl_set_free(set);
}

/* ---- many threads rendering from one set ---- */

struct job {
	const struct tmpl_set *set;
	json_t *ctx;
	const char *want;
	int failures;
};

static void *render_many(void *arg)
{
	struct job *j = arg;
	struct buf out;
	int i;

	buf_init(&out, 0);
	for (i = 0; i < 500; i++) {
		buf_reset(&out);
		if (tmpl_render(j->set, "page", j->ctx, NULL, &out, NULL) || strcmp(out.ptr, j->want))
			j->failures++;
	}
	buf_release(&out);
	return NULL;
}

static void test_threads(void)
{
	struct tmpl_set *set = tmpl_set_new();
	const char *page = "{{#rows}}<{{code}}:{{> name}}>{{/rows}}";
	json_t *ctx = json_loads("{\"rows\": [{\"code\": 1, \"n\": \"ก\"}, {\"code\": 2, \"n\": \"ข\"}]}",
				 0, NULL);
	pthread_t th[4];
	struct job jobs[4];
	int i;

	REQUIRE(ctx);
	CHECK_INT(tmpl_set_add(set, "page", page, strlen(page), NULL), 0);
	CHECK_INT(tmpl_set_add(set, "name", "{{n}}", 5, NULL), 0);
	for (i = 0; i < 4; i++) {
		jobs[i] = (struct job){ set, ctx, "<1:ก><2:ข>", 0 };
		pthread_create(&th[i], NULL, render_many, &jobs[i]);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(jobs[i].failures, 0);
	}
	json_decref(ctx);
	tmpl_set_free(set);
}

/* ---- the embedded page templates ---- */

static const char layout_ctx[] =
	"\"title\": \"จังหวัดเชียงใหม่\","
	"\"csrf\": \"c5rf-t0ken\","
	"\"user\": {\"name\": \"สมศรี ใจดี\", \"role\": \"เจ้าหน้าที่ พมจ.\","
	"  \"area_name\": \"จังหวัดเชียงใหม่\"},";

static const char home_ctx[] =
	"\"nav_home\": true,"
	"\"area\": {\"code\": \"50\", \"name\": \"เชียงใหม่\", \"level\": \"จังหวัด\","
	"  \"href\": \"/areas/50\", \"parent_name\": \"ภาคเหนือ\"},"
	"\"children_label\": \"อำเภอ/เขต\","
	"\"child_count\": \"25\", \"user_count\": \"148\","
	"\"children\": ["
	"  {\"code\": \"5001\", \"name\": \"เมืองเชียงใหม่\", \"href\": \"/areas/5001\"},"
	"  {\"code\": \"5002\", \"name\": \"จอมทอง\", \"href\": \"/areas/5002\"},"
	"  {\"code\": \"5003\", \"name\": \"แม่แจ่ม\", \"href\": \"/areas/5003\"},"
	"  {\"code\": \"5004\", \"name\": \"เชียงดาว\", \"href\": \"/areas/5004\"},"
	"  {\"code\": \"5005\", \"name\": \"ดอยสะเก็ด\", \"href\": \"/areas/5005\"},"
	"  {\"code\": \"5006\", \"name\": \"แม่แตง\", \"href\": \"/areas/5006\"}],"
	"\"more_children\": true";

static const char areas_ctx[] =
	"\"nav_areas\": true,"
	"\"breadcrumbs\": ["
	"  {\"name\": \"ประเทศไทย\", \"href\": \"/areas\"},"
	"  {\"name\": \"ภาคเหนือ\", \"href\": \"/areas/N\"},"
	"  {\"name\": \"เชียงใหม่\", \"current\": true}],"
	"\"area\": {\"code\": \"50\", \"name\": \"เชียงใหม่\", \"name_th\": \"เชียงใหม่\","
	"  \"name_en\": \"Chiang Mai\", \"level\": \"จังหวัด\"},"
	"\"children_label\": \"อำเภอ/เขต\","
	"\"children\": ["
	"  {\"code\": \"5001\", \"name_th\": \"เมืองเชียงใหม่\", \"name_en\": \"Mueang Chiang Mai\","
	"   \"child_count\": 16, \"href\": \"/areas/5001\"},"
	"  {\"code\": \"5002\", \"name_th\": \"จอมทอง\", \"name_en\": \"Chom Thong\","
	"   \"child_count\": 6, \"href\": \"/areas/5002\"},"
	"  {\"code\": \"5003\", \"name_th\": \"แม่แจ่ม\", \"name_en\": \"Mae Chaem\","
	"   \"child_count\": 7, \"href\": \"/areas/5003\"},"
	"  {\"code\": \"5004\", \"name_th\": \"เชียงดาว\", \"name_en\": \"Chiang Dao\","
	"   \"child_count\": 7, \"href\": \"/areas/5004\"},"
	"  {\"code\": \"5005\", \"name_th\": \"ดอยสะเก็ด\", \"name_en\": \"Doi Saket\","
	"   \"child_count\": 14, \"href\": \"/areas/5005\"},"
	"  {\"code\": \"5006\", \"name_th\": \"แม่แตง\", \"name_en\": \"Mae Taeng\","
	"   \"child_count\": 13, \"href\": \"/areas/5006\"},"
	"  {\"code\": \"5007\", \"name_th\": \"แม่ริม\", \"name_en\": \"Mae Rim\","
	"   \"child_count\": 11, \"href\": \"/areas/5007\"},"
	"  {\"code\": \"5008\", \"name_th\": \"สะเมิง\", \"name_en\": \"Samoeng\","
	"   \"child_count\": 5, \"href\": \"/areas/5008\"}]";

static const char tambon_ctx[] =
	"\"nav_areas\": true,"
	"\"breadcrumbs\": ["
	"  {\"name\": \"ประเทศไทย\", \"href\": \"/areas\"},"
	"  {\"name\": \"ภาคเหนือ\", \"href\": \"/areas/N\"},"
	"  {\"name\": \"เชียงใหม่\", \"href\": \"/areas/50\"},"
	"  {\"name\": \"จอมทอง\", \"href\": \"/areas/5002\"},"
	"  {\"name\": \"บ้านหลวง\", \"current\": true}],"
	"\"area\": {\"code\": \"500203\", \"name\": \"บ้านหลวง\", \"name_th\": \"บ้านหลวง\","
	"  \"name_en\": \"Ban Luang\", \"level\": \"ตำบล/แขวง\"},"
	"\"is_tambon\": true, \"can_add_village\": true,"
	"\"villages\": ["
	"  {\"code\": \"50020301\", \"moo\": 1, \"name_th\": \"บ้านหลวง\", \"name_en\": \"Ban Luang\"},"
	"  {\"code\": \"50020302\", \"moo\": 2, \"name_th\": \"บ้านแม่กลาง\", \"name_en\": \"Ban Mae Klang\"},"
	"  {\"code\": \"50020303\", \"moo\": 3, \"name_th\": \"บ้านผาแต้\", \"name_en\": \"Ban Pha Tae\"}],"
	"\"village_error\": \"ชื่อหมู่บ้านต้องไม่ว่าง\","
	"\"village_form\": {\"moo\": \"4\", \"name_en\": \"Ban Sop Had\"}";

static const char login_ctx[] =
	"\"title\": \"เข้าสู่ระบบ\", \"csrf\": \"c5rf-t0ken\","
	"\"error\": \"ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง\", \"username\": \"somsri\", \"next\": \"/areas/50\"";

static const char error_ctx[] =
	"\"title\": \"ไม่พบหน้านี้\", \"status\": 404,"
	"\"message\": \"ไม่พบพื้นที่รหัส 5099\", \"csrf\": \"c5rf-t0ken\","
	"\"user\": {\"name\": \"สมศรี ใจดี\", \"role\": \"เจ้าหน้าที่ พมจ.\", \"area_name\": \"จังหวัดเชียงใหม่\"}";

/* Renders page in the layout with the JSON object members in body; NULL on error. */
static char *render_embedded(const struct tmpl_set *set, const struct catalog *cat,
			     const char *page, const char *with_layout, const char *body)
{
	struct buf json, out;
	json_t *ctx;
	json_error_t je;
	struct err e;
	char *res = NULL;

	buf_init(&json, 0);
	buf_init(&out, 0);
	buf_printf(&json, "{%s%s}", with_layout ? with_layout : "", body);
	ctx = json_loads(json.ptr, 0, &je);
	if (!ctx) {
		fprintf(stderr, "  bad JSON for %s: %s\n", page, je.text);
		goto done;
	}
	if (tmpl_render_page(set, page, ctx, cat, &out, &e)) {
		fprintf(stderr, "  %s: %s\n", page, e.en);
		goto done;
	}
	res = buf_detach(&out, NULL);
done:
	json_decref(ctx);
	buf_release(&json);
	buf_release(&out);
	return res;
}

static void dump(const char *name, const char *html)
{
	const char *dir = getenv("SAWAT_TMPL_DUMP");
	char path[512];
	FILE *f;

	if (!dir || !html)
		return;
	snprintf(path, sizeof(path), "%s/%s.html", dir, name);
	f = fopen(path, "w");
	if (!f)
		return;
	fputs(html, f);
	fclose(f);
}

static void test_embedded_pages(void)
{
	struct tmpl_set *set = NULL;
	struct catalog_set *cats = NULL;
	const struct catalog *th, *en;
	struct err e;
	char *s;

	err_init(&e);
	if (tmpl_set_load(&set, &e) || catalog_set_load(&cats, &e))
		fprintf(stderr, "  load: %s\n", e.en);
	REQUIRE(set && cats);
	th = catalog_get(cats, "th");
	en = catalog_get(cats, "en");
	CHECK(tmpl_set_has(set, "layout") && tmpl_set_has(set, "login") &&
	      tmpl_set_has(set, "home") && tmpl_set_has(set, "areas") && tmpl_set_has(set, "error"));

	s = render_embedded(set, th, "home", layout_ctx, home_ctx);
	REQUIRE(s);
	CHECK(strstr(s, "<html lang=\"th\"") != NULL);
	CHECK(strstr(s, "href=\"/static/sawat.css\"") != NULL);
	CHECK(strstr(s, "สวัสดิการ · Sawat") != NULL);
	CHECK(strstr(s, "สมศรี ใจดี") != NULL);
	CHECK(strstr(s, "name=\"csrf\" value=\"c5rf-t0ken\"") != NULL);
	CHECK(strstr(s, "action=\"/logout\"") != NULL);
	CHECK(strstr(s, "href=\"?lang=en\"") != NULL);
	CHECK(strstr(s, "ออกจากระบบ") != NULL);
	CHECK(strstr(s, "เมืองเชียงใหม่") != NULL);
	CHECK(strstr(s, "href=\"/areas/5001\"") != NULL);
	CHECK(strstr(s, "Log out") == NULL);
	dump("home", s);
	free(s);

	s = render_embedded(set, en, "home", layout_ctx, home_ctx);
	REQUIRE(s);
	CHECK(strstr(s, "<html lang=\"en\"") != NULL);
	CHECK(strstr(s, "Log out") != NULL);
	CHECK(strstr(s, "href=\"?lang=th\"") != NULL);
	dump("home-en", s);
	free(s);

	s = render_embedded(set, th, "areas", layout_ctx, areas_ctx);
	REQUIRE(s);
	CHECK(strstr(s, "Mueang Chiang Mai") != NULL);
	CHECK(strstr(s, "aria-current=\"page\"") != NULL);
	CHECK(strstr(s, "/areas/5008") != NULL);
	CHECK(strstr(s, "name=\"moo\"") == NULL);
	dump("areas", s);
	free(s);

	s = render_embedded(set, th, "areas", layout_ctx, tambon_ctx);
	REQUIRE(s);
	CHECK(strstr(s, "บ้านผาแต้") != NULL);
	CHECK(strstr(s, "name=\"moo\"") != NULL);
	CHECK(strstr(s, "action=\"/areas/500203/villages\"") != NULL);
	CHECK(strstr(s, "role=\"alert\"") != NULL);
	CHECK(strstr(s, "Ban Sop Had") != NULL);
	dump("tambon", s);
	free(s);

	s = render_embedded(set, th, "login", NULL, login_ctx);
	REQUIRE(s);
	CHECK(strstr(s, "role=\"alert\"") != NULL);
	CHECK(strstr(s, "type=\"password\"") != NULL);
	CHECK(strstr(s, "value=\"somsri\"") != NULL);
	CHECK(strstr(s, "action=\"/logout\"") == NULL);
	dump("login", s);
	free(s);

	s = render_embedded(set, en, "login", NULL, "\"csrf\": \"x\"");
	REQUIRE(s);
	CHECK(strstr(s, "role=\"alert\"") == NULL);
	dump("login-en", s);
	free(s);

	s = render_embedded(set, th, "error", NULL, error_ctx);
	REQUIRE(s);
	CHECK(strstr(s, "404") != NULL);
	CHECK(strstr(s, "ไม่พบพื้นที่รหัส 5099") != NULL);
	dump("error", s);
	free(s);

	catalog_set_free(cats);
	tmpl_set_free(set);
}

int main(void)
{
	RUN(test_escaping);
	RUN(test_values);
	RUN(test_dotted);
	RUN(test_sections);
	RUN(test_inverted);
	RUN(test_nested);
	RUN(test_standalone);
	RUN(test_comments);
	RUN(test_partials);
	RUN(test_errors);
	RUN(test_limits);
	RUN(test_translation);
	RUN(test_each_msgid);
	RUN(test_render_page);
	RUN(test_threads);
	RUN(test_embedded_pages);
	return test_summary("tmpl");
}
