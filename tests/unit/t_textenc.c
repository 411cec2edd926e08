/*
 * Unit tests for lib/textenc. The expected legacy bytes come from glibc's
 * iconv ("TIS-620", "CP874"), so our own table is checked against an
 * independent one, byte by byte, in both directions.
 */
#include <errno.h>
#include <iconv.h>
#include "test.h"
#include "lib/textenc.h"

/* Converts in[0..n) with iconv; returns 0 and fills out, or -1. */
static int via_iconv(const char *to, const char *from, const char *in, size_t n, struct buf *out)
{
	iconv_t cd = iconv_open(to, from);
	char tmp[4096], *ip = (char *)in, *op;
	size_t il = n, ol, r;

	if (cd == (iconv_t)-1)
		return -1;
	buf_reset(out);
	for (;;) {
		op = tmp;
		ol = sizeof(tmp);
		r = iconv(cd, &ip, &il, &op, &ol);
		buf_add(out, tmp, (size_t)(op - tmp));
		if (r != (size_t)-1)
			break;
		if (errno != E2BIG) {
			iconv_close(cd);
			return -1;
		}
	}
	iconv_close(cd);
	return 0;
}

/* Every byte, one at a time: ours and iconv's agree, and the way back too. */
static void check_every_byte(enum textenc enc, const char *iconv_name, int *assigned)
{
	struct buf ours = BUF_INIT, theirs = BUF_INIT, back = BUF_INIT;
	struct err e;
	int b;

	*assigned = 0;
	for (b = 0; b < 256; b++) {
		char c = (char)b;
		int r, ri;

		if (b == 0)
			continue; /* iconv and we agree on NUL, but strings below end there */
		buf_reset(&ours);
		buf_reset(&back);
		err_init(&e);
		r = textenc_to_utf8(enc, &c, 1, 0, &ours, &e);
		ri = via_iconv("UTF-8", iconv_name, &c, 1, &theirs);
		CHECK_INT(r == 0, ri == 0);
		if (r == 0 && ri == 0) {
			if (b >= 0x80)
				(*assigned)++;
			CHECK(ours.len == theirs.len && !memcmp(ours.ptr, theirs.ptr, ours.len));
			CHECK_INT(textenc_from_utf8(enc, ours.ptr, ours.len, 0, &back, NULL), 0);
			CHECK_INT(back.len, 1);
			CHECK_INT((unsigned char)back.ptr[0], b);
		} else if (r) {
			CHECK_INT(e.code, ERR_INVALID);
			CHECK_INT(ours.len, 0);
			CHECK(strstr(e.en, "at offset 0 (line 1)") != NULL);
		}
	}
	buf_release(&ours);
	buf_release(&theirs);
	buf_release(&back);
}

static void test_every_byte(void)
{
	int n_tis, n_cp;

	check_every_byte(TEXTENC_TIS620, "TIS-620", &n_tis);
	check_every_byte(TEXTENC_CP874, "CP874", &n_cp);
	/* 0xA1..0xDA and 0xDF..0xFB; CP874 adds ten more. */
	CHECK_INT(n_tis, (0xDA - 0xA1 + 1) + (0xFB - 0xDF + 1));
	CHECK_INT(n_cp, n_tis + 10);
}

/* The offset rule, spelled out, for the whole Thai block. */
static void test_offset_rule(void)
{
	struct buf u = BUF_INIT, all = BUF_INIT;
	char legacy[256];
	size_t n = 0;
	int b;

	for (b = 0xA1; b <= 0xFB; b++) {
		if (b >= 0xDB && b <= 0xDE)
			continue;
		legacy[n++] = (char)b;
		buf_reset(&u);
		REQUIRE(textenc_to_utf8(TEXTENC_TIS620, &legacy[n - 1], 1, 0, &u, NULL) == 0);
		CHECK_INT(u.len, 3);
		CHECK_INT(((unsigned char)u.ptr[0] & 0x0F) << 12 | ((unsigned char)u.ptr[1] & 0x3F) << 6 |
				  ((unsigned char)u.ptr[2] & 0x3F),
			  0x0E00 + (b - 0xA0));
	}
	/* All of it at once, back and forth. */
	REQUIRE(textenc_to_utf8(TEXTENC_TIS620, legacy, n, 0, &all, NULL) == 0);
	CHECK_INT(all.len, 3 * n);
	buf_reset(&u);
	REQUIRE(textenc_from_utf8(TEXTENC_TIS620, all.ptr, all.len, 0, &u, NULL) == 0);
	CHECK(u.len == n && !memcmp(u.ptr, legacy, n));
	buf_release(&u);
	buf_release(&all);
}

