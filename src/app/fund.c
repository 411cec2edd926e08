/*
 * Community welfare fund use cases. Each one: load the fund and check the
 * actor's right over its area, validate, then in one transaction lock the
 * fund (store/fund.c fund_lock), check the idempotency key when money moves,
 * write the records, post their journal entry, keep the yearly totals, and
 * append the audit entry. A failure anywhere rolls all of it back.
 *
 * A claim moves through these states; each step is recorded (claim_step)
 * and audited, and the amount is recomputed at every step from the statute
 * in force on the event date and the person's history at that moment:
 *
 *     submitted --check--> checked --approve--> approved --pay--> paid
 *         |                   |
 *         +------reject-------+--> rejected   (a new claim may resubmit it)
 *
 * Approval posts  Dr benefits (5101, or 5102 for non-members) / Cr benefits payable (2101);
 * payment posts   Dr benefits payable / Cr cash or bank.
 * A receipt posts Dr cash or bank / Cr contributions (4101) and joining fees (4102).
 */
#include "app/fund.h"
#include <jansson.h>
#include <sodium.h>
#include "app/ledger.h"
#include "app/person.h"
#include "core/geo.h"
#include "core/thtext.h"
#include "store/geo.h"
#include "store/ledger.h"
#include "store/person.h"

#define MONEY_MAX FUND_AMOUNT_MAX

static const char *const kinds_income[] = { "local_gov", "central_gov", "other_match",
					     "donation", "interest", "other" };
static const char *const accounts_income[] = { ACC_MATCH_LOCAL, ACC_MATCH_CENTRAL,
					       ACC_MATCH_OTHER, ACC_DONATIONS, ACC_INTEREST,
					       ACC_OTHER_INCOME };

static char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return s;
}

static void id_text(int64_t id, char out[24])
{
	snprintf(out, 24, "%lld", (long long)id);
}

static void iso(struct date d, char out[16])
{
	if (!d.y)
		out[0] = '\0';
	else
		snprintf(out, 16, "%04d-%02d-%02d", d.y, d.m, d.d);
}

static bool empty(const char *s)
{
	return !s || !*s;
}

/* Checks a free-text field: required or not, at most max bytes of valid UTF-8. */
static int check_text(const char *s, const char *field, bool required, size_t max,
		      struct err *e)
{
	if (empty(s)) {
		if (required)
			return err_set(e, ERR_INVALID, field, "กรุณากรอก%s", "%s is required",
				       field);
		return 0;
	}
	if (strlen(s) > max)
		return err_set(e, ERR_INVALID, field, "ข้อความยาวเกิน %zu ไบต์",
			       "text longer than %zu bytes", max);
	if (!thtext_utf8_valid(s, strlen(s)))
		return err_set(e, ERR_INVALID, field, "ข้อความไม่ใช่ UTF-8 ที่ถูกต้อง%s",
			       "text is not valid UTF-8%s", "");
	return 0;
}

static int check_amount(int64_t amount, const char *field, struct err *e)
{
	if (amount <= 0 || amount > MONEY_MAX)
		return err_set(e, ERR_INVALID, field,
			       "จำนวนเงินต้องมากกว่าศูนย์และไม่เกิน 10 ล้านบาท%s",
			       "the amount must be above zero and at most 10 million baht%s", "");
	return 0;
}

/* Parses a required date that may not lie in the future. */
static int parse_day(struct app *app, const char *text, const char *field, struct date *d,
		     struct err *e)
{
	int r;

	if (empty(text))
		return err_set(e, ERR_INVALID, field, "กรุณาระบุวันที่%s", "a date is required%s",
			       "");
	if ((r = date_parse(text, 0, d, field, e)))
		return r;
	if (date_cmp(*d, app_today(app)) > 0)
		return err_set(e, ERR_INVALID, field, "วันที่ต้องไม่เป็นวันในอนาคต%s",
			       "the date must not be in the future%s", "");
	return 0;
}

/* Money may not move on or before the fund's closed period. */
static int check_open(const struct fund *f, struct date d, const char *field, struct err *e)
{
	struct buf th = BUF_INIT, en = BUF_INIT;
	int r;

	if (!f->closed_through.y || date_cmp(d, f->closed_through) > 0)
		return 0;
	date_format(f->closed_through, DATE_LONG, 0, &th, NULL);
	date_format(f->closed_through, DATE_LONG, DATE_ENGLISH, &en, NULL);
	r = err_set(e, ERR_CONFLICT, field,
		    "ปิดบัญชีถึงวันที่ %s%.0s แล้ว ไม่สามารถลงรายการก่อนหรือในวันนั้นได้",
		    "the books are closed through %.0s%s: no entry may be dated on or before it",
		    th.ptr, en.ptr);
	buf_release(&th);
	buf_release(&en);
	return r;
}

/* The actor's database and the fund, checked against perm. */
static int open_fund(struct app *app, const struct actor *a, enum perm perm, int64_t fund_id,
		     struct db **db, struct fund *f, struct err *e)
{
	int r;

	if (!(*db = app_db(app, e)))
		return ERR_DB;
	if ((r = fund_get(*db, fund_id, f, e)))
		return r;
	if ((r = actor_check(a, perm, f->area, e)))
		return r;
	/* Volunteers survey people; a fund's records and money are kept by its
	 * committee and the officers above it. */
	if (perm != PERM_READ && a->role == ROLE_VOLUNTEER)
		return err_set(e, ERR_FORBIDDEN, NULL,
			       "อาสาสมัครไม่มีสิทธิ์บันทึกข้อมูลของกองทุน%s",
			       "volunteers may not change a fund's records%s", "");
	return 0;
}

/* Starts the transaction and takes the fund's lock; re-reads the fund so
 * what is checked next is settled (closed period, counters). */
static int begin(struct db *db, struct fund *f, struct err *e)
{
	int r;

	if ((r = db_begin(db, e)))
		return r;
	if ((r = fund_lock(db, f->id, e)) || (r = fund_get(db, f->id, f, e))) {
		db_rollback(db);
		return r;
	}
	return 0;
}

static int audit(struct app *app, struct db *db, const struct actor *a, const struct fund *f,
		 const char *action, json_t *after, struct err *e)
{
	char eid[24], *s = dump(after);
	int r;

	id_text(f->id, eid);
	r = app_audit(app, db, a, action, "fund", eid, f->area, NULL, s, e);
	free(s);
	return r;
}

static bool valid_key(const char *k)
{
	size_t n = k ? strlen(k) : 0;

	if (n < 1 || n > 128)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)k[i] < 0x21 || (unsigned char)k[i] > 0x7e)
			return false;
	return true;
}

/* A hash of a request's text, to tell a repeat from a reuse of its key. */
static void request_hash(const char *text, char out[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)text, strlen(text), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/*
 * Inside the transaction: has this key been used? *done is set (and the
 * caller returns *result) when the same request already ran.
 */
static int idem_check(struct db *db, const struct actor *a, const char *key, const char *op,
		      const char *req, bool *done, int64_t *result, struct err *e)
{
	char h[65];

	*done = false;
	if (empty(key))
		return 0;
	if (!valid_key(key))
		return err_set(e, ERR_INVALID, "idempotency_key",
			       "รหัสป้องกันการทำรายการซ้ำต้องยาว 1-128 ตัวอักษร ASCII%s",
			       "the idempotency key must be 1-128 printable ASCII characters%s", "");
	request_hash(req, h);
	return idem_find(db, a->id, key, op, h, done, result, e);
}

static int idem_save(struct app *app, struct db *db, const struct actor *a, const char *key,
		     const char *op, const char *req, int64_t result, struct err *e)
{
	char h[65], now[32];

	if (empty(key))
		return 0;
	request_hash(req, h);
	app_iso_time(app_time(app), now);
	return idem_insert(db, a->id, key, op, h, result, now, e);
}

static int account_id(struct db *db, int64_t book_id, const char *code, int64_t *id,
		      struct err *e)
{
	struct account acc;
	int r;

	*id = 0;
	if ((r = account_by_code(db, book_id, code, &acc, e)))
		return r;
	*id = acc.id;
	return 0;
}

/* A cash or bank account of the book (0: cash in hand). */
static int cash_account(struct db *db, int64_t book_id, int64_t want, const char *field,
			int64_t *id, struct err *e)
{
	struct account acc;
	int r;

	if (!want)
		return account_id(db, book_id, ACC_CASH, id, e);
	if ((r = account_get(db, want, &acc, e)) && r != ERR_NOT_FOUND)
		return r;
	if (r || acc.book_id != book_id || !acc.cash)
		return err_set(e, ERR_INVALID, field,
			       "ต้องเป็นบัญชีเงินสดหรือเงินฝากธนาคารของกองทุนนี้%s",
			       "must be a cash or bank account of this fund%s", "");
	*id = acc.id;
	return 0;
}

static int post(struct app *app, struct db *db, const struct actor *a, const struct fund *f,
		struct date on, const char *desc, const char *source, int64_t source_id,
		const struct ledger_line *lines, size_t n, int64_t *entry_id, struct err *e)
{
	struct posting p = { f->book_id, on, desc, source, source_id, 0, lines, n };
	char now[32];

	app_iso_time(app_time(app), now);
	return ledger_post(db, &p, a->username, now, entry_id, e);
}

static int load_statutes(struct db *db, int64_t fund_id, struct statute_version **v,
			 int64_t **ids, size_t *n, struct err *e)
{
	int r = statute_load(db, fund_id, v, ids, n, e);

	if (!r && !*n) {
		free(*v);
		*v = NULL;
		if (ids) {
			free(*ids);
			*ids = NULL;
		}
		r = err_set(e, ERR_CONFLICT, NULL, "กองทุนยังไม่มีข้อบังคับ%s",
			    "the fund has no statute yet%s", "");
	}
	return r;
}

/* A benefit's Thai name for journal descriptions: from the newest statute
 * version that has it, else its code. */
static void benefit_label(struct db *db, int64_t fund_id, const char *code, char *out,
			  size_t size)
{
	struct statute_version *v = NULL;
	size_t n = 0;

	snprintf(out, size, "%s", code);
	if (statute_load(db, fund_id, &v, NULL, &n, NULL))
		return;
	for (size_t i = n; i-- > 0;) {
		const struct benefit_rule *b = fund_benefit(&v[i].s, code);

		if (b) {
			snprintf(out, size, "%s", b->name_th);
			break;
		}
	}
	free(v);
}

/* ------------------------------------------------------------------ funds */

static int fund_from_in(struct app *app, const struct fund_in *in, struct fund *f, struct err *e)
{
	int r;

	if ((r = check_text(in->name, "name", true, 200, e)) ||
	    (r = check_text(in->reg_no, "reg_no", false, 60, e)) ||
	    (r = check_text(in->juristic_no, "juristic_no", false, 60, e)) ||
	    (r = check_text(in->address, "address", false, 500, e)) ||
	    (r = check_text(in->phone, "phone", false, 30, e)))
		return r;
	if ((r = parse_day(app, in->founded_on, "founded_on", &f->founded_on, e)))
		return r;
	snprintf(f->name, sizeof(f->name), "%s", in->name);
	snprintf(f->reg_no, sizeof(f->reg_no), "%s", in->reg_no ? in->reg_no : "");
	f->juristic = in->juristic;
	snprintf(f->juristic_no, sizeof(f->juristic_no), "%s", in->juristic_no ? in->juristic_no : "");
	snprintf(f->address, sizeof(f->address), "%s", in->address ? in->address : "");
	snprintf(f->phone, sizeof(f->phone), "%s", in->phone ? in->phone : "");
	return 0;
}

static json_t *fund_json(const struct fund *f)
{
	char d[16];

	iso(f->founded_on, d);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:s}", "id", (json_int_t)f->id, "area",
			 f->area, "name", f->name, "reg_no", f->reg_no, "founded_on", d,
			 "juristic", f->juristic, "juristic_no", f->juristic_no);
}

int app_fund_add(struct app *app, const struct actor *a, const struct fund_in *in, int64_t *id,
		 struct err *e)
{
	struct fund f;
	struct geo_area g;
	struct fund_statute *s = NULL;
	struct buf rules = BUF_INIT;
	size_t nchart;
	const struct chart_account *chart = ledger_chart(&nchart);
	char now[32];
	int64_t acc, sid;
	struct db *db;
	int r;

