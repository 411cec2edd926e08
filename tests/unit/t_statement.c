/*
 * A fund's documents on a real SQLite database: a year of a small fund
 * (members who join, pay, fall behind and resign, a voided receipt, a
 * member's hospital claim and aid to a non-member, matching money from the
 * local and central government, an administration expense, and a payment
 * after the year that the year's statement must not count) is rendered as
 * receipts and as the year's statement in PDF and .xlsx.
 *
 * PDFs are read back with poppler's pdftotext -raw and pdfinfo (as
 * tests/unit/t_pdf.c does; white space is ignored in comparisons, since
 * Thai has none between words to lose); workbooks with lib/xlsx, cell by
 * cell. The figures expected are worked out by hand in the comments.
 *
 * To keep the documents for looking at, name a directory:
 *
 *     STATEMENT_OUT=/tmp/st build/test/t_statement
 *
 * The application's clock is moved to the day of each step (struct app's
 * clock_offset), so that claims are approved on their day and the year's
 * books hold what a treasurer would have recorded then.
 */
#include <stdarg.h>
#include <unistd.h>
#include "test.h"
#include "app/fund.h"
#include "app/geo.h"
#include "app/person.h"
#include "app/statement.h"
#include "lib/xlsx.h"

static struct app app;
static struct actor sys, tre, py, aud;
static char path[64], tmpdir[64];
static const char *keep; /* STATEMENT_OUT: a directory that keeps the documents */
static int64_t fund_id;
static int64_t m_a, m_b, m_c, m_d;
static int64_t r_fee_b, r_pay_b, r_void;

/* ---- helpers ---- */

static void set_actor(struct actor *a, const char *name, enum role r, const char *area,
		      int64_t id)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->username, sizeof(a->username), "%s", name);
	snprintf(a->display_name, sizeof(a->display_name), "%s", name);
	a->role = r;
	snprintf(a->area, sizeof(a->area), "%s", area);
	a->id = id;
}

/* Moves the application's clock to noon (Bangkok) of an ISO day. */
static void at(const char *iso)
{
	struct date d;

	REQUIRE(date_parse(iso, 0, &d, "at", NULL) == 0);
	app.clock_offset = (int64_t)date_to_days(d) * 86400 + 5 * 3600 - (int64_t)time(NULL);
}

static int64_t add_person(const char *given, const char *family, const char *birth)
{
	struct person_in in;
	struct err e;
	int64_t id = 0;

	memset(&in, 0, sizeof(in));
	in.given_name = given;
	in.family_name = family;
	in.sex = "F";
	in.birth_date = birth;
	in.reg_status = "house";
	in.nationality = "TH";
	in.area = "500101";
	CHECK(app_person_add(&app, &sys, &in, &id, &e) == 0);
	return id;
}

static int64_t enrol(int64_t person, const char *joined, int64_t *receipt)
{
	struct member_in in;
	struct err e;
	int64_t id = 0, rid = 0;

	memset(&in, 0, sizeof(in));
	in.person_id = person;
	in.joined_on = joined;
	in.beneficiary_name = "ลูกสาว";
	in.method = "cash";
	CHECK(app_member_add(&app, &tre, fund_id, &in, NULL, &id, &rid, &e) == 0);
	if (receipt)
		*receipt = rid;
	return id;
}

static int64_t pay(int64_t member, int64_t amount, const char *on)
{
	struct err e;
	int64_t rid = 0;

	CHECK(app_fund_pay(&app, &tre, member, amount, on, "cash", NULL, &rid, &e) == 0);
	return rid;
}

/* Submits, checks and approves a claim on day `on`; pays it on paid_on. */
static void claim(int64_t member, int64_t person, const char *benefit, const char *event,
		  int units, const char *on, const char *paid_on)
{
	struct claim_in in;
	struct err e;
	int64_t id = 0;

	memset(&in, 0, sizeof(in));
	in.member_id = member;
	in.person_id = person;
	in.benefit = benefit;
	in.event_date = event;
	in.units = units;
	at(on);
	CHECK(app_claim_submit(&app, &tre, fund_id, &in, &id, &e) == 0);
	CHECK(app_claim_step(&app, &tre, id, "check", "", &e) == 0);
	CHECK(app_claim_step(&app, &tre, id, "approve", "", &e) == 0);
	at(paid_on);
	CHECK(app_claim_pay(&app, &tre, id, paid_on, 0, NULL, &e) == 0);
	at("2026-02-01");
}