static const char *const sentences[] = {
	"กองทุนสวัสดิการชุมชนตำบลบ้านใหม่ จ่ายเงินช่วยเหลือสมาชิกที่เจ็บป่วย ๕๐๐ บาท\n",
	"ผู้สูงอายุได้รับเบี้ยยังชีพรายเดือน เดือนละ 600 บาท ตามระเบียบกระทรวงมหาดไทย\n",
	"ชื่อ,นามสกุล,วันเกิด,ที่อยู่\r\n"
	"สมชาย,แก้วประเสริฐ,22/11/2510,\"12/3 หมู่ 4 ต.แม่เหียะ อ.เมืองเชียงใหม่\"\r\n"
	"นางสาวสมศรี,ใจดี,1/1/2520,\"99 ถนนพหลโยธิน กรุงเทพฯ\"\r\n",
	"คนพิการที่ถือบัตรประจำตัวคนพิการ ได้รับเบี้ยความพิการเดือนละ ๘๐๐ บาท ฯลฯ",
	"น้ำท่วมบ้านเรือนเสียหาย ๆ หลายหลังคาเรือน",
};

static void test_detect_sentences(void)
{
	struct buf tis = BUF_INIT, back = BUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sentences); i++) {
		const char *s = sentences[i];

		CHECK_INT(textenc_detect(s, strlen(s)), TEXTENC_UTF8);
		REQUIRE(via_iconv("TIS-620", "UTF-8", s, strlen(s), &tis) == 0);
		CHECK_INT(textenc_detect(tis.ptr, tis.len), TEXTENC_TIS620);
		CHECK_INT(textenc_detect_prefix(tis.ptr, tis.len), TEXTENC_TIS620);
		buf_reset(&back);
		REQUIRE(textenc_to_utf8(TEXTENC_TIS620, tis.ptr, tis.len, 0, &back, NULL) == 0);
		CHECK_STR(back.ptr, s);
		/* CP874 reads TIS-620 the same. */
		buf_reset(&back);
		REQUIRE(textenc_to_utf8(TEXTENC_CP874, tis.ptr, tis.len, 0, &back, NULL) == 0);
		CHECK_STR(back.ptr, s);
	}
	buf_release(&tis);
	buf_release(&back);
}

static void test_detect_cp874(void)
{
	/* Word's curly quotes, a dash, an ellipsis, a no-break space and the euro. */
	const char *s = "“สวัสดิการชุมชน” – ทุกตำบล… ยอด\u00a0500 บาท (€12)";
	struct buf cp = BUF_INIT, back = BUF_INIT, tis = BUF_INIT;
	struct err e;

	REQUIRE(via_iconv("CP874", "UTF-8", s, strlen(s), &cp) == 0);
	CHECK_INT(textenc_detect(cp.ptr, cp.len), TEXTENC_CP874);
	REQUIRE(textenc_to_utf8(TEXTENC_CP874, cp.ptr, cp.len, 0, &back, NULL) == 0);
	CHECK_STR(back.ptr, s);
	/* As TIS-620 the first such byte is refused, with where it is. */
	err_init(&e);
	CHECK_INT(textenc_to_utf8(TEXTENC_TIS620, cp.ptr, cp.len, 0, &tis, &e), ERR_INVALID);
	CHECK_STR(e.en, "byte 0x93 at offset 0 (line 1) is not a character in TIS-620");
	CHECK_INT(tis.len, 0);
	/* And in the other direction. */
	buf_reset(&tis);
	CHECK_INT(textenc_from_utf8(TEXTENC_TIS620, s, strlen(s), 0, &tis, &e), ERR_INVALID);
	CHECK_STR(e.en, "character U+201C at offset 0 (line 1) has no byte in TIS-620");
	CHECK(strstr(e.th, "U+201C") != NULL);
	buf_reset(&tis);
	CHECK_INT(textenc_from_utf8(TEXTENC_CP874, s, strlen(s), 0, &tis, NULL), 0);
	CHECK(tis.len == cp.len && !memcmp(tis.ptr, cp.ptr, cp.len));
	buf_release(&cp);
	buf_release(&back);
	buf_release(&tis);
}

