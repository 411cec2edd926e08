/*
 * A tiny test harness. A test file defines test functions and a main that
 * runs them:
 *
 *     static void test_checksum(void) { CHECK(thid_valid("1101700123456")); }
 *     int main(void) { RUN(test_checksum); return test_summary("thid"); }
 *
 * CHECK records a failure and goes on; REQUIRE stops the current test.
 * test_summary prints "name: N passed, N failed" and returns the exit code.
 * tests/run-all.sh adds the counts of every binary up.
 */
#ifndef SAWAT_TEST_H
#define SAWAT_TEST_H

#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <inttypes.h>

static int test_passed, test_failed, test_cur_failed;
static const char *test_cur_name;
static jmp_buf test_jmp;

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "  FAIL %s:%d: %s: %s\n", __FILE__, __LINE__, \
				test_cur_name, #cond);                                \
			test_cur_failed = 1;                                          \
		}                                                                     \
	} while (0)

#define REQUIRE(cond)                                                                 \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "  FAIL %s:%d: %s: %s (required)\n", __FILE__, \
				__LINE__, test_cur_name, #cond);                      \
			test_cur_failed = 1;                                          \
			longjmp(test_jmp, 1);                                         \
		}                                                                     \
	} while (0)

#define CHECK_STR(a, b)                                                               \
	do {                                                                          \
		const char *a_ = (a), *b_ = (b);                                      \
		if (!a_ || !b_ || strcmp(a_, b_)) {                                   \
			fprintf(stderr, "  FAIL %s:%d: %s: %s == %s\n    got  \"%s\"\n    want \"%s\"\n", \
				__FILE__, __LINE__, test_cur_name, #a, #b,            \
				a_ ? a_ : "(null)", b_ ? b_ : "(null)");              \
			test_cur_failed = 1;                                          \
		}                                                                     \
	} while (0)

#define CHECK_INT(a, b)                                                               \
	do {                                                                          \
		long long a_ = (long long)(a), b_ = (long long)(b);                   \
		if (a_ != b_) {                                                       \
			fprintf(stderr, "  FAIL %s:%d: %s: %s == %s (got %lld, want %lld)\n", \
				__FILE__, __LINE__, test_cur_name, #a, #b, a_, b_);   \
			test_cur_failed = 1;                                          \
		}                                                                     \
	} while (0)

#define RUN(fn)                                                                       \
	do {                                                                          \
		test_cur_name = #fn;                                                  \
		test_cur_failed = 0;                                                  \
		if (!setjmp(test_jmp))                                                \
			fn();                                                         \
		if (test_cur_failed)                                                  \
			test_failed++;                                                \
		else                                                                  \
			test_passed++;                                                \
	} while (0)

static inline int test_summary(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, test_passed, test_failed);
	return test_failed ? 1 : 0;
}

#endif