/* Runs a shell command and returns its standard output (static storage; "" on failure). */
static const char *run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *run(const char *fmt, ...)
{
	static struct buf out = BUF_INIT;
	char cmd[1024], chunk[4096];
	va_list ap;
	FILE *f;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	buf_reset(&out);
	f = popen(cmd, "r");
	if (!f)
		return "";
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&out, chunk, n);
	if (pclose(f) != 0)
		buf_reset(&out);
	return out.ptr;
}

/* printf into static storage, for one argument at a time. */
static const char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static const char *fmt(const char *f, ...)
{
	static char out[256];
	va_list ap;

	va_start(ap, f);
	vsnprintf(out, sizeof(out), f, ap);
	va_end(ap);
	return out;
}

/* Writes a document to the temporary directory; returns its path (static). */
static const char *save(const struct buf *doc, const char *name)
{
	static char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", keep ? keep : tmpdir, name);
	f = fopen(p, "wb");
	if (!f)
		return NULL;
	if (fwrite(doc->ptr, 1, doc->len, f) != doc->len) {
		fclose(f);
		return NULL;
	}
	return fclose(f) ? NULL : p;
}

static void drop(const char *file)
{
	if (!keep)
		unlink(file);
}

/* s without white space (pdftotext's line breaks and form feeds too), into b. */
static const char *squeeze(struct buf *b, const char *s)
{
	buf_reset(b);
	for (; *s; s++)
		if (!strchr(" \t\r\n\f\v", *s))
			buf_putc(b, *s);
	return b->ptr;
}

/* The text of a PDF (page 0: all pages), squeezed, into b. */
static const char *pdf_text_of(struct buf *b, const char *file, int page)
{
	if (page)
		return squeeze(b, run("pdftotext -raw -enc UTF-8 -f %d -l %d '%s' -", page, page,
				      file));
	return squeeze(b, run("pdftotext -raw -enc UTF-8 '%s' -", file));
}

static bool has(const char *text, const char *want)
{
	struct buf w = BUF_INIT;
	bool ok = strstr(text, squeeze(&w, want)) != NULL;

	if (!ok)
		fprintf(stderr, "    the document lacks \"%s\"\n", want);
	buf_release(&w);
	return ok;
}

static int pages(const char *file)
{
	const char *s = strstr(run("pdfinfo '%s'", file), "Pages:");

	return s ? atoi(s + 6) : -1;
}

/* ---- the fund's year ---- */