static void test_detect_other(void)
{
	static const char latin1[] = "Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9 \xe0 la carte";
	static const char cp1252_quotes[] = "\x93quoted\x94 text only";
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	static const char utf16[] = "\xff\xfe\x01\x0e\x02\x0e";
	static const char unassigned[] = "\xca\xc7\xd1\xca\xb4\xd5\xfc";
	char controls[200];

	CHECK_INT(textenc_detect("", 0), TEXTENC_UTF8);
	CHECK_INT(textenc_detect("plain ASCII, 1,2,3\r\n", 20), TEXTENC_UTF8);
	CHECK_INT(textenc_detect(latin1, sizeof(latin1) - 1), TEXTENC_UNKNOWN);
	CHECK_INT(textenc_detect(cp1252_quotes, sizeof(cp1252_quotes) - 1), TEXTENC_UNKNOWN);
	CHECK_INT(textenc_detect(png, sizeof(png) - 1), TEXTENC_UNKNOWN);
	CHECK_INT(textenc_detect(utf16, sizeof(utf16) - 1), TEXTENC_UNKNOWN);
	/* สวัสดี and then 0xFC, which no Thai encoding has. */
	CHECK_INT(textenc_detect(unassigned, sizeof(unassigned) - 2), TEXTENC_TIS620);
	CHECK_INT(textenc_detect(unassigned, sizeof(unassigned) - 1), TEXTENC_UNKNOWN);
	/* UTF-8 with a NUL in it is not text. */
	CHECK_INT(textenc_detect("a\0b", 3), TEXTENC_UNKNOWN);
	/* A few control bytes are tolerated, many are not. */
	memset(controls, 'a', sizeof(controls));
	controls[10] = 0x1B;
	controls[20] = 0x1A;
	CHECK_INT(textenc_detect(controls, sizeof(controls)), TEXTENC_UTF8);
	controls[30] = 0x01;
	controls[40] = 0x02;
	CHECK_INT(textenc_detect(controls, sizeof(controls)), TEXTENC_UNKNOWN);
}

static void test_typing_slips(void)
{
	/* เเม่ (two sara e for sara ae) and a doubled tone mark are common. */
	const char *s = "เเม่บ้านได้รับเงินช่วยเหลือ ก่่อนวันที่ ๑ มกราคม";
	struct buf tis = BUF_INIT;

	REQUIRE(via_iconv("TIS-620", "UTF-8", s, strlen(s), &tis) == 0);
	CHECK_INT(textenc_detect(tis.ptr, tis.len), TEXTENC_TIS620);
	/* A leading vowel at the end of a sample may be followed by more. */
	buf_reset(&tis);
	REQUIRE(via_iconv("TIS-620", "UTF-8", "บ้านเ", strlen("บ้านเ"), &tis) == 0);
	CHECK_INT(textenc_detect_prefix(tis.ptr, tis.len), TEXTENC_TIS620);
	buf_release(&tis);
}