	*id = 0;
	memset(&f, 0, sizeof(f));
	if (empty(in->area) || strlen(in->area) != 6)
		return err_set(e, ERR_INVALID, "area", "กองทุนต้องอยู่ในตำบล (รหัส 6 หลัก)%s",
			       "a fund belongs to a tambon (a 6-digit code)%s", "");
	if ((r = fund_from_in(app, in, &f, e)))
		return r;
	snprintf(f.area, sizeof(f.area), "%s", in->area);
	snprintf(f.province, sizeof(f.province), "%.2s", in->area);
	if ((r = actor_check(a, PERM_WRITE, f.area, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	r = geo_area_get(db, f.area, &g, e);
	if (r == ERR_NOT_FOUND || r == ERR_INVALID)
		return err_set(e, ERR_INVALID, "area", "ไม่พบตำบลรหัส %s", "unknown tambon %s",
			       f.area);
	if (r)
		return r;
	geo_area_release(&g);
	s = xcalloc(1, sizeof(*s));
	fund_statute_default(s);
	fund_statute_json(s, &rules);
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		goto out;
	if ((r = ledger_book_insert(db, "fund", f.area, f.name, now, &f.book_id, e)) ||
	    (r = fund_insert(db, &f, now, id, e)))
		goto fail;
	f.id = *id;
	for (size_t i = 0; i < nchart; i++)
		if ((r = account_insert(db, f.book_id, chart[i].code, chart[i].name_th, chart[i].name_en,
					chart[i].type, chart[i].admin, chart[i].cash, &acc, e)))
			goto fail;
	if ((r = statute_insert(db, *id, f.founded_on, rules.ptr, f.founded_on,
				"ข้อบังคับเริ่มต้น / default statute", a->username, now, &sid, e)))
		goto fail;
	if ((r = audit(app, db, a, &f, "create", fund_json(&f), e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
out:
	if (r)
		*id = 0;
	free(s);
	buf_release(&rules);
	return r;
}

int app_fund_update(struct app *app, const struct actor *a, int64_t id, const struct fund_in *in,
		    struct err *e)
{
	struct fund f;
	char now[32];
	struct db *db;
	int r;

	if ((r = open_fund(app, a, PERM_WRITE, id, &db, &f, e)))
		return r;
	if ((r = fund_from_in(app, in, &f, e)))
		return r;
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &(struct fund){ .id = id }, e)))
		return r;
	if ((r = fund_update(db, &f, now, e)) || (r = audit(app, db, a, &f, "update", fund_json(&f), e))) {
		db_rollback(db);
		return r;
	}
	return db_commit(db, e);
}

int app_fund_get(struct app *app, const struct actor *a, int64_t id, struct fund *out,
		 struct err *e)
{
	struct db *db;

	return open_fund(app, a, PERM_READ, id, &db, out, e);
}

int app_fund_list(struct app *app, const struct actor *a, const char *area,
		  struct fund_list *out, struct err *e)
{
	const char *where = empty(area) ? a->area : area;
	struct db *db;
	int r;

	if ((r = actor_check(a, PERM_READ, where, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return fund_list_area(db, where, out, e);
}

int app_fund_branch_add(struct app *app, const struct actor *a, int64_t fund_id,
			const char *area, const char *name, int64_t *id, struct err *e)
{
	struct fund f;
	char now[32];
	struct db *db;
	int r;

	*id = 0;
	if ((r = open_fund(app, a, PERM_WRITE, fund_id, &db, &f, e)))
		return r;
	if ((r = check_text(name, "name", true, 200, e)))
		return r;
	if (empty(area) || !starts_with(area, f.area))
		return err_set(e, ERR_INVALID, "area", "สาขาต้องอยู่ในตำบลของกองทุน (%s)",
			       "a branch must lie in the fund's tambon (%s)", f.area);
	if (strlen(area) == 8) {
		struct geo_area g;
		r = geo_area_get(db, area, &g, e);
		if (r == ERR_NOT_FOUND || r == ERR_INVALID)
			return err_set(e, ERR_INVALID, "area", "ไม่พบหมู่บ้านรหัส %s",
				       "unknown village %s", area);
		if (r)
			return r;
		geo_area_release(&g);
	} else if (strcmp(area, f.area)) {
		return err_set(e, ERR_INVALID, "area", "รหัสพื้นที่ของสาขาไม่ถูกต้อง: %s",
			       "invalid branch area code: %s", area);
	}
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		return r;
	if ((r = fund_branch_insert(db, fund_id, area, name, now, id, e)) ||
	    (r = audit(app, db, a, &f, "branch_add",
		       json_pack("{s:I, s:s, s:s}", "branch_id", (json_int_t)*id, "area", area,
				 "name", name),
		       e))) {
		db_rollback(db);
		*id = 0;
		return r;
	}
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
}

int app_fund_branches(struct app *app, const struct actor *a, int64_t fund_id,
		      struct fund_branch_list *out, struct err *e)
{
	struct fund f;
	struct db *db;
	int r;

	if ((r = open_fund(app, a, PERM_READ, fund_id, &db, &f, e)))
		return r;
	return fund_branch_list(db, fund_id, out, e);
}

static const char *const committee_roles[] = { "chair", "vice_chair", "treasurer", "secretary",
					       "auditor", "member" };

int app_fund_committee_add(struct app *app, const struct actor *a, int64_t fund_id,
			   int64_t person_id, const char *role, const char *term_start,
			   const char *term_end, int64_t *id, struct err *e)
{
	struct committee_member c;
	struct person p;
	struct fund f;
	char now[32];
	bool ok = false;
	struct db *db;
	int64_t merged;
	int r;

	*id = 0;
	memset(&c, 0, sizeof(c));
	if ((r = open_fund(app, a, PERM_WRITE, fund_id, &db, &f, e)))
		return r;
	for (size_t i = 0; i < ARRAY_SIZE(committee_roles); i++)
		ok |= role && !strcmp(role, committee_roles[i]);
	if (!ok)
		return err_set(e, ERR_INVALID, "role", "ตำแหน่งกรรมการไม่ถูกต้อง: %s",
			       "unknown committee role: %s", role ? role : "");
	if ((r = date_parse(term_start ? term_start : "", 0, &c.term_start, "term_start", e)) ||
	    (r = date_parse(term_end ? term_end : "", 0, &c.term_end, "term_end", e)))
		return r;
	if (date_cmp(c.term_end, c.term_start) <= 0)
		return err_set(e, ERR_INVALID, "term_end", "วันสิ้นสุดวาระต้องหลังวันเริ่มวาระ%s",
			       "the term must end after it starts%s", "");
	if ((r = person_get(db, person_id, &p, &merged, e)))
		return r == ERR_NOT_FOUND ? err_set(e, ERR_INVALID, "person_id",
						    "ไม่พบบุคคลหมายเลข %lld",
						    "person %lld not found", (long long)person_id)
					  : r;
	r = actor_check(a, PERM_READ, p.area, e);
	person_release(&p);
	if (r)
		return r;
	c.fund_id = fund_id;
	c.person_id = person_id;
	c.elected_on = c.term_start;
	snprintf(c.role, sizeof(c.role), "%s", role);
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		return r;
	if ((r = committee_insert(db, &c, now, id, e)) ||
	    (r = audit(app, db, a, &f, "committee_add",
		       json_pack("{s:I, s:I, s:s, s:s, s:s}", "committee_id", (json_int_t)*id,
				 "person_id", (json_int_t)person_id, "role", role, "term_start",
				 term_start, "term_end", term_end),
		       e))) {
		db_rollback(db);
		*id = 0;
		return r;
	}
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
}

int app_fund_committee(struct app *app, const struct actor *a, int64_t fund_id,
		       struct date asof, struct committee_list *out, struct err *e)
{
	struct fund f;
	struct db *db;
	int r;

	if ((r = open_fund(app, a, PERM_READ, fund_id, &db, &f, e)))
		return r;
	return committee_list_fund(db, fund_id, asof, out, e);
}

int app_fund_bank_add(struct app *app, const struct actor *a, int64_t fund_id, const char *bank,
		      const char *branch, const char *account_no, const char *account_name,
		      const char *opened_on, int64_t *id, struct err *e)
{
	struct bank_account b;
	struct bank_account_list l = { NULL, 0, 0 };
	struct fund f;
	char now[32], code[16], name_th[256], name_en[256];
	struct db *db;
	int r;

	*id = 0;
	memset(&b, 0, sizeof(b));
	if ((r = open_fund(app, a, PERM_WRITE, fund_id, &db, &f, e)))
		return r;
	if ((r = check_text(bank, "bank", true, 120, e)) ||
	    (r = check_text(branch, "branch", false, 120, e)) ||
	    (r = check_text(account_no, "account_no", true, 30, e)) ||
	    (r = check_text(account_name, "account_name", true, 200, e)) ||
	    (r = parse_day(app, opened_on, "opened_on", &b.opened_on, e)))
		return r;
	for (const char *p = account_no; *p; p++)
		if (!(*p >= '0' && *p <= '9') && *p != '-')
			return err_set(e, ERR_INVALID, "account_no",
				       "เลขที่บัญชีต้องเป็นตัวเลข (อาจมีขีด)%s",
				       "an account number is digits (and hyphens)%s", "");
	b.fund_id = fund_id;
	snprintf(b.bank, sizeof(b.bank), "%s", bank);
	snprintf(b.branch, sizeof(b.branch), "%s", branch ? branch : "");
	snprintf(b.account_no, sizeof(b.account_no), "%s", account_no);
	snprintf(b.account_name, sizeof(b.account_name), "%s", account_name);
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		return r;
	if ((r = bank_list(db, fund_id, &l, e)))
		goto fail;
	snprintf(code, sizeof(code), "%s-%02zu", ACC_BANK, l.n + 1);
	snprintf(name_th, sizeof(name_th), "เงินฝากธนาคาร %s %s", bank, account_no);
	snprintf(name_en, sizeof(name_en), "Bank deposit %s %s", bank, account_no);
	if ((r = account_insert(db, f.book_id, code, name_th, name_en, ACCT_ASSET, false, true,
				&b.ledger_account_id, e)) ||
	    (r = bank_insert(db, &b, now, id, e)) ||
	    (r = audit(app, db, a, &f, "bank_add",
		       json_pack("{s:I, s:s, s:s, s:s}", "bank_account_id", (json_int_t)*id, "bank",
				 bank, "account_no", account_no, "ledger_code", code),
		       e)))
		goto fail;
	bank_account_list_release(&l);
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
fail:
	bank_account_list_release(&l);
	db_rollback(db);
	*id = 0;
	return r;
}

int app_fund_banks(struct app *app, const struct actor *a, int64_t fund_id,
		   struct bank_account_list *out, struct err *e)
{
	struct fund f;
	struct db *db;
	int r;

	if ((r = open_fund(app, a, PERM_READ, fund_id, &db, &f, e)))
		return r;
	return bank_list(db, fund_id, out, e);
}

int app_fund_statute_add(struct app *app, const struct actor *a, int64_t fund_id,
			 const char *effective_from, const char *rules_json, const char *approved_on,
			 const char *note, int64_t *id, struct err *e)
{
	struct fund_statute *s = NULL;
	struct statute_list l = { NULL, 0, 0 };
	struct buf canon = BUF_INIT;
	struct date eff, appr = { 0, 0, 0 };
	struct fund f;
	char now[32];
	struct db *db;
	int r;

	*id = 0;
	if ((r = open_fund(app, a, PERM_WRITE, fund_id, &db, &f, e)))
		return r;
	if ((r = date_parse(effective_from ? effective_from : "", 0, &eff, "effective_from", e)))
		return r;
	if (!empty(approved_on) && (r = parse_day(app, approved_on, "approved_on", &appr, e)))
		return r;
	if ((r = check_text(note, "note", false, 500, e)))
		return r;
	if (empty(rules_json) || strlen(rules_json) > 256 * 1024)
		return err_set(e, ERR_INVALID, "rules", "กรุณาระบุข้อบังคับ (ไม่เกิน 256 KB)%s",
			       "the rules are required (at most 256 KB)%s", "");
	s = xcalloc(1, sizeof(*s));
	if ((r = fund_statute_parse(rules_json, strlen(rules_json), s, e))) {
		if (!e || !e->field[0] || strncmp(e->field, "rules", 5))
			err_prefix(e, "ข้อบังคับ: ", "rules: ");
		goto out;
	}
	fund_statute_json(s, &canon);
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		goto out;
	if ((r = check_open(&f, eff, "effective_from", e)) ||
	    (r = statute_list_fund(db, fund_id, &l, e)))
		goto fail;
	if (l.n && date_cmp(eff, l.items[l.n - 1].effective_from) <= 0) {
		r = err_set(e, ERR_CONFLICT, "effective_from",
			    "ข้อบังคับฉบับใหม่ต้องมีผลหลังฉบับล่าสุด%s",
			    "a new version must take effect after the latest one%s", "");
		goto fail;
	}
	if ((r = statute_insert(db, fund_id, eff, canon.ptr, appr, note ? note : "", a->username,
				now, id, e)) ||
	    (r = audit(app, db, a, &f, "statute_add",
		       json_pack("{s:I, s:s, s:s}", "statute_id", (json_int_t)*id, "effective_from",
				 effective_from, "rules", canon.ptr),
		       e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
	*id = 0;
out:
	statute_list_release(&l);
	buf_release(&canon);
	free(s);
	return r;
}

int app_fund_statutes(struct app *app, const struct actor *a, int64_t fund_id,
		      struct statute_list *out, struct err *e)
{
	struct fund f;
	struct db *db;
	int r;

	if ((r = open_fund(app, a, PERM_READ, fund_id, &db, &f, e)))
		return r;
	return statute_list_fund(db, fund_id, out, e);
}

/* ---------------------------------------------------------------- members */

/* Writes a receipt for a member's payment (fee and/or contribution) with its
 * entry, contributions, paid total and yearly totals. */
static int receive(struct app *app, struct db *db, const struct actor *a, const struct fund *f,
		   const struct member *m, int64_t fee, int64_t contribution, struct date on,
		   const char *method, int64_t *receipt_id, struct err *e)
{
	struct ledger_line lines[3];
	struct receipt rc;
	char now[32], desc[800];
	int64_t cash, acc, entry;
	size_t n = 0;
	int r;

	*receipt_id = 0;
	memset(&rc, 0, sizeof(rc));
	if ((r = cash_account(db, f->book_id, 0, "method", &cash, e)))
		return r;
	if (!strcmp(method, "transfer")) {
		/* A transfer lands in the fund's first bank account. */
		struct bank_account_list l = { NULL, 0, 0 };
		if ((r = bank_list(db, f->id, &l, e)))
			return r;
		if (!l.n) {
			bank_account_list_release(&l);
			return err_set(e, ERR_INVALID, "method",
				       "กองทุนยังไม่มีบัญชีธนาคารสำหรับรับเงินโอน%s",
				       "the fund has no bank account to receive transfers%s", "");
		}
		cash = l.items[0].ledger_account_id;
		bank_account_list_release(&l);
	}
	lines[n++] = (struct ledger_line){ cash, fee + contribution, 0 };
	if (fee) {
		if ((r = account_id(db, f->book_id, ACC_JOINING_FEES, &acc, e)))
			return r;
		lines[n++] = (struct ledger_line){ acc, 0, fee };
	}
	if (contribution) {
		if ((r = account_id(db, f->book_id, ACC_CONTRIBUTIONS, &acc, e)))
			return r;
		lines[n++] = (struct ledger_line){ acc, 0, contribution };
	}
	snprintf(desc, sizeof(desc), "รับเงินจากสมาชิกเลขที่ %lld %s",
		 (long long)m->member_no, m->name);
	if ((r = post(app, db, a, f, on, desc, "receipt", 0, lines, n, &entry, e)))
		return r;
	rc.fund_id = f->id;
	if ((r = fund_next_no(db, f->id, "receipt", &rc.receipt_no, e)))
		return r;
	rc.issued_on = on;
	rc.member_id = m->id;
	snprintf(rc.payer_name, sizeof(rc.payer_name), "%s", m->name);
	rc.total = fee + contribution;
	snprintf(rc.method, sizeof(rc.method), "%s", method);
	rc.entry_id = entry;
	snprintf(rc.created_by, sizeof(rc.created_by), "%s", a->username);
	app_iso_time(app_time(app), now);
	if ((r = receipt_insert(db, &rc, now, receipt_id, e)) ||
	    (r = ledger_set_source(db, entry, *receipt_id, e)))
		return r;
	if (fee && (r = contribution_insert(db, f->id, m->id, *receipt_id, "joining_fee", fee, on,
					    now, e)))
		return r;
	if (contribution &&
	    ((r = contribution_insert(db, f->id, m->id, *receipt_id, "contribution", contribution,
				      on, now, e)) ||
	     (r = member_add_paid(db, m->id, contribution, e))))
		return r;
	return fund_year_add(db, f->id, f->area, on.y, "contributions", fee + contribution, e);
}

static int check_method(const char *method, struct err *e)
{
	if (!method || (strcmp(method, "cash") && strcmp(method, "transfer")))
		return err_set(e, ERR_INVALID, "method", "วิธีชำระเงินต้องเป็นเงินสดหรือโอน%s",
			       "the payment method must be cash or transfer%s", "");
	return 0;
}

int app_member_add(struct app *app, const struct actor *a, int64_t fund_id,
		   const struct member_in *in, const char *idem_key, int64_t *id,
		   int64_t *receipt_id, struct err *e)
{
	struct statute_version *v = NULL;
	struct person p;
	struct member m;
	struct fund f;
	char now[32], req[512];
	const char *method = empty(in->method) ? "cash" : in->method;
	const struct statute_version *sv;
	int64_t other, merged, found_id;
	bool done, have_person = false;
	struct db *db;
	size_t nv = 0;
	int r;

	*id = 0;
	*receipt_id = 0;
	memset(&m, 0, sizeof(m));
	if ((r = open_fund(app, a, PERM_WRITE, fund_id, &db, &f, e)))
		return r;
	if ((r = parse_day(app, in->joined_on, "joined_on", &m.joined_on, e)) ||
	    (r = check_text(in->beneficiary_name, "beneficiary_name", false, 200, e)) ||
	    (r = check_text(in->beneficiary_relation, "beneficiary_relation", false, 60, e)) ||
	    (r = check_method(method, e)))
		return r;
	if (date_cmp(m.joined_on, f.founded_on) < 0)
		return err_set(e, ERR_INVALID, "joined_on", "วันที่สมัครต้องไม่ก่อนวันก่อตั้งกองทุน%s",
			       "the join date cannot be before the fund was founded%s", "");
	if ((r = person_get(db, in->person_id, &p, &merged, e))) {
		if (r == ERR_NOT_FOUND)
			r = err_set(e, ERR_INVALID, "person_id", "ไม่พบบุคคลหมายเลข %lld",
				    "person %lld not found", (long long)in->person_id);
		return r;
	}
	have_person = true;
	if (merged) {
		r = err_set(e, ERR_INVALID, "person_id", "บุคคลนี้ถูกรวมเข้ากับระเบียน %lld แล้ว",
			    "this person was merged into record %lld", (long long)merged);
		goto out;
	}
	if ((r = actor_check(a, PERM_READ, p.area, e)))
		goto out;
	if (p.death.y) {
		r = err_set(e, ERR_INVALID, "person_id", "บุคคลนี้เสียชีวิตแล้ว%s",
			    "this person has died%s", "");
		goto out;
	}
	if (in->branch_id) {
		struct fund_branch b;
		if ((r = fund_branch_get(db, in->branch_id, &b, e)) || b.fund_id != fund_id) {
			r = err_set(e, ERR_INVALID, "branch_id", "ไม่พบสาขานี้ในกองทุน%s",
				    "no such branch in this fund%s", "");
			goto out;
		}
	}
	m.fund_id = fund_id;
	m.person_id = in->person_id;
	m.branch_id = in->branch_id;
	m.seniority_from = m.joined_on;
	m.beneficiary_person_id = in->beneficiary_person_id;
	snprintf(m.beneficiary_name, sizeof(m.beneficiary_name), "%s",
		 in->beneficiary_name ? in->beneficiary_name : "");
	snprintf(m.beneficiary_relation, sizeof(m.beneficiary_relation), "%s",
		 in->beneficiary_relation ? in->beneficiary_relation : "");
	snprintf(m.name, sizeof(m.name), "%s%s %s", p.title, p.given_name, p.family_name);
	snprintf(req, sizeof(req), "%lld|%lld|%s|%lld|%s", (long long)fund_id,
		 (long long)in->person_id, in->joined_on, (long long)in->branch_id, method);
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		goto out;
	if ((r = idem_check(db, a, idem_key, "member_add", req, &done, &found_id, e)))
		goto fail;
	if (done) {
		db_rollback(db);
		*id = found_id;
		if (!(r = member_get(db, found_id, &m, e)))
			*receipt_id = 0;
		goto out;
	}
	if ((r = check_open(&f, m.joined_on, "joined_on", e)) ||
	    (r = member_active_of_person(db, in->person_id, &other, e)))
		goto fail;
	if (other) {
		r = err_set(e, ERR_CONFLICT, "person_id",
			    "บุคคลนี้เป็นสมาชิกกองทุนอยู่แล้ว (สมาชิกหมายเลข %lld) ให้ใช้การย้ายกองทุน",
			    "this person is already an active fund member (member %lld): use a transfer",
			    (long long)other);
		goto fail;
	}
	if ((r = load_statutes(db, fund_id, &v, NULL, &nv, e)))
		goto fail;
	sv = fund_statute_at(v, nv, m.joined_on);
	m.joining_fee = (sv ? sv : &v[0])->s.joining_fee;
	if ((r = fund_next_no(db, fund_id, "member", &m.member_no, e)) ||
	    (r = member_insert(db, &m, now, id, e)))
		goto fail;
	m.id = *id;
	if ((r = member_event_insert(db, *id, "joined", m.joined_on, "", a->username, now, e)) ||
	    (r = fund_add_members_active(db, fund_id, 1, e)))
		goto fail;
	if (m.joining_fee &&
	    (r = receive(app, db, a, &f, &m, m.joining_fee, 0, m.joined_on, method, receipt_id, e)))
		goto fail;
	if ((r = idem_save(app, db, a, idem_key, "member_add", req, *id, e)) ||
	    (r = audit(app, db, a, &f, "member_add",
		       json_pack("{s:I, s:I, s:I, s:s, s:I, s:I}", "member_id", (json_int_t)*id,
				 "member_no", (json_int_t)m.member_no, "person_id",
				 (json_int_t)m.person_id, "joined_on", in->joined_on, "joining_fee",
				 (json_int_t)m.joining_fee, "receipt_id", (json_int_t)*receipt_id),
		       e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
	*id = 0;
	*receipt_id = 0;
out:
	free(v);
	if (have_person)
		person_release(&p);
	return r;
}

/* Fills m->standing and m->due_now on asof. */
static void standing_of(const struct statute_version *v, size_t nv, struct member *m,
			struct date asof)
{
	fund_standing(v, nv, m->joined_on, m->paid_total, asof, &m->standing);
	m->due_now = m->standing.balance < 0 ? -m->standing.balance : 0;
	if (strcmp(m->status, "active")) {
		m->standing.in_arrears = m->standing.suspended = false;
		m->due_now = 0;
	}
}

int app_member_get(struct app *app, const struct actor *a, int64_t id, struct date asof,
		   struct member *out, struct member_standing *standing, struct err *e)
{
	struct statute_version *v = NULL;
	struct fund f;
	struct db *db;
	size_t nv;
	int r;

	memset(out, 0, sizeof(*out));
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = member_get(db, id, out, e)) ||
	    (r = open_fund(app, a, PERM_READ, out->fund_id, &db, &f, e)) ||
	    (r = load_statutes(db, out->fund_id, &v, NULL, &nv, e)))
		goto out;
	standing_of(v, nv, out, asof.y ? asof : app_today(app));
	if (standing)
		*standing = out->standing;
out:
	free(v);
	if (r)
		memset(out, 0, sizeof(*out));
	return r;
}

static bool computed_status(const char *s)
{
	return s && (!strcmp(s, "in_arrears") || !strcmp(s, "suspended") || !strcmp(s, "good"));
}

int app_member_list(struct app *app, const struct actor *a, const struct member_query *q,
		    struct member_list *out, struct err *e)
{
	static const char *const statuses[] = { "", "active", "resigned", "deceased", "transferred",
						"in_arrears", "suspended", "good" };
	struct statute_version *v = NULL;
	struct member_list all = { NULL, 0, 0 };
	struct date asof = q->asof.y ? q->asof : app_today(app);
	const char *status = q->status ? q->status : "";
	int limit = q->limit > 0 && q->limit <= 1000 ? q->limit : 100;
	bool ok = false;
	struct fund f;
	struct db *db;
	size_t nv;
	int r;

	for (size_t i = 0; i < ARRAY_SIZE(statuses); i++)
		ok |= !strcmp(status, statuses[i]);
	if (!ok)
		return err_set(e, ERR_INVALID, "status", "สถานะสมาชิกไม่ถูกต้อง: %s",
			       "unknown member status: %s", status);
	if ((r = open_fund(app, a, PERM_READ, q->fund_id, &db, &f, e)) ||
	    (r = load_statutes(db, q->fund_id, &v, NULL, &nv, e)))
		goto out;
	if (!computed_status(status)) {
		if ((r = member_list_fund(db, q->fund_id, status, q->branch_id, limit,
					  q->offset > 0 ? q->offset : 0, out, e)))
			goto out;
		for (size_t i = 0; i < out->n; i++)
			standing_of(v, nv, &out->items[i], asof);
		goto out;
	}
	/* Arrears are computed, so filter the active members after computing. */
	if ((r = member_list_fund(db, q->fund_id, "active", q->branch_id, 1000000, 0, &all, e)))
		goto out;
	for (size_t i = 0, seen = 0; i < all.n && out->n < (size_t)limit; i++) {
		struct member *m = &all.items[i];
		bool take;
		standing_of(v, nv, m, asof);
		if (!strcmp(status, "suspended"))
			take = m->standing.suspended;
		else if (!strcmp(status, "in_arrears"))
			take = m->standing.in_arrears && !m->standing.suspended;
		else
			take = !m->standing.in_arrears;
		if (take && seen++ >= (size_t)(q->offset > 0 ? q->offset : 0))
			*member_list_push(out) = *m;
	}
out:
	member_list_release(&all);
	free(v);
	if (r)
		member_list_release(out);
	return r;
}

/* Ends a membership inside the caller's transaction. */
static int end_member(struct app *app, struct db *db, const struct actor *a,
		      const struct fund *f, const struct member *m, const char *status,
		      struct date on, const char *note, int64_t to, struct err *e)
{
	char now[32], d[16];
	int r;

	app_iso_time(app_time(app), now);
	iso(on, d);
	if ((r = member_set_status(db, m->id, status, on, note, to, now, e)) ||
	    (r = member_event_insert(db, m->id, status, on, note, a->username, now, e)) ||
	    (r = fund_add_members_active(db, f->id, -1, e)))
		return r;
	return audit(app, db, a, f, "member_end",
		     json_pack("{s:I, s:s, s:s, s:s}", "member_id", (json_int_t)m->id, "status",
			       status, "on", d, "note", note),
		     e);
}

int app_member_end(struct app *app, const struct actor *a, int64_t id, const char *status,
		   const char *date, const char *note, struct err *e)
{
	struct member m;
	struct fund f;
	struct date on;
	struct db *db;
	int r;

	if (!status || (strcmp(status, "resigned") && strcmp(status, "deceased")))
		return err_set(e, ERR_INVALID, "status", "สถานะต้องเป็นลาออกหรือเสียชีวิต%s",
			       "the status must be resigned or deceased%s", "");
	if ((r = parse_day(app, date, "date", &on, e)) ||
	    (r = check_text(note, "note", false, 250, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = member_get(db, id, &m, e)) ||
	    (r = open_fund(app, a, PERM_WRITE, m.fund_id, &db, &f, e)))
		return r;
	if ((r = begin(db, &f, e)))
		return r;
	if ((r = member_get(db, id, &m, e)))
		goto fail;
	if (strcmp(m.status, "active")) {
		r = err_set(e, ERR_CONFLICT, "status", "สมาชิกภาพสิ้นสุดไปแล้ว (%s)",
			    "the membership has already ended (%s)", m.status);
		goto fail;
	}
	if (date_cmp(on, m.joined_on) < 0) {
		r = err_set(e, ERR_INVALID, "date", "วันที่สิ้นสุดต้องไม่ก่อนวันที่สมัคร%s",
			    "the end date cannot be before the join date%s", "");
		goto fail;
	}
	if ((r = end_member(app, db, a, &f, &m, status, on, note ? note : "", 0, e)))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return r;
}

int app_member_transfer(struct app *app, const struct actor *a, int64_t id, int64_t to_fund_id,
			const char *date, int64_t *new_id, struct err *e)
{
	struct member m, n;
	struct fund f, to;
	struct date on;
	char now[32], note[64];
	struct db *db;
	int r;

	*new_id = 0;
	if ((r = parse_day(app, date, "date", &on, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = member_get(db, id, &m, e)) ||
	    (r = open_fund(app, a, PERM_WRITE, m.fund_id, &db, &f, e)))
		return r;
	if (to_fund_id == m.fund_id)
		return err_set(e, ERR_INVALID, "to_fund_id", "ต้องย้ายไปกองทุนอื่น%s",
			       "the member must move to another fund%s", "");
	if ((r = open_fund(app, a, PERM_WRITE, to_fund_id, &db, &to, e)))
		return r == ERR_NOT_FOUND ? err_set(e, ERR_INVALID, "to_fund_id",
						    "ไม่พบกองทุนปลายทาง%s",
						    "the destination fund was not found%s", "")
					  : r;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	/* Lock both funds in id order so two opposite transfers cannot deadlock. */
	if ((r = fund_lock(db, f.id < to.id ? f.id : to.id, e)) ||
	    (r = fund_lock(db, f.id < to.id ? to.id : f.id, e)) ||
	    (r = fund_get(db, f.id, &f, e)) || (r = fund_get(db, to.id, &to, e)) ||
	    (r = member_get(db, id, &m, e)))
		goto fail;
	if (strcmp(m.status, "active")) {
		r = err_set(e, ERR_CONFLICT, "status", "ย้ายได้เฉพาะสมาชิกที่ยังมีสถานะอยู่ (%s)",
			    "only an active member can transfer (%s)", m.status);
		goto fail;
	}
	if (date_cmp(on, m.joined_on) < 0 || date_cmp(on, to.founded_on) < 0) {
		r = err_set(e, ERR_INVALID, "date", "วันที่ย้ายต้องไม่ก่อนวันที่สมัครหรือวันก่อตั้งกองทุนปลายทาง%s",
			    "the transfer date cannot be before the join date or the new fund's founding%s",
			    "");
		goto fail;
	}
	if ((r = check_open(&to, on, "date", e)))
		goto fail;
	n = m;
	n.fund_id = to.id;
	n.branch_id = 0;
	n.joined_on = on;
	n.joining_fee = 0; /* seniority moves with the member; no new fee */
	n.transferred_from = m.id;
	if ((r = fund_next_no(db, to.id, "member", &n.member_no, e)) ||
	    (r = member_insert(db, &n, now, new_id, e)) ||
	    (r = member_event_insert(db, *new_id, "transferred_in", on, "", a->username, now, e)) ||
	    (r = fund_add_members_active(db, to.id, 1, e)))
		goto fail;
	snprintf(note, sizeof(note), "fund %lld", (long long)to.id);
	if ((r = end_member(app, db, a, &f, &m, "transferred", on, note, *new_id, e)) ||
	    (r = audit(app, db, a, &to, "member_transfer_in",
		       json_pack("{s:I, s:I, s:I}", "member_id", (json_int_t)*new_id, "from_member",
				 (json_int_t)m.id, "from_fund", (json_int_t)f.id),
		       e)))
		goto fail;
	if ((r = db_commit(db, e)))
		*new_id = 0;
	return r;
fail:
	db_rollback(db);
	*new_id = 0;
	return r;
}

int app_member_events(struct app *app, const struct actor *a, int64_t id,
		      struct member_event_list *out, struct err *e)
{
	struct member m;
	struct fund f;
	struct db *db;
	int r;

	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = member_get(db, id, &m, e)) ||
	    (r = open_fund(app, a, PERM_READ, m.fund_id, &db, &f, e)))
		return r;
	return member_event_list_of(db, id, out, e);
}

/* The registry's death hook: inside the transaction that records a death. */
static int on_death(struct app *app, struct db *db, const struct actor *a, int64_t person_id,
		    struct date death, struct err *e)
{
	struct member m;
	struct fund f;
	int64_t id;
	int r;

	if ((r = member_active_of_person(db, person_id, &id, e)) || !id)
		return r;
	if ((r = member_get(db, id, &m, e)) || (r = fund_lock(db, m.fund_id, e)) ||
	    (r = fund_get(db, m.fund_id, &f, e)))
		return r;
	if (date_cmp(death, m.joined_on) < 0)
		death = m.joined_on;
	return end_member(app, db, a, &f, &m, "deceased", death, "registry", 0, e);
}

void app_fund_register_hooks(void)
{
	app_person_on_death(on_death);
}

/* ------------------------------------------------------------- payments */

int app_fund_pay(struct app *app, const struct actor *a, int64_t member_id, int64_t amount,
		 const char *paid_on, const char *method, const char *idem_key, int64_t *receipt_id,
		 struct err *e)
{
	struct member m;
	struct fund f;
	struct date on;
	char req[256];
	bool done;
	struct db *db;
	int r;

	*receipt_id = 0;
	if ((r = check_amount(amount, "amount", e)) ||
	    (r = parse_day(app, paid_on, "paid_on", &on, e)) ||
	    (r = check_method(method ? method : "cash", e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = member_get(db, member_id, &m, e)) ||
	    (r = open_fund(app, a, PERM_WRITE, m.fund_id, &db, &f, e)))
		return r;
	snprintf(req, sizeof(req), "%lld|%lld|%s|%s", (long long)member_id, (long long)amount,
		 paid_on, method ? method : "cash");
	if ((r = begin(db, &f, e)))
		return r;
	if ((r = idem_check(db, a, idem_key, "pay", req, &done, receipt_id, e)))
		goto fail;
	if (done) {
		db_rollback(db);
		return 0;
	}
	if ((r = member_get(db, member_id, &m, e)) || (r = check_open(&f, on, "paid_on", e)))
		goto fail;
	if (strcmp(m.status, "active")) {
		r = err_set(e, ERR_CONFLICT, "member_id", "สมาชิกภาพสิ้นสุดแล้ว (%s) รับชำระไม่ได้",
			    "the membership has ended (%s): no payment can be taken", m.status);
		goto fail;
	}
	if (date_cmp(on, m.joined_on) < 0) {
		r = err_set(e, ERR_INVALID, "paid_on", "วันที่ชำระต้องไม่ก่อนวันที่สมัคร%s",
			    "the payment date cannot be before the join date%s", "");
		goto fail;
	}
	if ((r = receive(app, db, a, &f, &m, 0, amount, on, method ? method : "cash", receipt_id,
			 e)) ||
	    (r = idem_save(app, db, a, idem_key, "pay", req, *receipt_id, e)) ||
	    (r = audit(app, db, a, &f, "pay",
		       json_pack("{s:I, s:I, s:I, s:s}", "receipt_id", (json_int_t)*receipt_id,
				 "member_id", (json_int_t)member_id, "amount", (json_int_t)amount,
				 "paid_on", paid_on),
		       e)))
		goto fail;
	if ((r = db_commit(db, e)))
		*receipt_id = 0;
	return r;
fail:
	db_rollback(db);
	*receipt_id = 0;
	return r;
}

#define COLLECT_MAX 5000

int app_fund_collect(struct app *app, const struct actor *a, int64_t fund_id, int64_t branch_id,
		     const char *paid_on, const char *method, struct collect_item *items, size_t n,
		     const char *idem_key, struct err *e)
{
	struct buf req = BUF_INIT;
	struct fund f;
	struct date on;
	int64_t total = 0, paid = 0, first = 0;
	bool done;
	struct db *db;
	int r;

	for (size_t i = 0; i < n; i++)
		items[i].receipt_id = 0;
	if (n == 0 || n > COLLECT_MAX)
		return err_set(e, ERR_INVALID, "items", "ใบเก็บเงินต้องมี 1 ถึง %d รายการ",
			       "a collection sheet has 1 to %d lines", COLLECT_MAX);
	if ((r = parse_day(app, paid_on, "paid_on", &on, e)) ||
	    (r = check_method(method ? method : "cash", e)))
		return r;
	for (size_t i = 0; i < n; i++) {
		if (items[i].amount < 0 || items[i].amount > MONEY_MAX)
			return err_set(e, ERR_INVALID, "items",
				       "รายการที่ %zu: จำนวนเงินไม่ถูกต้อง",
				       "line %zu: invalid amount", i + 1);
		for (size_t j = 0; j < i; j++)
			if (items[j].member_id == items[i].member_id)
				return err_set(e, ERR_INVALID, "items",
					       "รายการที่ %zu: สมาชิกซ้ำกับรายการที่ %zu",
					       "line %zu: the same member as line %zu", i + 1, j + 1);
	}
	if ((r = open_fund(app, a, PERM_WRITE, fund_id, &db, &f, e)))
		return r;
	buf_printf(&req, "%lld|%lld|%s|%s", (long long)fund_id, (long long)branch_id, paid_on,
		 method ? method : "cash");
	for (size_t i = 0; i < n; i++)
		buf_printf(&req, "|%lld:%lld", (long long)items[i].member_id,
			 (long long)items[i].amount);
	if ((r = begin(db, &f, e)))
		goto out;
	if ((r = idem_check(db, a, idem_key, "collect", req.ptr, &done, &first, e)))
		goto fail;
	if (done) {
		/* The sheet ran before: hand back the receipts it issued. */
		db_rollback(db);
		for (size_t i = 0; i < n && first; i++) {
			if (!items[i].amount)
				continue;
			struct receipt_list l = { NULL, 0, 0 };
			if ((r = receipt_list_of(db, fund_id, items[i].member_id, 50, 0, &l, e)))
				goto out;
			for (size_t k = 0; k < l.n; k++)
				if (l.items[k].id >= first && l.items[k].total == items[i].amount &&
				    date_cmp(l.items[k].issued_on, on) == 0)
					items[i].receipt_id = l.items[k].id;
			receipt_list_release(&l);
		}
		goto out;
	}
	if ((r = check_open(&f, on, "paid_on", e)))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		struct member m;
		if (!items[i].amount)
			continue;
		if ((r = member_get(db, items[i].member_id, &m, e)) || m.fund_id != fund_id) {
			r = err_set(e, ERR_INVALID, "items",
				    "รายการที่ %zu: ไม่ใช่สมาชิกของกองทุนนี้",
				    "line %zu: not a member of this fund", i + 1);
			goto fail;
		}
		if (branch_id && m.branch_id != branch_id) {
			r = err_set(e, ERR_INVALID, "items",
				    "รายการที่ %zu: สมาชิก %lld ไม่ได้อยู่ในสาขานี้",
				    "line %zu: member %lld is not in this branch", i + 1,
				    (long long)m.member_no);
			goto fail;
		}
		if (strcmp(m.status, "active") || date_cmp(on, m.joined_on) < 0) {
			r = err_set(e, ERR_CONFLICT, "items",
				    "รายการที่ %zu: สมาชิก %lld ชำระเงินในวันนี้ไม่ได้ (%s)",
				    "line %zu: member %lld cannot pay on this date (%s)", i + 1,
				    (long long)m.member_no, m.status);
			goto fail;
		}
		if ((r = receive(app, db, a, &f, &m, 0, items[i].amount, on,
				 method ? method : "cash", &items[i].receipt_id, e))) {
			err_prefix(e, "", "");
			goto fail;
		}
		if (!first)
			first = items[i].receipt_id;
		total += items[i].amount;
		paid++;
	}
	if (!paid) {
		r = err_set(e, ERR_INVALID, "items", "ไม่มีรายการที่ชำระเงิน%s",
			    "no one on the sheet paid anything%s", "");
		goto fail;
	}
	if ((r = idem_save(app, db, a, idem_key, "collect", req.ptr, first, e)) ||
	    (r = audit(app, db, a, &f, "collect",
		       json_pack("{s:I, s:s, s:I, s:I, s:I}", "branch_id", (json_int_t)branch_id,
				 "paid_on", paid_on, "payments", (json_int_t)paid, "total",
				 (json_int_t)total, "first_receipt", (json_int_t)first),
		       e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
	for (size_t i = 0; i < n; i++)
		items[i].receipt_id = 0;
out:
	buf_release(&req);
	return r;
}

int app_fund_sheet(struct app *app, const struct actor *a, int64_t fund_id, int64_t branch_id,
		   const char *date, struct member_list *out, struct err *e)
{
	struct member_query q = { fund_id, "active", branch_id, { 0, 0, 0 }, 1000, 0 };
	int r;

	if (!empty(date) && (r = date_parse(date, 0, &q.asof, "date", e)))
		return r;
	return app_member_list(app, a, &q, out, e);
}

int app_receipt_get(struct app *app, const struct actor *a, int64_t id, struct receipt *out,
		    struct err *e)
{
	struct fund f;
	struct db *db;
	int r;

	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = receipt_get(db, id, out, e)) ||
	    (r = open_fund(app, a, PERM_READ, out->fund_id, &db, &f, e)))
		memset(out, 0, sizeof(*out));
	return r;
}

int app_receipt_list(struct app *app, const struct actor *a, int64_t fund_id, int64_t member_id,
		     int limit, int64_t offset, struct receipt_list *out, struct err *e)
{
	struct fund f;
	struct db *db;
	int r;

	if ((r = open_fund(app, a, PERM_READ, fund_id, &db, &f, e)))
		return r;
	return receipt_list_of(db, fund_id, member_id, limit > 0 && limit <= 500 ? limit : 50,
			       offset > 0 ? offset : 0, out, e);
}

/* Posts the mirror image of an entry, dated on, and links the two. */
static int reverse_entry(struct app *app, struct db *db, const struct actor *a,
			 const struct fund *f, int64_t entry_id, struct date on,
			 const char *reason, int64_t *reversal, struct err *e)
{
	struct ledger_line lines[LEDGER_MAX_LINES];
	struct posting p;
	struct entry x;
	char now[32], desc[600];
	int r;

	if ((r = entry_get(db, entry_id, &x, e)))
		return r;
	if (x.reversed_by)
		return err_set(e, ERR_CONFLICT, NULL, "รายการบัญชี %lld ถูกกลับรายการไปแล้ว",
			       "journal entry %lld was already reversed", (long long)x.entry_no);
	if (x.reverses)
		return err_set(e, ERR_CONFLICT, NULL, "รายการ %lld เป็นรายการกลับบัญชีอยู่แล้ว",
			       "entry %lld is itself a reversal", (long long)x.entry_no);
	if (date_cmp(on, x.posted_on) < 0)
		return err_set(e, ERR_INVALID, "date", "วันที่กลับรายการต้องไม่ก่อนวันที่ของรายการเดิม%s",
			       "a reversal cannot be dated before the entry it reverses%s", "");
	for (int i = 0; i < x.nlines; i++)
		lines[i] = (struct ledger_line){ x.lines[i].account_id, x.lines[i].credit,
						 x.lines[i].debit };
	snprintf(desc, sizeof(desc), "กลับรายการ %lld: %s", (long long)x.entry_no, reason);
	p = (struct posting){ f->book_id, on, desc, "reversal", x.source_id, x.id, lines,
			      (size_t)x.nlines };
	app_iso_time(app_time(app), now);
	if ((r = ledger_post(db, &p, a->username, now, reversal, e)))
		return r;
	return ledger_set_reversed(db, x.id, *reversal, e);
}

int app_receipt_void(struct app *app, const struct actor *a, int64_t id, const char *date,
		     const char *reason, struct err *e)
{
	struct receipt rc;
	struct fund f;
	struct date on;
	char now[32];
	int64_t rev;
	struct db *db;
	int r;

	if ((r = parse_day(app, date, "date", &on, e)) ||
	    (r = check_text(reason, "reason", true, 250, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = receipt_get(db, id, &rc, e)) ||
	    (r = open_fund(app, a, PERM_WRITE, rc.fund_id, &db, &f, e)))
		return r;
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		return r;
	if ((r = receipt_get(db, id, &rc, e)) || (r = check_open(&f, on, "date", e)))
		goto fail;
	if (rc.voided_on.y) {
		r = err_set(e, ERR_CONFLICT, NULL, "ใบเสร็จเลขที่ %lld ถูกยกเลิกไปแล้ว",
			    "receipt %lld was already voided", (long long)rc.receipt_no);
		goto fail;
	}
	if ((r = reverse_entry(app, db, a, &f, rc.entry_id, on, reason, &rev, e)) ||
	    (r = receipt_set_void(db, id, on, reason, e)))
		goto fail;
	if (rc.fee && (r = contribution_insert(db, f.id, rc.member_id, id, "joining_fee", -rc.fee,
					       on, now, e)))
		goto fail;
	if (rc.contribution &&
	    ((r = contribution_insert(db, f.id, rc.member_id, id, "contribution", -rc.contribution,
				      on, now, e)) ||
	     (r = member_add_paid(db, rc.member_id, -rc.contribution, e))))
		goto fail;
	if ((r = fund_year_add(db, f.id, f.area, rc.issued_on.y, "contributions", -rc.total, e)) ||
	    (r = audit(app, db, a, &f, "receipt_void",
		       json_pack("{s:I, s:I, s:s, s:I}", "receipt_id", (json_int_t)id, "receipt_no",
				 (json_int_t)rc.receipt_no, "reason", reason, "reversal_entry",
				 (json_int_t)rev),
		       e)))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return r;
}

/* --------------------------------------------------------------- claims */

static char *calc_json(const struct claim_result *res)
{
	json_t *a = json_array();

	for (int i = 0; i < res->nlines; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "th", res->lines[i].th, "en",
						   res->lines[i].en));
	return dump(a);
}

/*
 * Judges a claim now: the statute in force on its event date, the person's
 * standing and history. *statute_id gets the version used.
 */
static int judge(struct app *app, struct db *db, const struct claim *c,
		 struct claim_result *res, int64_t *statute_id, struct err *e)
{
	struct statute_version *v = NULL;
	int64_t *ids = NULL;
	struct claim_history *h = NULL;
	struct claim_case cc;
	struct member m;
	struct person p;
	int64_t merged;
	size_t nv, nh;
	const struct statute_version *sv;
	int r;

	UNUSED(app);
	memset(&cc, 0, sizeof(cc));
	memset(&m, 0, sizeof(m));
	if ((r = load_statutes(db, c->fund_id, &v, &ids, &nv, e)))
		return r;
	sv = fund_statute_at(v, nv, c->event_date);
	if (!sv) {
		r = err_set(e, ERR_INVALID, "event_date",
			    "วันที่เกิดเหตุอยู่ก่อนข้อบังคับฉบับแรกของกองทุน%s",
			    "the event date is before the fund's first statute%s", "");
		goto out;
	}
	*statute_id = ids[sv - v];
	if ((r = person_get(db, c->person_id, &p, &merged, e)))
		goto out;
	cc.birth = p.birth;
	person_release(&p);
	if ((r = claim_history_of(db, c->fund_id, c->person_id, c->benefit, c->id, &h, &nh, e)))
		goto out;
	cc.benefit = c->benefit;
	cc.event = c->event_date;
	cc.units = (int)c->units;
	cc.history = h;
	cc.nhistory = nh;
	cc.member = c->member_id != 0;
	if (cc.member) {
		struct member_standing st;
		if ((r = member_get(db, c->member_id, &m, e)))
			goto out;
		cc.join = m.seniority_from;
		fund_standing(v, nv, m.joined_on, m.paid_total, c->event_date, &st);
		cc.suspended = st.suspended;
	} else if ((r = claim_nonmember_year(db, c->fund_id, c->event_date.y,
					     &cc.nonmember_year_paid, e))) {
		goto out;
	}
	r = fund_claim_calc(&sv->s, &cc, res, e);
out:
	free(h);
	free(v);
	free(ids);
	return r;
}

static const char *claim_action_status(const char *action)
{
	if (!strcmp(action, "check"))
		return "checked";
	if (!strcmp(action, "approve"))
		return "approved";
	if (!strcmp(action, "reject"))
		return "rejected";
	return NULL;
}

int app_claim_submit(struct app *app, const struct actor *a, int64_t fund_id,
		     const struct claim_in *in, int64_t *id, struct err *e)
{
	struct claim_result res;
	struct claim c;
	struct fund f;
	char now[32];
	struct db *db;
	int r;

	*id = 0;
	memset(&c, 0, sizeof(c));
	if ((r = open_fund(app, a, PERM_WRITE, fund_id, &db, &f, e)))
		return r;
	if ((r = parse_day(app, in->event_date, "event_date", &c.event_date, e)) ||
	    (r = check_text(in->note, "note", false, 500, e)))
		return r;
	if (empty(in->benefit) || strlen(in->benefit) >= FUND_CODE_MAX)
		return err_set(e, ERR_INVALID, "benefit", "กรุณาเลือกประเภทสวัสดิการ%s",
			       "choose a benefit%s", "");
	if (in->units < 0 || in->units > 366)
		return err_set(e, ERR_INVALID, "units", "จำนวนหน่วย (คืน) ต้องอยู่ระหว่าง 0 ถึง 366%s",
			       "units (nights) must be 0 to 366%s", "");
	c.fund_id = fund_id;
	c.units = in->units;
	c.resubmits = in->resubmits;
	snprintf(c.benefit, sizeof(c.benefit), "%s", in->benefit);
	snprintf(c.note, sizeof(c.note), "%s", in->note ? in->note : "");
	snprintf(c.status, sizeof(c.status), "submitted");
	snprintf(c.created_by, sizeof(c.created_by), "%s", a->username);
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		return r;
	if (in->member_id) {
		struct member m;
		if ((r = member_get(db, in->member_id, &m, e)) || m.fund_id != fund_id) {
			r = err_set(e, ERR_INVALID, "member_id", "ไม่พบสมาชิกนี้ในกองทุน%s",
				    "no such member in this fund%s", "");
			goto fail;
		}
		c.member_id = m.id;
		c.person_id = m.person_id;
		if (date_cmp(c.event_date, m.seniority_from) < 0) {
			r = err_set(e, ERR_INVALID, "event_date",
				    "วันที่เกิดเหตุอยู่ก่อนวันที่เป็นสมาชิก%s",
				    "the event happened before the membership began%s", "");
			goto fail;
		}
		if (strcmp(m.status, "active") && date_cmp(c.event_date, m.ended_on) > 0) {
			r = err_set(e, ERR_INVALID, "event_date",
				    "วันที่เกิดเหตุอยู่หลังสมาชิกภาพสิ้นสุด (%s)",
				    "the event happened after the membership ended (%s)", m.status);
			goto fail;
		}
	} else {
		struct person p;
		int64_t merged;
		if ((r = person_get(db, in->person_id, &p, &merged, e))) {
			if (r == ERR_NOT_FOUND)
				r = err_set(e, ERR_INVALID, "person_id", "ไม่พบบุคคลหมายเลข %lld",
					    "person %lld not found", (long long)in->person_id);
			goto fail;
		}
		r = actor_check(a, PERM_READ, p.area, e);
		person_release(&p);
		if (r)
			goto fail;
		c.person_id = in->person_id;
	}
	if (c.resubmits) {
		struct claim old;
		if ((r = claim_get(db, c.resubmits, &old, e)))
			goto fail;
		bool same = old.fund_id == fund_id && old.person_id == c.person_id &&
			    !strcmp(old.status, "rejected");
		claim_release(&old);
		if (!same) {
			r = err_set(e, ERR_INVALID, "resubmits",
				    "ยื่นซ้ำได้เฉพาะคำขอที่ถูกปฏิเสธของบุคคลเดียวกัน%s",
				    "only a rejected claim of the same person can be resubmitted%s", "");
			goto fail;
		}
	}
	if ((r = judge(app, db, &c, &res, &c.statute_id, e)))
		goto fail;
	c.amount = res.eligible ? res.amount : 0;
	c.calc = calc_json(&res);
	if ((r = fund_next_no(db, fund_id, "claim", &c.claim_no, e)) ||
	    (r = claim_insert(db, &c, now, id, e)) ||
	    (r = claim_step_insert(db, *id, "submitted", c.note, a->username, now, e)) ||
	    (r = audit(app, db, a, &f, "claim_submit",
		       json_pack("{s:I, s:I, s:s, s:I, s:I, s:b}", "claim_id", (json_int_t)*id,
				 "person_id", (json_int_t)c.person_id, "benefit", c.benefit,
				 "amount", (json_int_t)c.amount, "member_id",
				 (json_int_t)c.member_id, "eligible", res.eligible),
		       e)))
		goto fail;
	r = db_commit(db, e);
	claim_release(&c);
	return r;
fail:
	db_rollback(db);
	claim_release(&c);
	*id = 0;
	return r;
}

int app_claim_step(struct app *app, const struct actor *a, int64_t id, const char *action,
		   const char *note, struct err *e)
{
	const char *to = action ? claim_action_status(action) : NULL;
	struct claim_result res;
	struct claim c;
	struct fund f;
	char now[32], desc[800], label[FUND_NAME_MAX];
	int64_t statute_id;
	struct db *db;
	int r;

	memset(&c, 0, sizeof(c));
	if (!to)
		return err_set(e, ERR_INVALID, "action", "ขั้นตอนไม่ถูกต้อง: %s",
			       "unknown step: %s", action ? action : "");
	if ((r = check_text(note, "note", !strcmp(action, "reject"), 500, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = claim_get(db, id, &c, e)))
		return r;
	if ((r = open_fund(app, a, PERM_WRITE, c.fund_id, &db, &f, e)))
		goto out;
	claim_release(&c);
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		goto out;
	if ((r = claim_get(db, id, &c, e)))
		goto fail;
	/* The guarded workflow: which step may follow which. */
	if (!((!strcmp(action, "check") && !strcmp(c.status, "submitted")) ||
	      (!strcmp(action, "approve") && !strcmp(c.status, "checked")) ||
	      (!strcmp(action, "reject") &&
	       (!strcmp(c.status, "submitted") || !strcmp(c.status, "checked"))))) {
		r = err_set(e, ERR_CONFLICT, "action",
			    "คำขอสถานะ \"%s\" ทำขั้นตอน \"%s\" ไม่ได้",
			    "a claim that is \"%s\" cannot be given the step \"%s\"", c.status,
			    action);
		goto fail;
	}
	if (strcmp(action, "reject")) {
		if ((r = judge(app, db, &c, &res, &statute_id, e)))
			goto fail;
		free(c.calc);
		c.calc = calc_json(&res);
		c.amount = res.eligible ? res.amount : 0;
		if (!strcmp(action, "approve") && (!res.eligible || res.amount <= 0)) {
			r = err_set(e, ERR_CONFLICT, "action",
				    "อนุมัติไม่ได้: %s%.0s", "cannot approve: %.0s%s",
				    res.nlines ? res.lines[res.nlines - 1].th : "",
				    res.nlines ? res.lines[res.nlines - 1].en : "");
			goto fail;
		}
	}
	if (!strcmp(action, "approve")) {
		struct ledger_line lines[2];
		int64_t exp, pay;
		if ((r = check_open(&f, app_today(app), "action", e)) ||
		    (r = account_id(db, f.book_id, c.member_id ? ACC_BENEFITS_MEMBERS : ACC_AID_NONMEMBERS,
				    &exp, e)) ||
		    (r = account_id(db, f.book_id, ACC_BENEFITS_PAYABLE, &pay, e)))
			goto fail;
		lines[0] = (struct ledger_line){ exp, c.amount, 0 };
		lines[1] = (struct ledger_line){ pay, 0, c.amount };
		benefit_label(db, f.id, c.benefit, label, sizeof(label));
		snprintf(desc, sizeof(desc), "อนุมัติสวัสดิการ%s คำขอเลขที่ %lld %s", label,
			 (long long)c.claim_no, c.name);
		if ((r = post(app, db, a, &f, app_today(app), desc, "claim", c.id, lines, 2,
			      &c.approve_entry_id, e)))
			goto fail;
	}
	snprintf(c.status, sizeof(c.status), "%s", to);
	snprintf(c.decision_note, sizeof(c.decision_note), "%s", note ? note : "");
	if ((r = claim_update(db, &c, now, e)) ||
	    (r = claim_step_insert(db, id, to, note ? note : "", a->username, now, e)) ||
	    (r = audit(app, db, a, &f, "claim_step",
		       json_pack("{s:I, s:s, s:I, s:s}", "claim_id", (json_int_t)id, "status", to,
				 "amount", (json_int_t)c.amount, "note", note ? note : ""),
		       e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
out:
	claim_release(&c);
	return r;
}

int app_claim_pay(struct app *app, const struct actor *a, int64_t id, const char *paid_on,
		  int64_t account, const char *idem_key, struct err *e)
{
	struct ledger_line lines[2];
	struct claim c;
	struct fund f;
	struct date on;
	char now[32], req[256], desc[800], label[FUND_NAME_MAX];
	int64_t cash, pay, found;
	bool done, before;
	struct db *db;
	int r;

	memset(&c, 0, sizeof(c));
	if ((r = parse_day(app, paid_on, "paid_on", &on, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = claim_get(db, id, &c, e)))
		return r;
	r = open_fund(app, a, PERM_WRITE, c.fund_id, &db, &f, e);
	claim_release(&c);
	if (r)
		return r;
	snprintf(req, sizeof(req), "%lld|%s|%lld", (long long)id, paid_on, (long long)account);
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		return r;
	if ((r = idem_check(db, a, idem_key, "claim_pay", req, &done, &found, e)))
		goto fail;
	if (done) {
		db_rollback(db);
		return 0;
	}
	if ((r = claim_get(db, id, &c, e)) || (r = check_open(&f, on, "paid_on", e)))
		goto fail;
	if (strcmp(c.status, "approved")) {
		r = err_set(e, ERR_CONFLICT, "status", "จ่ายได้เฉพาะคำขอที่อนุมัติแล้ว (สถานะ: %s)",
			    "only an approved claim can be paid (status: %s)", c.status);
		goto fail;
	}
	if ((r = cash_account(db, f.book_id, account, "account_id", &cash, e)) ||
	    (r = account_id(db, f.book_id, ACC_BENEFITS_PAYABLE, &pay, e)))
		goto fail;
	{
		struct account acc;
		if ((r = account_get(db, cash, &acc, e)))
			goto fail;
		if (acc.balance < c.amount) {
			r = err_set(e, ERR_CONFLICT, "account_id",
				    "เงินในบัญชี %s ไม่พอจ่าย (มี %lld สตางค์)",
				    "not enough money in account %s to pay (%lld satang)", acc.code,
				    (long long)acc.balance);
			goto fail;
		}
	}
	lines[0] = (struct ledger_line){ pay, c.amount, 0 };
	lines[1] = (struct ledger_line){ cash, 0, c.amount };
	benefit_label(db, f.id, c.benefit, label, sizeof(label));
	snprintf(desc, sizeof(desc), "จ่ายสวัสดิการ%s คำขอเลขที่ %lld %s", label,
		 (long long)c.claim_no, c.name);
	if ((r = post(app, db, a, &f, on, desc, "claim", c.id, lines, 2, &c.pay_entry_id, e)))
		goto fail;
	if ((r = claim_paid_before_in_year(db, f.id, c.person_id, on.y, c.id, &before, e)))
		goto fail;
	snprintf(c.status, sizeof(c.status), "paid");
	c.paid_on = on;
	if ((r = claim_update(db, &c, now, e)) ||
	    (r = claim_step_insert(db, id, "paid", "", a->username, now, e)) ||
	    (r = fund_year_add(db, f.id, f.area, on.y,
			       c.member_id ? "benefits_members" : "benefits_nonmembers", c.amount,
			       e)) ||
	    (r = fund_year_add(db, f.id, f.area, on.y, "claims_paid", 1, e)) ||
	    (!before && (r = fund_year_add(db, f.id, f.area, on.y,
					   c.member_id ? "helped_members" : "helped_nonmembers", 1,
					   e))) ||
	    (r = idem_save(app, db, a, idem_key, "claim_pay", req, id, e)) ||
	    (r = audit(app, db, a, &f, "claim_pay",
		       json_pack("{s:I, s:I, s:s}", "claim_id", (json_int_t)id, "amount",
				 (json_int_t)c.amount, "paid_on", paid_on),
		       e)))
		goto fail;
	r = db_commit(db, e);
	claim_release(&c);
	return r;
fail:
	db_rollback(db);
	claim_release(&c);
	return r;
}

int app_claim_get(struct app *app, const struct actor *a, int64_t id, struct claim *out,
		  struct claim_step_list *steps, struct err *e)
{
	struct fund f;
	struct db *db;
	int r;

	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = claim_get(db, id, out, e)))
		return r;
	if ((r = open_fund(app, a, PERM_READ, out->fund_id, &db, &f, e)) ||
	    (steps && (r = claim_step_list_of(db, id, steps, e))))
		claim_release(out);
	return r;
}

int app_claim_list(struct app *app, const struct actor *a, int64_t fund_id, const char *status,
		   int limit, int64_t offset, struct claim_list *out, struct err *e)
{
	struct fund f;
	struct db *db;
	int r;

	if ((r = open_fund(app, a, PERM_READ, fund_id, &db, &f, e)))
		return r;
	return claim_list_fund(db, fund_id, status, limit > 0 && limit <= 500 ? limit : 50,
			       offset > 0 ? offset : 0, out, e);
}

/* ----------------------------------------------- matching money, income */

static int kind_index(const char *const *kinds, size_t n, const char *k)
{
	for (size_t i = 0; k && i < n; i++)
		if (!strcmp(k, kinds[i]))
			return (int)i;
	return -1;
}

int app_fund_pledge_add(struct app *app, const struct actor *a, int64_t fund_id,
			const char *source, const char *source_name, int64_t amount,
			const char *pledged_on, const char *match_from, const char *match_to,
			const char *note, int64_t *id, struct err *e)
{
	static const char *const sources[] = { "local_gov", "central_gov", "other" };
	struct pledge p;
	struct fund f;
	char now[32];
	struct db *db;
	int r;

	*id = 0;
	memset(&p, 0, sizeof(p));
	if ((r = open_fund(app, a, PERM_WRITE, fund_id, &db, &f, e)))
		return r;
	if (kind_index(sources, ARRAY_SIZE(sources), source) < 0)
		return err_set(e, ERR_INVALID, "source",
			       "แหล่งเงินสมทบต้องเป็น อปท. รัฐบาล (พอช.) หรืออื่น ๆ%s",
			       "the source must be local_gov, central_gov or other%s", "");
	if ((r = check_text(source_name, "source_name", true, 200, e)) ||
	    (r = check_text(note, "note", false, 500, e)) ||
	    (r = check_amount(amount, "amount", e)) ||
	    (r = parse_day(app, pledged_on, "pledged_on", &p.pledged_on, e)) ||
	    (r = date_parse(match_from ? match_from : "", 0, &p.match_from, "match_from", e)) ||
	    (r = date_parse(match_to ? match_to : "", 0, &p.match_to, "match_to", e)))
		return r;
	if (date_cmp(p.match_to, p.match_from) < 0)
		return err_set(e, ERR_INVALID, "match_to", "ช่วงเวลาที่สมทบไม่ถูกต้อง%s",
			       "the matched period ends before it starts%s", "");
	p.fund_id = fund_id;
	p.amount = amount;
	snprintf(p.source, sizeof(p.source), "%s", source);
	snprintf(p.source_name, sizeof(p.source_name), "%s", source_name);
	snprintf(p.note, sizeof(p.note), "%s", note ? note : "");
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		return r;
	if ((r = pledge_insert(db, &p, a->username, now, id, e)) ||
	    (r = audit(app, db, a, &f, "pledge_add",
		       json_pack("{s:I, s:s, s:s, s:I}", "pledge_id", (json_int_t)*id, "source",
				 source, "source_name", source_name, "amount", (json_int_t)amount),
		       e))) {
		db_rollback(db);
		*id = 0;
		return r;
	}
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
}

int app_fund_pledges(struct app *app, const struct actor *a, int64_t fund_id,
		     struct pledge_list *out, struct err *e)
{
	struct fund f;
	struct db *db;
	int r;

	if ((r = open_fund(app, a, PERM_READ, fund_id, &db, &f, e)))
		return r;
	return pledge_list_fund(db, fund_id, out, e);
}

int app_fund_income_add(struct app *app, const struct actor *a, int64_t fund_id,
			const struct income_in *in, const char *idem_key, int64_t *id,
			struct err *e)
{
	struct ledger_line lines[2];
	struct fund f;
	struct date on;
	char now[32], req[512], desc[800];
	int64_t cash, inc, entry;
	bool done;
	int k;
	struct db *db;
	int r;

	*id = 0;
	if ((r = open_fund(app, a, PERM_WRITE, fund_id, &db, &f, e)))
		return r;
	if ((k = kind_index(kinds_income, ARRAY_SIZE(kinds_income), in->kind)) < 0)
		return err_set(e, ERR_INVALID, "kind", "ประเภทรายรับไม่ถูกต้อง: %s",
			       "unknown kind of income: %s", in->kind ? in->kind : "");
	if ((r = check_text(in->source_name, "source_name", true, 200, e)) ||
	    (r = check_text(in->note, "note", false, 500, e)) ||
	    (r = check_amount(in->amount, "amount", e)) ||
	    (r = parse_day(app, in->received_on, "received_on", &on, e)))
		return r;
	snprintf(req, sizeof(req), "%lld|%s|%s|%lld|%lld|%s|%lld", (long long)fund_id, in->kind,
		 in->source_name, (long long)in->pledge_id, (long long)in->amount, in->received_on,
		 (long long)in->account_id);
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		return r;
	if ((r = idem_check(db, a, idem_key, "income", req, &done, id, e)))
		goto fail;
	if (done) {
		db_rollback(db);
		return 0;
	}
	if ((r = check_open(&f, on, "received_on", e)) ||
	    (r = cash_account(db, f.book_id, in->account_id, "account_id", &cash, e)) ||
	    (r = account_id(db, f.book_id, accounts_income[k], &inc, e)))
		goto fail;
	if (in->pledge_id) {
		struct pledge p;
		if ((r = pledge_get(db, in->pledge_id, &p, e)) || p.fund_id != fund_id) {
			r = err_set(e, ERR_INVALID, "pledge_id", "ไม่พบคำมั่นเงินสมทบนี้ในกองทุน%s",
				    "no such pledge in this fund%s", "");
			goto fail;
		}
		if (p.received + in->amount > p.amount) {
			r = err_set(e, ERR_INVALID, "amount",
				    "เกินยอดที่ให้คำมั่นไว้: คงเหลือ %lld สตางค์",
				    "more than was pledged: %lld satang remain",
				    (long long)(p.amount - p.received));
			goto fail;
		}
	}
	lines[0] = (struct ledger_line){ cash, in->amount, 0 };
	lines[1] = (struct ledger_line){ inc, 0, in->amount };
	snprintf(desc, sizeof(desc), "รับเงิน: %s", in->source_name);
	if ((r = post(app, db, a, &f, on, desc, "income", 0, lines, 2, &entry, e)) ||
	    (r = income_insert(db, fund_id, in->kind, in->source_name, in->pledge_id, in->amount, on,
			       cash, entry, in->note ? in->note : "", a->username, now, id, e)) ||
	    (r = ledger_set_source(db, entry, *id, e)) ||
	    (r = fund_year_add(db, fund_id, f.area, on.y, k <= 2 ? "matching" : k == 3 ? "donations" : "other_income",
			       in->amount, e)) ||
	    (r = idem_save(app, db, a, idem_key, "income", req, *id, e)) ||
	    (r = audit(app, db, a, &f, "income_add",
		       json_pack("{s:I, s:s, s:s, s:I, s:s}", "income_id", (json_int_t)*id, "kind",
				 in->kind, "source_name", in->source_name, "amount",
				 (json_int_t)in->amount, "received_on", in->received_on),
		       e)))
		goto fail;
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
fail:
	db_rollback(db);
	*id = 0;
	return r;
}

int app_fund_expense_add(struct app *app, const struct actor *a, int64_t fund_id,
			 const struct expense_in *in, const char *idem_key, int64_t *id,
			 struct err *e)
{
	static const char *const kinds[] = { "admin", "other", "transfer" };
	struct ledger_line lines[2];
	struct account from;
	struct fund f;
	struct date on;
	char now[32], req[768];
	int64_t src, dst = 0, entry;
	bool done;
	int k;
	struct db *db;
	int r;

	*id = 0;
	if ((r = open_fund(app, a, PERM_WRITE, fund_id, &db, &f, e)))
		return r;
	if ((k = kind_index(kinds, ARRAY_SIZE(kinds), in->kind)) < 0)
		return err_set(e, ERR_INVALID, "kind", "ประเภทรายจ่ายไม่ถูกต้อง: %s",
			       "unknown kind of expense: %s", in->kind ? in->kind : "");
	if ((r = check_text(in->description, "description", true, 500, e)) ||
	    (r = check_amount(in->amount, "amount", e)) ||
	    (r = parse_day(app, in->paid_on, "paid_on", &on, e)))
		return r;
	snprintf(req, sizeof(req), "%lld|%s|%s|%lld|%s|%lld|%lld", (long long)fund_id, in->kind,
		 in->description, (long long)in->amount, in->paid_on,
		 (long long)in->from_account_id, (long long)in->to_account_id);
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		return r;
	if ((r = idem_check(db, a, idem_key, "expense", req, &done, id, e)))
		goto fail;
	if (done) {
		db_rollback(db);
		return 0;
	}
	if ((r = check_open(&f, on, "paid_on", e)) ||
	    (r = cash_account(db, f.book_id, in->from_account_id, "from_account_id", &src, e)) ||
	    (r = account_get(db, src, &from, e)))
		goto fail;
	if (k == 2) {
		if ((r = cash_account(db, f.book_id, in->to_account_id, "to_account_id", &dst, e)))
			goto fail;
		if (dst == src) {
			r = err_set(e, ERR_INVALID, "to_account_id",
				    "ต้องโอนไปบัญชีอื่น%s", "a transfer must go to another account%s",
				    "");
			goto fail;
		}
	} else if ((r = account_id(db, f.book_id, k == 0 ? ACC_ADMIN : ACC_OTHER_EXPENSE, &dst, e))) {
		goto fail;
	}
	if (from.balance < in->amount) {
		r = err_set(e, ERR_CONFLICT, "amount",
			    "เงินในบัญชี %s ไม่พอ (มี %lld สตางค์)",
			    "not enough money in account %s (%lld satang)", from.code,
			    (long long)from.balance);
		goto fail;
	}
	lines[0] = (struct ledger_line){ dst, in->amount, 0 };
	lines[1] = (struct ledger_line){ src, 0, in->amount };
	if ((r = post(app, db, a, &f, on, in->description, k == 2 ? "transfer" : "expense", 0,
		      lines, 2, &entry, e)) ||
	    (r = expense_insert(db, fund_id, in->kind, in->description, in->amount, on, src,
				k == 2 ? dst : 0, entry, a->username, now, id, e)) ||
	    (r = ledger_set_source(db, entry, *id, e)) ||
	    (k != 2 && (r = fund_year_add(db, fund_id, f.area, on.y,
					  k == 0 ? "admin_expense" : "other_expense", in->amount,
					  e))) ||
	    (r = idem_save(app, db, a, idem_key, "expense", req, *id, e)) ||
	    (r = audit(app, db, a, &f, "expense_add",
		       json_pack("{s:I, s:s, s:s, s:I, s:s}", "expense_id", (json_int_t)*id, "kind",
				 in->kind, "description", in->description, "amount",
				 (json_int_t)in->amount, "paid_on", in->paid_on),
		       e)))
		goto fail;
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
fail:
	db_rollback(db);
	*id = 0;
	return r;
}

/* ----------------------------------------------------------------- ledger */

/* The reads are app/ledger.c's, by the fund's book, once app_fund_get has
 * found the fund and checked the actor may read it; the book's area is the
 * fund's, so the book's rule agrees. */

int app_ledger_accounts(struct app *app, const struct actor *a, int64_t fund_id,
			struct account_list *out, struct err *e)
{
	struct fund f;
	int r = app_fund_get(app, a, fund_id, &f, e);

	return r ? r : app_ledger_book_accounts(app, a, f.book_id, out, e);
}

int app_ledger_journal(struct app *app, const struct actor *a, int64_t fund_id, struct date from,
		       struct date to, int limit, int64_t offset, struct entry_list *out,
		       struct err *e)
{
	struct fund f;
	int r = app_fund_get(app, a, fund_id, &f, e);

	return r ? r : app_ledger_book_journal(app, a, f.book_id, from, to, limit, offset, out, e);
}

int app_ledger_reverse(struct app *app, const struct actor *a, int64_t entry_id,
		       const char *date, const char *reason, int64_t *reversal_id, struct err *e)
{
	struct entry x;
	struct fund f;
	struct date on;
	struct db *db;
	int64_t fid;
	int r;

	*reversal_id = 0;
	if ((r = parse_day(app, date, "date", &on, e)) ||
	    (r = check_text(reason, "reason", true, 250, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = entry_get(db, entry_id, &x, e)) ||
	    (r = fund_of_book(db, x.book_id, &fid, e)) ||
	    (r = open_fund(app, a, PERM_WRITE, fid, &db, &f, e)))
		return r;
	if (strcmp(x.source, "income") && strcmp(x.source, "expense") && strcmp(x.source, "transfer"))
		return err_set(e, ERR_CONFLICT, NULL,
			       "รายการประเภท \"%s\" ต้องแก้ไขจากเอกสารต้นทาง (ยกเลิกใบเสร็จหรือคำขอ)",
			       "entries of kind \"%s\" are corrected from their record (void the receipt)",
			       x.source);
	if ((r = begin(db, &f, e)))
		return r;
	if ((r = check_open(&f, on, "date", e)) ||
	    (r = reverse_entry(app, db, a, &f, entry_id, on, reason, reversal_id, e)))
		goto fail;
	if (!strcmp(x.source, "income") || !strcmp(x.source, "expense")) {
		/* Keep the yearly totals true: take the reversed amount back out. */
		struct account acc;
		for (int i = 0; i < x.nlines; i++) {
			if ((r = account_get(db, x.lines[i].account_id, &acc, e)))
				goto fail;
			if (acc.type == ACCT_INCOME) {
				bool match = !strcmp(acc.code, ACC_MATCH_LOCAL) ||
					     !strcmp(acc.code, ACC_MATCH_CENTRAL) ||
					     !strcmp(acc.code, ACC_MATCH_OTHER);
				const char *col = match ? "matching"
						  : !strcmp(acc.code, ACC_DONATIONS) ? "donations"
										  : "other_income";
				if ((r = fund_year_add(db, f.id, f.area, x.posted_on.y, col,
						       -x.lines[i].credit, e)))
					goto fail;
			} else if (acc.type == ACCT_EXPENSE &&
				   (r = fund_year_add(db, f.id, f.area, x.posted_on.y,
						      acc.admin ? "admin_expense" : "other_expense",
						      -x.lines[i].debit, e))) {
				goto fail;
			}
		}
	}
	if ((r = audit(app, db, a, &f, "entry_reverse",
		       json_pack("{s:I, s:I, s:s}", "entry_id", (json_int_t)entry_id, "reversal_id",
				 (json_int_t)*reversal_id, "reason", reason),
		       e)))
		goto fail;
	if ((r = db_commit(db, e)))
		*reversal_id = 0;
	return r;
fail:
	db_rollback(db);
	*reversal_id = 0;
	return r;
}

int app_ledger_close(struct app *app, const struct actor *a, int64_t fund_id, const char *date,
		     struct err *e)
{
	struct fund f;
	struct date d, next;
	char now[32];
	struct db *db;
	int r;

	if ((r = open_fund(app, a, PERM_WRITE, fund_id, &db, &f, e)))
		return r;
	if ((r = date_parse(date ? date : "", 0, &d, "date", e)))
		return r;
	if (date_add_days(d, 1, &next, NULL) || next.d != 1)
		return err_set(e, ERR_INVALID, "date", "ปิดบัญชีได้ถึงวันสิ้นเดือนเท่านั้น%s",
			       "the books close through the last day of a month%s", "");
	if (date_cmp(d, app_today(app)) >= 0)
		return err_set(e, ERR_INVALID, "date", "ปิดบัญชีได้เฉพาะเดือนที่ผ่านไปแล้ว%s",
			       "only a month that has ended can be closed%s", "");
	app_iso_time(app_time(app), now);
	if ((r = begin(db, &f, e)))
		return r;
	if (f.closed_through.y && date_cmp(d, f.closed_through) <= 0) {
		r = err_set(e, ERR_CONFLICT, "date", "ปิดบัญชีถึงวันนั้นไปแล้ว%s",
			    "the books are already closed through that date%s", "");
		goto fail;
	}
	if ((r = ledger_book_close(db, f.book_id, d, a->username, now, e)) ||
	    (r = audit(app, db, a, &f, "ledger_close",
		       json_pack("{s:s}", "closed_through", date), e)))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return r;
}

int app_ledger_balances(struct app *app, const struct actor *a, int64_t fund_id,
			struct date from, struct date to, struct account_list *out,
			struct err *e)
{
	struct fund f;
	int r = app_fund_get(app, a, fund_id, &f, e);

	return r ? r : app_ledger_book_balances(app, a, f.book_id, from, to, out, e);
}

int app_ledger_cashbook(struct app *app, const struct actor *a, int64_t fund_id,
			struct date from, struct date to, int64_t *opening,
			struct cashbook_list *out, struct err *e)
{
	struct fund f;
	int r = app_fund_get(app, a, fund_id, &f, e);

	*opening = 0;
	return r ? r : app_ledger_book_cashbook(app, a, f.book_id, from, to, opening, out, e);
}

/* ------------------------------------------------------ dashboard, roll-up */

int app_fund_dashboard(struct app *app, const struct actor *a, int64_t fund_id, struct date asof,
		       struct fund_dashboard *out, struct err *e)
{
	struct statute_version *v = NULL;
	struct member_list ml = { NULL, 0, 0 };
	struct account_list al = { NULL, 0, 0 };
	struct fund_year_row y;
	const struct statute_version *sv;
	struct fund f;
	struct db *db;
	size_t nv;
	int r;

	memset(out, 0, sizeof(*out));
	out->asof = asof.y ? asof : app_today(app);
	if ((r = open_fund(app, a, PERM_READ, fund_id, &db, &f, e)) ||
	    (r = load_statutes(db, fund_id, &v, NULL, &nv, e)) ||
	    (r = member_list_fund(db, fund_id, "", 0, 10000000, 0, &ml, e)))
		goto out;
	for (size_t i = 0; i < ml.n; i++) {
		struct member *m = &ml.items[i];
		if (!strcmp(m->status, "active")) {
			int age = -1;
			standing_of(v, nv, m, out->asof);
			out->members[m->standing.suspended ? 2 : m->standing.in_arrears ? 1 : 0]++;
			if (m->standing.balance < 0)
				out->arrears_total += -m->standing.balance;
			if (m->birth.y && date_age(m->birth, out->asof, &age, NULL))
				age = -1;
			unsigned g = target_group_of_age(age);
			for (int k = 0; k < 3; k++)
				if (g & (1u << k))
					out->groups[k]++;
		} else if (!strcmp(m->status, "deceased")) {
			out->members[4]++;
		} else {
			out->members[3]++;
		}
	}
	if ((r = member_count_disadvantaged(db, fund_id, out->asof, &out->groups[3], e)) ||
	    (r = account_list_book(db, f.book_id, &al, e)))
		goto out;
	for (size_t i = 0; i < al.n; i++) {
		if (al.items[i].cash)
			out->money += al.items[i].balance;
		if (!strcmp(al.items[i].code, ACC_BENEFITS_PAYABLE))
			out->payable = -al.items[i].balance;
	}
	if ((r = fund_year_get(db, fund_id, out->asof.y, &y, e)))
		goto out;
	out->year_in[0] = y.contributions;
	out->year_in[1] = y.matching;
	out->year_in[2] = y.donations;
	out->year_in[3] = y.other_income;
	out->year_out[0] = y.benefits_members;
	out->year_out[1] = y.benefits_nonmembers;
	out->year_out[2] = y.admin_expense + y.other_expense;
	out->year_income = y.contributions + y.matching + y.donations + y.other_income;
	out->year_admin = y.admin_expense;
	sv = fund_statute_at(v, nv, out->asof);
	out->admin_limit_bp = (sv ? sv : &v[0])->s.admin_limit_bp;
	out->admin_over = out->year_admin * 10000 > out->year_income * out->admin_limit_bp;
	{
		const struct fund_statute *s = &(sv ? sv : &v[0])->s;
		out->nbenefits = s->nbenefits;
		for (int i = 0; i < s->nbenefits; i++) {
			struct benefit_total *b = &out->benefits[i];
			snprintf(b->code, sizeof(b->code), "%s", s->benefits[i].code);
			snprintf(b->name_th, sizeof(b->name_th), "%s", s->benefits[i].name_th);
			snprintf(b->name_en, sizeof(b->name_en), "%s", s->benefits[i].name_en);
		}
	}
	if ((r = claim_totals_year(db, fund_id, out->asof.y, out->benefits, &out->nbenefits,
				   FUND_MAX_BENEFITS, &out->claims_open, e)))
		goto out;
out:
	free(v);
	member_list_release(&ml);
	account_list_release(&al);
	return r;
}


int app_fund_rollup(struct app *app, const struct actor *a, const char *area, int year,
		    struct fund_rollup *out, struct err *e)
{
	const char *where = empty(area) ? "TH" : area;
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	/* A region (a group of provinces) is seen by national users only. */
	if ((r = actor_check(a, PERM_READ, geo_level(where) < 0 ? "TH" : where, e)))
		return r;
	if (year < 1900 || year > 9999)
		return err_set(e, ERR_INVALID, "year", "ปีไม่ถูกต้อง: %d", "invalid year: %d", year);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if (geo_level(where) < 0 && !geo_region_valid(where))
		return err_set(e, ERR_INVALID, "area", "ไม่รู้จักพื้นที่ %.20s", "unknown area %.20s",
			       where);
	return fund_rollup_query(db, where, year, false, out, e);
}

int app_fund_rollup_regions(struct app *app, const struct actor *a, int year,
			    struct fund_rollup *out, struct err *e)
{
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = actor_check(a, PERM_READ, "TH", e)))
		return r;
	if (year < 1900 || year > 9999)
		return err_set(e, ERR_INVALID, "year", "ปีไม่ถูกต้อง: %d", "invalid year: %d", year);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return fund_rollup_query(db, "TH", year, true, out, e);
}

int app_fund_verify(struct app *app, long *problems,
		    void (*report)(void *ctx, const char *msg), void *ctx, struct err *e)
{
	struct db *db;

	*problems = 0;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return ledger_verify(db, problems, report, ctx, e);
}