static void setup(void)
{
	struct geo_counts g;
	struct fund_in in;
	struct income_in inc;
	struct expense_in x;
	struct bank_account_list bl = { NULL, 0, 0 };
	struct err e;
	int64_t id, bank, p_a, p_b, p_c, p_d, p_n, p_t;
	int applied;

	snprintf(path, sizeof(path), "/tmp/sawat-t-statement-%d.db", (int)getpid());
	unlink(path);
	REQUIRE(app_init(&app, path, &e) == 0);
	REQUIRE(app_setup(&app, &applied, &g, &e) == 0);
	actor_system(&sys);
	set_actor(&tre, "treasurer", ROLE_FUND_COMMITTEE, "500101", 11);
	set_actor(&py, "phayao", ROLE_PROVINCE_OFFICER, "56", 12);
	set_actor(&aud, "auditor", ROLE_AUDITOR, "50", 13);
	at("2026-02-01");
	memset(&in, 0, sizeof(in));
	in.area = "500101";
	in.name = "กองทุนสวัสดิการชุมชนตำบลศรีภูมิ";
	in.reg_no = "ก-500101-001";
	in.founded_on = "2015-01-01";
	in.address = "ศาลาอเนกประสงค์ หมู่ที่ 3";
	in.phone = "053-123456";
	REQUIRE(app_fund_add(&app, &tre, &in, &fund_id, &e) == 0);
	REQUIRE(app_fund_bank_add(&app, &tre, fund_id, "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร",
				  "สันทราย", "020-1-23456-7", in.name, "2024-01-01", &bank, &e) == 0);
	REQUIRE(app_fund_banks(&app, &tre, fund_id, &bl, &e) == 0);
	REQUIRE(bl.n == 1);
	bank = bl.items[0].ledger_account_id;
	bank_account_list_release(&bl);

	p_a = add_person("อารี", "ใจดี", "1960-05-01");
	p_b = add_person("บุญมี", "มีสุข", "1990-02-10");
	p_c = add_person("จันทร์", "เพ็ญ", "1970-07-07");
	p_d = add_person("ดวงใจ", "รักดี", "1955-03-03");
	p_n = add_person("นิด", "ไม่เป็นสมาชิก", "1980-01-01");
	p_t = add_person("บุญญา", "ศรีสุข", "1965-09-09");
	CHECK(app_fund_committee_add(&app, &tre, fund_id, p_t, "treasurer", "2024-01-01",
				     "2027-12-31", &id, &e) == 0);
	CHECK(app_fund_committee_add(&app, &tre, fund_id, p_d, "chair", "2024-01-01", "2027-12-31",
				     &id, &e) == 0);

	/* Before 2025: fees of 20 baht for C (2020), D (2021) and A (2023), and
	 * A's 731 baht for 2023 and 2024. Cash brought forward: 791 baht. */
	m_c = enrol(p_c, "2020-01-01", NULL);
	m_d = enrol(p_d, "2021-06-01", NULL);
	m_a = enrol(p_a, "2023-01-10", NULL);
	pay(m_a, 73100, "2023-01-10");

	/* 2025. A pays January to August (59 + 184 baht): four months behind at
	 * the end of the year. B joins in March and pays March to December
	 * (306 baht); a mistaken 10 baht is voided the next day. C never pays
	 * (suspended). D resigns at the end of June. */
	pay(m_a, 5900, "2025-02-05");
	m_b = enrol(p_b, "2025-03-01", &r_fee_b);
	r_pay_b = pay(m_b, 30600, "2025-03-01");
	r_void = pay(m_b, 1000, "2025-04-01");
	CHECK(app_receipt_void(&app, &tre, r_void, "2025-04-02", "บันทึกซ้ำ", &e) == 0);
	claim(m_a, 0, "hospital", "2025-05-01", 3, "2025-05-08", "2025-05-10"); /* 600 baht */
	CHECK(app_member_end(&app, &tre, m_d, "resigned", "2025-06-30", "ย้ายไปอยู่กับลูก", &e) == 0);
	pay(m_a, 18400, "2025-07-05");
	{
		int64_t pledge;

		CHECK(app_fund_pledge_add(&app, &tre, fund_id, "local_gov", "อบต.ศรีภูมิ", 1000000,
					  "2025-01-15", "2025-01-01", "2025-12-31", "", &pledge,
					  &e) == 0);
		memset(&inc, 0, sizeof(inc));
		inc.kind = "local_gov";
		inc.source_name = "อบต.ศรีภูมิ";
		inc.pledge_id = pledge;
		inc.amount = 600000;
		inc.received_on = "2025-08-01";
		inc.account_id = bank;
		CHECK(app_fund_income_add(&app, &tre, fund_id, &inc, NULL, &id, &e) == 0);
	}
	memset(&x, 0, sizeof(x));
	x.kind = "admin";
	x.description = "ค่าเครื่องเขียน";
	x.amount = 15000;
	x.paid_on = "2025-08-05";
	CHECK(app_fund_expense_add(&app, &tre, fund_id, &x, NULL, &id, &e) == 0);
	memset(&inc, 0, sizeof(inc));
	inc.kind = "central_gov";
	inc.source_name = "สถาบันพัฒนาองค์กรชุมชน";
	inc.amount = 300000;
	inc.received_on = "2025-09-01";
	CHECK(app_fund_income_add(&app, &tre, fund_id, &inc, NULL, &id, &e) == 0);
	claim(0, p_n, "disaster", "2025-10-01", 0, "2025-10-03", "2025-10-05"); /* 1,000 baht */

	/* After the year: A catches up on September to December. */
	at("2026-02-01");
	pay(m_a, 12200, "2026-01-10");
}

/* ---- receipts ---- */