static void test_bom(void)
{
	const char *s = "\xEF\xBB\xBFชื่อ,อายุ\r\nสมชาย,70\r\n";
	struct buf out = BUF_INIT;
	struct err e;

	CHECK_INT(textenc_bom_len(s, strlen(s)), 3);
	CHECK_INT(textenc_bom_len(s, 2), 0);
	CHECK_INT(textenc_bom_len("abc", 3), 0);
	CHECK_INT(textenc_detect(s, strlen(s)), TEXTENC_UTF8);
	REQUIRE(textenc_to_utf8(TEXTENC_UTF8, s, strlen(s), 0, &out, NULL) == 0);
	CHECK_STR(out.ptr, s + 3);
	/* Only the first BOM goes; a BOM alone is empty text. */
	buf_reset(&out);
	REQUIRE(textenc_to_utf8(TEXTENC_UTF8, "\xEF\xBB\xBF", 3, 0, &out, NULL) == 0);
	CHECK_INT(out.len, 0);
	buf_reset(&out);
	REQUIRE(textenc_to_utf8(TEXTENC_UTF8, "\xEF\xBB\xBF\xEF\xBB\xBF", 6, 0, &out, NULL) == 0);
	CHECK_STR(out.ptr, "\xEF\xBB\xBF");
	/* Invalid UTF-8 after a BOM: the offset counts the BOM. */
	buf_reset(&out);
	err_init(&e);
	CHECK_INT(textenc_to_utf8(TEXTENC_UTF8, "\xEF\xBB\xBF" "ab\n\xC0\xAF", 8, 0, &out, &e),
		  ERR_INVALID);
	CHECK_STR(e.en, "not valid UTF-8: byte 0xC0 at offset 6 (line 2)");
	CHECK_INT(out.len, 0);
	buf_release(&out);
}

static void test_utf8_check(void)
{
	size_t bad = 99;

	CHECK_INT(textenc_utf8_check("กข", 6, &bad), 0);
	CHECK_INT(textenc_utf8_check("ab\xED\xA0\x80", 5, &bad), -1); /* a surrogate */
	CHECK_INT(bad, 2);
	CHECK_INT(textenc_utf8_check("\xF4\x90\x80\x80", 4, &bad), -1);
	CHECK_INT(bad, 0);
	CHECK_INT(textenc_utf8_check("ok\xE0\xB8", 4, &bad), -1); /* cut off */
	CHECK_INT(bad, 2);
	/*
	 * Cut off at the end of a sample is fine for detection only; as a
	 * whole text those two bytes read as TIS-620 "เธ".
	 */
	CHECK_INT(textenc_detect("ok\xE0\xB8", 4), TEXTENC_TIS620);
	CHECK_INT(textenc_detect_prefix("ok\xE0\xB8", 4), TEXTENC_UTF8);
	CHECK_INT(textenc_detect_prefix("ok\xE0\xB8!", 5), TEXTENC_TIS620);
	CHECK_INT(textenc_detect_prefix("ok\xE0\xB8\x81", 5), TEXTENC_UTF8);
}

static void test_clip(void)
{
	const char *s = "aกข"; /* 1 + 3 + 3 bytes */

	CHECK_INT(textenc_utf8_clip(s, 7, 100), 7);
	CHECK_INT(textenc_utf8_clip(s, 7, 7), 7);
	CHECK_INT(textenc_utf8_clip(s, 7, 6), 4);
	CHECK_INT(textenc_utf8_clip(s, 7, 5), 4);
	CHECK_INT(textenc_utf8_clip(s, 7, 4), 4);
	CHECK_INT(textenc_utf8_clip(s, 7, 3), 1);
	CHECK_INT(textenc_utf8_clip(s, 7, 1), 1);
	CHECK_INT(textenc_utf8_clip(s, 7, 0), 0);
	CHECK_INT(textenc_utf8_clip("\x80\x80\x80", 3, 2), 0);
}

static void test_unassigned(void)
{
	static const unsigned char bytes[] = { 0xDB, 0xDC, 0xDD, 0xDE, 0xFC, 0xFD, 0xFE, 0xFF };
	struct buf out = BUF_INIT;
	struct err e;
	char in[16], want[128];
	size_t i;

	buf_puts(&out, "kept");
	for (i = 0; i < ARRAY_SIZE(bytes); i++) {
		memcpy(in, "\xa1\n\xa2\n\xa3", 5);
		in[5] = (char)bytes[i];
		err_init(&e);
		CHECK_INT(textenc_to_utf8(TEXTENC_CP874, in, 6, 0, &out, &e), ERR_INVALID);
		snprintf(want, sizeof(want),
			 "byte 0x%02X at offset 5 (line 3) is not a character in CP874", bytes[i]);
		CHECK_STR(e.en, want);
		CHECK(strstr(e.th, "ตำแหน่ง 5 (บรรทัดที่ 3)") != NULL);
		CHECK_STR(out.ptr, "kept");
	}
	CHECK_INT(textenc_to_utf8(TEXTENC_UNKNOWN, "a", 1, 0, &out, &e), ERR_INVALID);
	CHECK_INT(textenc_from_utf8(TEXTENC_UNKNOWN, "a", 1, 0, &out, &e), ERR_INVALID);
	CHECK_STR(out.ptr, "kept");
	buf_release(&out);
}

