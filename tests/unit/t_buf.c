/* Unit tests for lib/buf, lib/arena and lib/err. */
#include "test.h"
#include "lib/buf.h"
#include "lib/arena.h"
#include "lib/err.h"

static void test_buf_basic(void)
{
	struct buf b;
	char *p;
	size_t n;

	buf_init(&b, 0);
	CHECK(b.ptr != NULL && b.ptr[0] == '\0');
	buf_puts(&b, "สวัสดี");
	buf_printf(&b, " %d", 42);
	CHECK_STR(b.ptr, "สวัสดี 42");
	p = buf_detach(&b, &n);
	CHECK_INT(n, strlen("สวัสดี 42"));
	CHECK_INT(b.len, 0);
	CHECK(b.ptr[0] == '\0');
	free(p);
	buf_release(&b);
}

static void test_buf_cap(void)
{
	struct buf b;

	buf_init(&b, 8);
	CHECK_INT(buf_puts(&b, "12345678"), 0);
	CHECK_INT(buf_puts(&b, "9"), -1);
	CHECK_STR(b.ptr, "12345678");
	CHECK_INT(buf_printf(&b, "%s", "x"), -1);
	CHECK_STR(b.ptr, "12345678");
	buf_release(&b);
}

static void test_buf_printf_grow(void)
{
	struct buf b;
	int i;

	buf_init(&b, 0);
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%04d", i);
	CHECK_INT(b.len, 4000);
	CHECK(!memcmp(b.ptr + 3996, "0999", 4));
	buf_release(&b);
}

static void test_buf_html(void)
{
	struct buf b;
	const char *s = "<a href=\"x\">ก&'</a>";

	buf_init(&b, 0);
	buf_put_html(&b, s, strlen(s));
	CHECK_STR(b.ptr, "&lt;a href=&quot;x&quot;&gt;ก&amp;&#39;&lt;/a&gt;");
	buf_release(&b);
}

static void test_arena(void)
{
	struct arena a;
	char *s;
	int i;

	arena_init(&a);
	for (i = 0; i < 10000; i++) {
		int *p = arena_alloc(&a, sizeof(int) * 3);

		CHECK(((uintptr_t)p & 15) == 0);
		p[2] = i;
	}
	s = arena_alloc(&a, 100000);
	memset(s, 'x', 100000);
	s = arena_printf(&a, "%s-%d", "กข", 7);
	CHECK_STR(s, "กข-7");
	arena_release(&a);
	CHECK(a.head == NULL);
}

static void test_err(void)
{
	struct err e;

	err_init(&e);
	CHECK_INT(err_set(&e, ERR_INVALID, "birth_date", "วันที่ %s ไม่ถูกต้อง", "bad date %s", "x"),
		  ERR_INVALID);
	CHECK_STR(e.th, "วันที่ x ไม่ถูกต้อง");
	CHECK_STR(e.en, "bad date x");
	CHECK_STR(e.field, "birth_date");
	CHECK_INT(err_http_status(ERR_TOO_LARGE), 413);
	CHECK_STR(err_type(ERR_NOT_FOUND), "not-found");
	CHECK_INT(err_set(NULL, ERR_DB, NULL, "a", "b"), ERR_DB);
}

int main(void)
{
	RUN(test_buf_basic);
	RUN(test_buf_cap);
	RUN(test_buf_printf_grow);
	RUN(test_buf_html);
	RUN(test_arena);
	RUN(test_err);
	return test_summary("buf");
}