static void test_receipt(void)
{
	struct buf doc = BUF_INIT, t = BUF_INIT;
	const char *file, *text;
	struct receipt rc;
	struct err e;

	CHECK(app_receipt_get(&app, &tre, r_pay_b, &rc, &e) == 0);
	REQUIRE(app_receipt_pdf(&app, &tre, r_pay_b, NULL, &doc, &e) == 0);
	REQUIRE(doc.len > 1000);
	CHECK(!memcmp(doc.ptr, "%PDF-", 5));
	file = save(&doc, "receipt.pdf");
	REQUIRE(file);
	CHECK_INT(pages(file), 1);
	CHECK(strstr(run("pdfinfo '%s'", file), "419.528 x 595.276 pts") != NULL); /* A5 */
	text = pdf_text_of(&t, file, 1);
	CHECK(has(text, "ใบเสร็จรับเงิน"));
	CHECK(has(text, "กองทุนสวัสดิการชุมชนตำบลศรีภูมิ"));
	CHECK(has(text, "ศาลาอเนกประสงค์ หมู่ที่ 3"));
	CHECK(has(text, "053-123456"));
	CHECK(has(text, fmt("เลขที่ %lld", (long long)rc.receipt_no)));
	CHECK(has(text, "วันที่ 1 มีนาคม 2568"));
	CHECK(has(text, "ได้รับเงินจาก"));
	CHECK(has(text, "บุญมี มีสุข"));
	CHECK(has(text, "สมาชิกเลขที่ 4"));
	CHECK(has(text, "เงินสมทบกองทุนสวัสดิการ"));
	CHECK(has(text, "รวมเงิน 306.00"));
	CHECK(has(text, "(สามร้อยหกบาทถ้วน)"));
	CHECK(has(text, "ชำระโดย เงินสด"));
	CHECK(has(text, "(treasurer)"));
	CHECK(has(text, "ผู้รับเงิน"));
	CHECK(!strstr(text, "ยกเลิก"));
	drop(file);

	/* The joining fee, in English: labels change, the words stay Thai. */
	buf_reset(&doc);
	REQUIRE(app_receipt_pdf(&app, &tre, r_fee_b, "en", &doc, &e) == 0);
	file = save(&doc, "fee.pdf");
	REQUIRE(file);
	text = pdf_text_of(&t, file, 1);
	CHECK(has(text, "RECEIPT"));
	CHECK(has(text, "Joining fee 20.00"));
	CHECK(has(text, "(ยี่สิบบาทถ้วน)"));
	CHECK(has(text, "Date 1 March 2025"));
	CHECK(has(text, "Paid by cash"));
	drop(file);

	/* A voided receipt says so, with the date and the reason. */
	buf_reset(&doc);
	REQUIRE(app_receipt_pdf(&app, &aud, r_void, "th", &doc, &e) == 0);
	file = save(&doc, "void.pdf");
	REQUIRE(file);
	CHECK_INT(pages(file), 1);
	text = pdf_text_of(&t, file, 1);
	CHECK(has(text, "ยกเลิกแล้ว / VOID เมื่อ 2 เมษายน 2568 เหตุผล: บันทึกซ้ำ"));
	CHECK(has(text, "ยกเลิก / VOID")); /* the stamp */
	CHECK(has(text, "(สิบบาทถ้วน)"));
	CHECK(strstr(run("pdfinfo '%s'", file), "(ยกเลิกแล้ว)") != NULL); /* the title */
	drop(file);
	buf_release(&doc);
	buf_release(&t);
}

static void test_receipt_access(void)
{
	struct buf doc = BUF_INIT;
	struct err e;

	buf_puts(&doc, "kept");
	CHECK_INT(app_receipt_pdf(&app, &py, r_pay_b, NULL, &doc, &e), ERR_FORBIDDEN);
	CHECK_STR(doc.ptr, "kept"); /* nothing written */
	CHECK_INT(app_receipt_pdf(&app, &tre, 999999, NULL, &doc, &e), ERR_NOT_FOUND);
	CHECK_STR(doc.ptr, "kept");
	/* A cap on the buffer: too large, and still nothing written. */
	buf_release(&doc);
	buf_init(&doc, 100);
	CHECK_INT(app_receipt_pdf(&app, &tre, r_pay_b, NULL, &doc, &e), ERR_TOO_LARGE);
	CHECK_INT(doc.len, 0);
	buf_release(&doc);
}

/* ---- the year's statement ---- */

/*
 * 2025 by hand. Income: contributions 306 + 59 + 184 (+10 - 10 voided) =
 * 549; joining fee 20; local government 6,000; central government 3,000:
 * 9,569.00. Expenses: hospital 600, non-member aid 1,000, administration
 * 150: 1,750.00. Surplus 7,819.00. Cash: 791 brought forward + 9,569 income
 * - 1,750 paid = 8,610.00, of which 6,000.00 in the bank and 2,610.00 in
 * hand. Administration 150 / 9,569 = 1.57%, within 20% (1,913.80).
 */