static void test_caps(void)
{
	char tis[3000];
	struct buf out = BUF_INIT, capped;
	struct err e;

	memset(tis, 0xA1, sizeof(tis)); /* ก: three bytes each in UTF-8 */
	CHECK_INT(textenc_to_utf8(TEXTENC_TIS620, tis, sizeof(tis), 9000, &out, NULL), 0);
	CHECK_INT(out.len, 9000);
	buf_reset(&out);
	buf_puts(&out, "x");
	err_init(&e);
	CHECK_INT(textenc_to_utf8(TEXTENC_TIS620, tis, sizeof(tis), 8999, &out, &e), ERR_TOO_LARGE);
	CHECK_STR(e.en, "converted text longer than 8999 bytes");
	CHECK_STR(out.ptr, "x");
	/* The buffer's own cap counts too. */
	buf_init(&capped, 100);
	buf_puts(&capped, "0123456789");
	CHECK_INT(textenc_to_utf8(TEXTENC_TIS620, tis, 40, 0, &capped, &e), ERR_TOO_LARGE);
	CHECK_STR(e.en, "converted text longer than 90 bytes");
	CHECK_STR(capped.ptr, "0123456789");
	CHECK_INT(textenc_to_utf8(TEXTENC_TIS620, tis, 30, 0, &capped, &e), 0);
	CHECK_INT(capped.len, 100);
	/* A long ASCII run goes around the staging area. */
	{
		char ascii[10000];

		memset(ascii, 'a', sizeof(ascii));
		buf_reset(&out);
		CHECK_INT(textenc_to_utf8(TEXTENC_CP874, ascii, sizeof(ascii), 0, &out, NULL), 0);
		CHECK_INT(out.len, sizeof(ascii));
		buf_reset(&out);
		CHECK_INT(textenc_from_utf8(TEXTENC_TIS620, ascii, sizeof(ascii), 9999, &out, &e),
			  ERR_TOO_LARGE);
		CHECK_INT(out.len, 0);
	}
	buf_release(&out);
	buf_release(&capped);
}

static void test_names(void)
{
	enum textenc enc;
	struct err e;

	CHECK_INT(textenc_from_name("utf-8", &enc, NULL), 0);
	CHECK_INT(enc, TEXTENC_UTF8);
	CHECK_INT(textenc_from_name("tis620", &enc, NULL), 0);
	CHECK_INT(enc, TEXTENC_TIS620);
	CHECK_INT(textenc_from_name("Windows-874", &enc, NULL), 0);
	CHECK_INT(enc, TEXTENC_CP874);
	err_init(&e);
	CHECK_INT(textenc_from_name("latin1", &enc, &e), ERR_INVALID);
	CHECK_INT(enc, TEXTENC_UNKNOWN);
	CHECK_STR(e.field, "encoding");
	CHECK_STR(textenc_name(TEXTENC_CP874), "CP874");
	CHECK_STR(textenc_name(TEXTENC_UNKNOWN), "unknown");
}

int main(void)
{
	RUN(test_every_byte);
	RUN(test_offset_rule);
	RUN(test_detect_sentences);
	RUN(test_detect_cp874);
	RUN(test_detect_other);
	RUN(test_typing_slips);
	RUN(test_bom);
	RUN(test_utf8_check);
	RUN(test_clip);
	RUN(test_unassigned);
	RUN(test_caps);
	RUN(test_names);
	return test_summary("textenc");
}