static void test_statement_pdf(void)
{
	struct buf doc = BUF_INIT, t = BUF_INIT;
	const char *file, *text;
	struct err e;
	int n;

	REQUIRE(app_statement_pdf(&app, &tre, fund_id, "2025-01-01", "31/12/2568", NULL, &doc, &e) ==
		0);
	CHECK(!memcmp(doc.ptr, "%PDF-", 5));
	file = save(&doc, "year.pdf");
	REQUIRE(file);
	n = pages(file);
	CHECK(n >= 2 && n <= 6);
	text = pdf_text_of(&t, file, 0);
	CHECK(has(text, "รายงานการเงิน ประจำปี 2568"));
	CHECK(has(text, "ตั้งแต่วันที่ 1 มกราคม 2568 ถึงวันที่ 31 ธันวาคม 2568"));
	CHECK(has(text, "ทะเบียนเลขที่ ก-500101-001"));
	/* Cash and bank. */
	CHECK(has(text, "เงินสด 791.00 3,579.00 1,760.00 2,610.00"));
	CHECK(has(text, "020-1-23456-7 - 6,000.00 - 6,000.00"));
	CHECK(has(text, "รวม 791.00 9,579.00 1,760.00 8,610.00"));
	/* The income statement. */
	CHECK(has(text, "4101 เงินสมทบจากสมาชิก 549.00"));
	CHECK(has(text, "4102 ค่าสมัครสมาชิก 20.00"));
	CHECK(has(text, "4201 เงินสมทบจากองค์กรปกครองส่วนท้องถิ่น 6,000.00"));
	CHECK(has(text, "รวมรายรับ 9,569.00"));
	CHECK(has(text, "5101 สวัสดิการสมาชิก 600.00"));
	CHECK(has(text, "5102 ช่วยเหลือผู้ที่ไม่ใช่สมาชิก 1,000.00"));
	CHECK(has(text, "5201 ค่าใช้จ่ายในการบริหารจัดการ 150.00"));
	CHECK(has(text, "รวมรายจ่าย 1,750.00"));
	CHECK(has(text, "รายรับสูงกว่ารายจ่าย 7,819.00"));
	/* The balance sheet balances. */
	CHECK(has(text, "งบแสดงฐานะการเงิน ณ วันที่ 31 ธันวาคม 2568"));
	CHECK(has(text, "รวมสินทรัพย์ 8,610.00"));
	CHECK(has(text, "ส่วนเกิน (ขาด) สะสมยกมาต้นงวด 791.00"));
	CHECK(has(text, "รายรับสูง (ต่ำ) กว่ารายจ่ายงวดนี้ 7,819.00"));
	CHECK(has(text, "รวมหนี้สินและทุน 8,610.00"));
	CHECK(has(text, "✓ งบดุลสมดุล"));
	CHECK(!strstr(text, "ไม่สมดุล"));
	/* Members: C, D, A at the start; B joined; D resigned; at the end B
	 * is paid up, A four months behind (her January payment is after the
	 * year and not counted), C suspended. */
	CHECK(has(text, "สมาชิกต้นงวด ณ วันที่ 31 ธันวาคม 2567 3"));
	CHECK(has(text, "บวก สมัครใหม่ 1"));
	CHECK(has(text, "หัก ลาออก 1"));
	CHECK(has(text, "สมาชิกปลายงวด ณ วันที่ 31 ธันวาคม 2568 3"));
	CHECK(has(text, "ส่งเงินสมทบครบ 1"));
	CHECK(has(text, "ค้างส่งเงินสมทบ 1"));
	CHECK(has(text, "ถูกพักสิทธิ์เพราะค้างส่งเกินกำหนด 1"));
	/* Owed: A September to December (122), C all of 2020-2025 (2,192). */
	CHECK(has(text, "ยอดเงินสมทบค้างส่งรวม 2,314.00 บาท"));
	/* Benefits paid, matching money, the admin check. */
	CHECK(has(text, "นอนโรงพยาบาล 1 600.00"));
	CHECK(has(text, "ภัยพิบัติ (ผู้ที่ไม่ใช่สมาชิก) 1 1,000.00"));
	CHECK(has(text, "รวม 2 1,600.00"));
	CHECK(has(text, "เงินสมทบจากสมาชิกในงวด 549.00 100.00%"));
	CHECK(has(text, "รวมเงินสมทบที่ได้รับในงวด 9,000.00"));
	CHECK(has(text, "อบต.ศรีภูมิ (อปท.)"));
	CHECK(has(text, "สัดส่วนค่าบริหารต่อรายรับ 1.57%"));
	CHECK(has(text, "เพดานตามข้อบังคับ ร้อยละ 20 ของรายรับ (บาท) 1,913.80"));
	CHECK(has(text, "อยู่ในเพดาน"));
	/* Signatures from the committee. */
	CHECK(has(text, "บุญญา ศรีสุข"));
	CHECK(has(text, "เหรัญญิก ผู้จัดทำ"));
	CHECK(has(text, "ดวงใจ รักดี"));
	/* The cash book: brought forward, lines with receipt numbers, carried forward. */
	CHECK(has(text, "เอกสารแนบ: สมุดเงินสด"));
	CHECK(has(text, "ยอดยกมา 791.00"));
	CHECK(has(text, "จ่ายสวัสดิการนอนโรงพยาบาล"));
	CHECK(has(text, "[ธนาคาร]"));
	CHECK(has(text, "รวม / ยอดคงเหลือยกไป 9,579.00 1,760.00 8,610.00"));
	/* The footer. */
	CHECK(has(pdf_text_of(&t, file, n), fmt("หน้า %d / %d", n, n)));
	drop(file);
	buf_release(&doc);
	buf_release(&t);
}

/* March 2025: one month, a short document; receipts of a day in one line. */
static void test_month_statement(void)
{
	struct buf doc = BUF_INIT, t = BUF_INIT;
	const char *file, *text;
	struct err e;

	REQUIRE(app_statement_pdf(&app, &aud, fund_id, "1/3/2568", "2025-03-31", "th", &doc, &e) ==
		0);
	file = save(&doc, "march.pdf");
	REQUIRE(file);
	CHECK(pages(file) >= 2 && pages(file) <= 6);
	text = pdf_text_of(&t, file, 0);
	CHECK(has(text, "รายงานการเงิน ประจำเดือนมีนาคม 2568"));
	CHECK(has(text, "ยอดยกมา 850.00")); /* 791 + A's 59 in February */
	CHECK(has(text, "รับเงินจากสมาชิก 2 ราย ใบเสร็จเลขที่"));
	CHECK(has(text, "326.00")); /* B's fee and payment on 1 March */
	CHECK(has(text, "รวม / ยอดคงเหลือยกไป 326.00 0.00 1,176.00"));
	CHECK(has(text, "ไม่มีการจ่ายสวัสดิการในงวดนี้"));
	drop(file);
	buf_release(&doc);
	buf_release(&t);
}

static void test_statement_english(void)
{
	struct buf doc = BUF_INIT, t = BUF_INIT;
	const char *file, *text;
	struct err e;

	REQUIRE(app_statement_pdf(&app, &tre, fund_id, "2025-01-01", "2025-12-31", "en", &doc, &e) ==
		0);
	file = save(&doc, "year-en.pdf");
	REQUIRE(file);
	text = pdf_text_of(&t, file, 0);
	CHECK(has(text, "Financial statement for the year 2025"));
	CHECK(has(text, "from 1 January 2025 to 31 December 2025"));
	CHECK(has(text, "Total income 9,569.00"));
	CHECK(has(text, "Total liabilities and equity 8,610.00"));
	CHECK(has(text, "✓ Balanced"));
	CHECK(has(text, "within the limit"));
	CHECK(has(text, "Attachment: cash book"));
	drop(file);
	buf_release(&doc);
	buf_release(&t);
}

/* Finds the first row of the selected sheet whose column col is want. */
static bool find_row(struct xlsx *x, size_t col, const char *want, struct xlsx_row *row)
{
	struct err e;

	while (xlsx_next_row(x, row, &e) == XLSX_ROW)
		if (col < row->n && !strcmp(row->cells[col].text.ptr, want))
			return true;
	fprintf(stderr, "    no row with \"%s\" in column %zu\n", want, col);
	return false;
}

static const char *cell(const struct xlsx_row *r, size_t col)
{
	return col < r->n ? r->cells[col].text.ptr : "";
}

static void test_statement_xlsx(void)
{
	static const char *const sheets[] = { "เงินสดและเงินฝาก", "รายรับรายจ่าย", "งบแสดงฐานะการเงิน",
					      "สมุดเงินสด", "สมาชิก", "สวัสดิการที่จ่าย", "เงินสมทบ",
					      "ค่าบริหารจัดการ" };
	struct buf doc = BUF_INIT;
	struct xlsx *x = NULL;
	struct xlsx_row row;
	struct err e;
	int lines = 0;

	REQUIRE(app_statement_xlsx(&app, &tre, fund_id, "2025-01-01", "2025-12-31", NULL, &doc, &e) ==
		0);
	CHECK(!memcmp(doc.ptr, "PK\x03\x04", 4));
	REQUIRE(xlsx_open_mem(doc.ptr, doc.len, NULL, &x, &e) == 0);
	REQUIRE(xlsx_sheet_count(x) == ARRAY_SIZE(sheets));
	for (size_t i = 0; i < ARRAY_SIZE(sheets); i++)
		CHECK_STR(xlsx_sheet_at(x, i)->name, sheets[i]);

	/* Every sheet starts with the fund and the period. */
	REQUIRE(xlsx_select_sheet(x, "รายรับรายจ่าย", &e) == 0);
	REQUIRE(xlsx_next_row(x, &row, &e) == XLSX_ROW);
	CHECK_STR(cell(&row, 0), "กองทุนสวัสดิการชุมชนตำบลศรีภูมิ");
	REQUIRE(xlsx_next_row(x, &row, &e) == XLSX_ROW);
	CHECK(strstr(cell(&row, 0), "31 ธันวาคม 2568") != NULL);
	/* Money is a number in baht. */
	if (find_row(x, 0, "4101", &row)) {
		CHECK_STR(cell(&row, 2), "549");
		CHECK_INT(row.cells[2].type, XLSX_NUMBER);
	}
	if (find_row(x, 1, "รวมรายรับ", &row))
		CHECK_STR(cell(&row, 2), "9569");
	if (find_row(x, 1, "รายรับสูง (ต่ำ) กว่ารายจ่าย", &row))
		CHECK_STR(cell(&row, 2), "7819");

	REQUIRE(xlsx_select_sheet(x, "งบแสดงฐานะการเงิน", &e) == 0);
	if (find_row(x, 1, "รวมสินทรัพย์", &row))
		CHECK_STR(cell(&row, 2), "8610");
	if (find_row(x, 1, "รวมหนี้สินและทุน", &row))
		CHECK_STR(cell(&row, 2), "8610");

	/* The cash book: every line, dates as dates, a running balance. */
	REQUIRE(xlsx_select_sheet(x, "สมุดเงินสด", &e) == 0);
	if (find_row(x, 3, "ยอดยกมา", &row)) {
		CHECK_STR(cell(&row, 0), "2025-01-01");
		CHECK_INT(row.cells[0].type, XLSX_DATE);
		CHECK_STR(cell(&row, 7), "791");
	}
	while (xlsx_next_row(x, &row, &e) == XLSX_ROW) {
		if (!strcmp(cell(&row, 3), "รวม / ยอดคงเหลือยกไป")) {
			CHECK_STR(cell(&row, 5), "9579");
			CHECK_STR(cell(&row, 6), "1760");
			CHECK_STR(cell(&row, 7), "8610");
			break;
		}
		lines++;
		CHECK_INT(row.cells[0].type, XLSX_DATE);
		CHECK(!strncmp(cell(&row, 0), "2025-", 5));
		if (!strcmp(cell(&row, 0), "2025-03-01") && *cell(&row, 2))
			CHECK(!strcmp(cell(&row, 5), "20") || !strcmp(cell(&row, 5), "306"));
	}
	/* A 2, B 3 (fee, payment, 10 baht), its void, the hospital claim, the
	 * local grant, the admin expense, the central grant, the aid: 11. */
	CHECK_INT(lines, 11);

	REQUIRE(xlsx_select_sheet(x, "สมาชิก", &e) == 0);
	if (find_row(x, 0, "บวก สมัครใหม่", &row)) {
		CHECK_STR(cell(&row, 1), "1");
		CHECK_INT(row.cells[1].type, XLSX_NUMBER);
	}
	if (find_row(x, 0, "ถูกพักสิทธิ์เพราะค้างส่งเกินกำหนด", &row))
		CHECK_STR(cell(&row, 1), "1");
	REQUIRE(xlsx_select_sheet(x, "สวัสดิการที่จ่าย", &e) == 0);
	if (find_row(x, 0, "disaster", &row)) {
		CHECK_STR(cell(&row, 2), "ผู้ที่ไม่ใช่สมาชิก");
		CHECK_STR(cell(&row, 4), "1000");
	}
	REQUIRE(xlsx_select_sheet(x, "เงินสมทบ", &e) == 0);
	if (find_row(x, 0, "อบต.ศรีภูมิ", &row)) {
		CHECK_STR(cell(&row, 2), "2025-01-15");
		CHECK_INT(row.cells[2].type, XLSX_DATE);
		CHECK_STR(cell(&row, 5), "10000");
		CHECK_STR(cell(&row, 6), "6000");
	}
	REQUIRE(xlsx_select_sheet(x, "ค่าบริหารจัดการ", &e) == 0);
	if (find_row(x, 0, "ผลการตรวจสอบ", &row))
		CHECK_STR(cell(&row, 1), "อยู่ในเพดาน");
	xlsx_free(x);

	/* English sheet names and labels. */
	buf_reset(&doc);
	REQUIRE(app_statement_xlsx(&app, &tre, fund_id, "2025-01-01", "2025-12-31", "en", &doc, &e) ==
		0);
	REQUIRE(xlsx_open_mem(doc.ptr, doc.len, NULL, &x, &e) == 0);
	CHECK_STR(xlsx_sheet_at(x, 0)->name, "Cash and bank");
	REQUIRE(xlsx_select_sheet(x, "Balance sheet", &e) == 0);
	if (find_row(x, 1, "Total assets", &row))
		CHECK_STR(cell(&row, 2), "8610");
	xlsx_free(x);
	buf_release(&doc);
}

static void test_statement_access_and_input(void)
{
	struct buf doc = BUF_INIT;
	struct err e;

	buf_puts(&doc, "kept");
	/* Another province's officer: refused, and no bytes. */
	CHECK_INT(app_statement_pdf(&app, &py, fund_id, "2025-01-01", "2025-12-31", NULL, &doc, &e),
		  ERR_FORBIDDEN);
	CHECK_INT(app_statement_xlsx(&app, &py, fund_id, "2025-01-01", "2025-12-31", NULL, &doc, &e),
		  ERR_FORBIDDEN);
	CHECK_STR(doc.ptr, "kept");
	/* The access check comes before the input is looked at. */
	CHECK_INT(app_statement_pdf(&app, &py, fund_id, "bad", "", NULL, &doc, &e), ERR_FORBIDDEN);
	CHECK_INT(app_statement_pdf(&app, &tre, 999999, "2025-01-01", "2025-12-31", NULL, &doc, &e),
		  ERR_NOT_FOUND);
	CHECK_INT(app_statement_pdf(&app, &tre, fund_id, "2025-12-31", "2025-01-01", NULL, &doc, &e),
		  ERR_INVALID);
	CHECK_STR(e.field, "to");
	CHECK_INT(app_statement_xlsx(&app, &tre, fund_id, "31/2/2568", "2025-12-31", NULL, &doc, &e),
		  ERR_INVALID);
	CHECK_STR(e.field, "from");
	CHECK_INT(app_statement_pdf(&app, &tre, fund_id, NULL, "2025-12-31", NULL, &doc, &e),
		  ERR_INVALID);
	CHECK_STR(e.field, "from");
	CHECK_INT(app_statement_pdf(&app, &tre, fund_id, "2025-01-01", "", NULL, &doc, &e),
		  ERR_INVALID);
	CHECK_STR(e.field, "to");
	CHECK_STR(doc.ptr, "kept");
	buf_release(&doc);
}

/* A period that has not ended: members stand as of today, and it says so. */
static void test_period_not_ended(void)
{
	struct buf doc = BUF_INIT, t = BUF_INIT;
	const char *file, *text;
	struct err e;

	at("2026-02-01");
	REQUIRE(app_statement_pdf(&app, &tre, fund_id, "2026-01-01", "2026-12-31", NULL, &doc, &e) ==
		0);
	file = save(&doc, "current.pdf");
	REQUIRE(file);
	text = pdf_text_of(&t, file, 0);
	CHECK(has(text, "งวดยังไม่สิ้นสุด ข้อมูล ณ วันที่ 1 กุมภาพันธ์ 2569"));
	CHECK(has(text, "สมาชิกปลายงวด ณ วันที่ 1 กุมภาพันธ์ 2569 3"));
	CHECK(has(text, "122.00")); /* A's January payment */
	drop(file);
	buf_release(&doc);
	buf_release(&t);
}

static void test_filenames(void)
{
	char a[64], b[96];

	statement_receipt_filename(7, 123, a);
	CHECK_STR(a, "receipt-7-123.pdf");
	CHECK_INT(statement_filename(7, "1/1/2568", "2025-12-31", "xlsx", b), 0);
	CHECK_STR(b, "statement-7-2025-01-01-2025-12-31.xlsx");
	CHECK_INT(statement_filename(7, "x", "2025-12-31", "pdf", b), ERR_INVALID);
	CHECK_STR(b, "");
}

int main(void)
{
	const char *t = getenv("TMPDIR");

	keep = getenv("STATEMENT_OUT");
	if (keep && (!*keep || strchr(keep, '\''))) {
		fprintf(stderr, "STATEMENT_OUT: a directory name without quotes, please\n");
		return 1;
	}
	snprintf(tmpdir, sizeof(tmpdir), "%s/t_statement.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	if (!run("pdftotext -v 2>&1")[0]) {
		fprintf(stderr, "statement: poppler-utils (pdftotext, pdfinfo) are needed\n");
		return 1;
	}
	setup();
	RUN(test_receipt);
	RUN(test_receipt_access);
	RUN(test_statement_pdf);
	RUN(test_month_statement);
	RUN(test_statement_english);
	RUN(test_statement_xlsx);
	RUN(test_statement_access_and_input);
	RUN(test_period_not_ended);
	RUN(test_filenames);
	app_release(&app);
	unlink(path);
	rmdir(tmpdir);
	return test_summary("statement");
}
