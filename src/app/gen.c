/*
 * Loading the synthetic population: for each province, read its tambons and
 * villages, stream households from core/synth, convert them into rows
 * (name keys by core/thtext), and write them in batches through store/gen
 * with one audit entry per batch. See app/gen.h for the rules.
 */
#include "app/gen.h"
#include "app/fund.h"
#include "store/geo.h"
#include "app/person.h"
#include "core/geo.h"
#include "core/synth.h"
#include "core/thtext.h"
#include "store/gen.h"
#include "store/person.h"

struct batch {
	struct gen_household_row *hh;
	struct gen_person_row *pp;
	struct gen_need_row *nn;
	size_t nh, np, nn_, capn;
};

static void iso(struct date d, char out[11])
{
	if (!d.y)
		out[0] = '\0';
	else
		snprintf(out, 11, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* Adds household h to the batch with ids from *hid, *pid. */
static int add_household(struct batch *b, const struct synth_household *h, int64_t *hid,
			 int64_t *pid, struct err *e)
{
	struct gen_household_row *hr = &b->hh[b->nh++];
	struct buf key = BUF_INIT;
	int i, k, r = 0;

	hr->id = (*hid)++;
	memcpy(hr->area, h->area, sizeof(hr->area));
	memcpy(hr->house_no, h->house_no, sizeof(hr->house_no));
	hr->monthly_income = h->monthly_income;
	hr->head_person_id = *pid;
	for (i = 0; i < h->n; i++) {
		const struct synth_person *p = &h->m[i];
		struct gen_person_row *pr = &b->pp[b->np++];
		char full[256];

		pr->id = (*pid)++;
		memcpy(pr->national_id, p->national_id, sizeof(pr->national_id));
		pr->title = p->title;
		pr->given_name = p->given_name;
		pr->family_name = p->family_name;
		pr->sex = sex_code(p->sex);
		pr->reg_status = reg_status_code(p->reg_status);
		pr->relation = p->relation;
		snprintf(full, sizeof(full), "%s %s", p->given_name, p->family_name);
		buf_reset(&key);
		if ((r = thtext_name_key(full, strlen(full), &key, e)))
			break;
		snprintf(pr->name_key, sizeof(pr->name_key), "%s", key.ptr);
		iso(p->birth, pr->birth_date);
		iso(p->death, pr->death_date);
		memcpy(pr->nationality, p->nationality, sizeof(pr->nationality));
		memcpy(pr->area, p->area, sizeof(pr->area));
		memcpy(pr->house_no, p->house_no, sizeof(pr->house_no));
		memcpy(pr->phone, p->phone, sizeof(pr->phone));
		pr->household_id = hr->id;
		for (k = 0; k < p->nneeds; k++) {
			const struct synth_need *n = &p->needs[k];
			struct gen_need_row *nr;

			if (b->nn_ == b->capn) {
				b->capn *= 2;
				b->nn = xrealloc(b->nn, b->capn * sizeof(*b->nn));
			}
			nr = &b->nn[b->nn_++];
			memset(nr, 0, sizeof(*nr));
			nr->person_id = pr->id;
			memcpy(nr->area, p->area, sizeof(nr->area));
			nr->kind = need_kind_code(n->kind);
			nr->sensitive = need_kind_sensitive(n->kind);
			iso(n->observed_on, nr->observed_on);
			if (n->kind == NEED_DISABILITY) {
				nr->disability_type = disability_type_code(n->disability_type);
				if (n->card) {
					memcpy(nr->card_no, p->national_id, sizeof(nr->card_no));
					iso(n->card_issued, nr->card_issued);
					iso(n->card_expires, nr->card_expires);
				}
			}
		}
	}
	buf_release(&key);
	return r;
}

static int write_batch(struct app *app, struct db *db, const struct actor *a,
		       const char *province, uint64_t seed, struct batch *b, struct date today,
		       struct err *e)
{
	char now[32], day[11], after[256];
	int r;

	app_iso_time(app_time(app), now);
	iso(today, day);
	if ((r = person_search_bulk_begin(db, e)) ||
	    (r = gen_insert_households(db, b->hh, b->nh, now, e)) ||
	    (r = gen_insert_persons(db, b->pp, b->np, now, e)) ||
	    (r = person_search_bulk_end(db, b->pp[0].id, b->pp[b->np - 1].id, false, e)) ||
	    (r = gen_insert_needs(db, b->nn, b->nn_, a->username, now, e)) ||
	    (r = gen_insert_consents(db, b->pp, b->np, day, a->username, now, e)))
		return r;
	snprintf(after, sizeof(after),
		 "{\"seed\":%llu,\"people\":%zu,\"households\":%zu,\"needs\":%zu,"
		 "\"first_person_id\":%lld,\"last_person_id\":%lld}",
		 (unsigned long long)seed, b->np, b->nh, b->nn_, (long long)b->pp[0].id,
		 (long long)b->pp[b->np - 1].id);
	return app_audit(app, db, a, "generate", "synthetic_population", province, province, NULL,
			 after, e);
}

/* Generates people into one province. */
static int gen_province(struct app *app, struct db *db, const struct actor *a,
			const struct gen_opts *o, const char *province, const char *const *areas,
			size_t nareas, int64_t people, struct gen_report *rep, struct err *e)
{
	struct synth_config c;
	struct synth g;
	struct synth_household *h = xmalloc(sizeof(*h));
	struct batch b;
	int64_t hid, pid;
	bool more = true;
	int r;

	memset(&c, 0, sizeof(c));
	memset(&b, 0, sizeof(b));
	c.seed = o->seed;
	c.areas = areas;
	c.nareas = nareas;
	c.people = people;
	c.today = app_today(app);
	if ((r = gen_person_count(db, province, &c.id_base, e)) || (r = synth_init(&g, &c, e))) {
		free(h);
		return r;
	}
	b.hh = xmalloc((GEN_BATCH_PEOPLE + SYNTH_MAX_MEMBERS) * sizeof(*b.hh));
	b.pp = xmalloc((GEN_BATCH_PEOPLE + SYNTH_MAX_MEMBERS) * sizeof(*b.pp));
	b.capn = GEN_BATCH_PEOPLE / 4;
	b.nn = xmalloc(b.capn * sizeof(*b.nn));
	while (more && !r) {
		b.nh = b.np = b.nn_ = 0;
		if ((r = db_begin(db, e)))
			break;
		if ((r = gen_next_ids(db, &hid, &pid, e)))
			goto fail;
		while (b.np < GEN_BATCH_PEOPLE && (more = synth_next(&g, h)))
			if ((r = add_household(&b, h, &hid, &pid, e)))
				goto fail;
		if (!b.np) {
			db_rollback(db);
			break;
		}
		if ((r = write_batch(app, db, a, province, o->seed, &b, c.today, e)) ||
		    (r = db_commit(db, e)))
			goto fail;
		rep->people += (int64_t)b.np;
		rep->households += (int64_t)b.nh;
		rep->needs += (int64_t)b.nn_;
		rep->batches++;
		continue;
fail:
		db_rollback(db);
	}
	if (!r)
		r = gen_sync_ids(db, e);
	synth_release(&g);
	free(b.hh);
	free(b.pp);
	free(b.nn);
	free(h);
	return r;
}

int app_gen(struct app *app, const struct actor *a, const struct gen_opts *o,
	    struct gen_report *rep, struct err *e)
{
	struct db *db = app_db(app, e);
	char (**codes)[9];
	const char **ptrs = NULL;
	size_t *ncodes, i, k, tambons = 0, *nt;
	int64_t done = 0;
	int r = 0;

	memset(rep, 0, sizeof(*rep));
	if (!db)
		return ERR_DB;
	if ((r = gen_tune(db, e)))
		return r;
	if (!o->nprovinces)
		return err_set(e, ERR_INVALID, "provinces", "ไม่ได้ระบุจังหวัด%s",
			       "no province given%s", "");
	if (o->people < 0 || o->per_tambon < 0 || (!o->people && !o->per_tambon))
		return err_set(e, ERR_INVALID, "people", "จำนวนคนต้องมากกว่าศูนย์%s",
			       "the number of people must be positive%s", "");
	codes = xcalloc(o->nprovinces, sizeof(*codes));
	ncodes = xcalloc(o->nprovinces, sizeof(*ncodes));
	nt = xcalloc(o->nprovinces, sizeof(*nt));
	/* Check everything before writing anything. */
	for (i = 0; i < o->nprovinces && !r; i++) {
		const char *p = o->provinces[i];
		int64_t runs;

		if (geo_level(p) != GEO_PROVINCE) {
			r = err_set(e, ERR_INVALID, "provinces", "'%.16s' ไม่ใช่รหัสจังหวัด",
				    "'%.16s' is not a province code", p);
			break;
		}
		if ((r = actor_check(a, PERM_WRITE, p, e)) ||
		    (r = gen_areas(db, p, &codes[i], &ncodes[i], e)) ||
		    (r = gen_runs(db, p, &runs, e)))
			break;
		if (!ncodes[i]) {
			r = err_set(e, ERR_NOT_FOUND, "provinces", "ไม่พบตำบลของจังหวัด %s (ใช้ sawat init ก่อน)",
				    "province %s has no tambons (run sawat init first)", p);
			break;
		}
		if (runs && !o->append) {
			r = err_set(e, ERR_CONFLICT, "provinces",
				    "จังหวัด %s มีประชากรสังเคราะห์แล้ว (ใช้ --append เพื่อเพิ่ม)",
				    "province %s already has a synthetic population (use --append to add more)",
				    p);
			break;
		}
		for (k = 0; k < ncodes[i]; k++)
			nt[i] += strlen(codes[i][k]) == 6;
		if (!nt[i])
			nt[i] = 1;
		tambons += nt[i];
	}
	for (i = 0; i < o->nprovinces && !r; i++) {
		int64_t want;

		if (o->people) /* proportional to tambons; the last takes the rest */
			want = i + 1 == o->nprovinces ? o->people - done
						       : (int64_t)((double)o->people * (double)nt[i] / (double)tambons);
		else
			want = o->per_tambon * (int64_t)nt[i];
		done += want;
		ptrs = xrealloc(ptrs, ncodes[i] * sizeof(*ptrs));
		for (k = 0; k < ncodes[i]; k++)
			ptrs[k] = codes[i][k];
		r = gen_province(app, db, a, o, o->provinces[i], ptrs, ncodes[i], want, rep, e);
		if (!r)
			rep->provinces++;
	}
	/* The batches were indexed with the buckets of before; draw them again if due. */
	if (!r)
		r = app_person_index_maintain(app, NULL, e);
	for (i = 0; i < o->nprovinces; i++)
		free(codes[i]);
	free(codes);
	free(ncodes);
	free(nt);
	free(ptrs);
	return r;
}

/* ------------------------------------------------------------- funds */

/* How often things happen, per member and year (per thousand). */
#define RATE_HOSPITAL 80
#define RATE_BIRTH 12
#define RATE_SCHOLARSHIP 30
#define RATE_DISASTER 3

static bool chance(struct synth_rng *rng, int per_thousand_a_year)
{
	/* Monthly chance of a yearly rate, in millionths. */
	return synth_rng_below(rng, 12000000) < (uint32_t)per_thousand_a_year * 1000u;
}

static void day_text(int y, int m, int d, char out[16])
{
	snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

/* A random date from..to (ISO), both valid, from <= to. */
static void random_day(struct synth_rng *rng, struct date from, struct date to, char out[16])
{
	int32_t span = date_diff_days(from, to);
	struct date d = from;

	if (span > 0)
		date_add_days(from, synth_rng_below(rng, (uint32_t)span + 1), &d, NULL);
	day_text(d.y, d.m, d.d, out);
}

/* Takes a claim through its workflow: paid when it is worth something and
 * the money is there, rejected when it is not eligible. */
static int run_claim(struct app *app, const struct actor *a, int64_t fund_id,
		     const struct claim_in *in, const char *pay_on, struct fund_gen_report *rep,
		     struct err *e)
{
	struct claim c;
	int64_t id;
	int r;

	if ((r = app_claim_submit(app, a, fund_id, in, &id, e)))
		return r == ERR_INVALID ? 0 : r; /* e.g. an event before the membership */
	rep->claims++;
	if ((r = app_claim_get(app, a, id, &c, NULL, e)))
		return r;
	if (c.amount <= 0) {
		claim_release(&c);
		return app_claim_step(app, a, id, "reject", "ไม่เข้าเงื่อนไขตามข้อบังคับ", e);
	}
	claim_release(&c);
	if ((r = app_claim_step(app, a, id, "check", "", e)) ||
	    (r = app_claim_step(app, a, id, "approve", "", e)))
		return r;
	r = app_claim_pay(app, a, id, pay_on, 0, NULL, e);
	return r == ERR_CONFLICT ? 0 : r; /* not enough cash: stays approved, unpaid */
}

static int gen_fund(struct app *app, const struct actor *a, struct db *db, const char *tambon,
		    const struct fund_gen_opts *o, struct synth_rng *rng,
		    struct fund_gen_report *rep, struct err *e)
{
	enum { PUNCTUAL, SOMETIMES, RARELY };
	struct fund_in fin;
	struct geo_area g;
	struct member_list sheet = { NULL, 0, 0 };
	struct collect_item *items = NULL;
	int64_t *ids = NULL, *mids = NULL, fund_id, bank, rid, year_collected = 0;
	unsigned char *habit = NULL;
	char name[256], founded[16], born_by[16], when[16], pay_on[16];
	struct date found_d, prev_end = { o->year - 1, 12, 31 };
	size_t n = 0, nm = 0, want = (size_t)o->members + 40;
	int r;

	if ((r = geo_area_get(db, tambon, &g, e)))
		return r;
	snprintf(name, sizeof(name), "กองทุนสวัสดิการชุมชนตำบล%s", g.name_th);
	geo_area_release(&g);
	found_d = (struct date){ o->year - 3 - (int)synth_rng_below(rng, 12), 1, 1 };
	date_add_days(found_d, synth_rng_below(rng, 300), &found_d, NULL);
	day_text(found_d.y, found_d.m, found_d.d, founded);
	day_text(o->year - 15, 12, 31, born_by);
	ids = xcalloc(want, sizeof(*ids));
	if ((r = gen_people_in(db, tambon, born_by, ids, want, &n, e)))
		goto out;
	if (n < 30)
		goto out; /* too few adults for a fund */
	memset(&fin, 0, sizeof(fin));
	fin.area = tambon;
	fin.name = name;
	fin.founded_on = founded;
	fin.juristic = synth_rng_below(rng, 4) == 0;
	if ((r = app_fund_add(app, a, &fin, &fund_id, e)) ||
	    (r = app_fund_bank_add(app, a, fund_id, "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", "",
				   "020-1-00000-0", name, founded, &bank, e)))
		goto out;
	{
		struct bank_account_list bl = { NULL, 0, 0 };
		if ((r = app_fund_banks(app, a, fund_id, &bl, e)))
			goto out;
		bank = bl.n ? bl.items[0].ledger_account_id : 0;
		bank_account_list_release(&bl);
	}
	rep->funds++;
	/* Members: most joined in earlier years and are paid up to the start of
	 * the simulated year; some join during it. The rest of the tambon's
	 * adults are the non-members the fund may help. */
	nm = n - 20 < (size_t)o->members ? n - 20 : (size_t)o->members;
	mids = xcalloc(nm, sizeof(*mids));
	habit = xcalloc(nm, 1);
	for (size_t k = 0; k < nm; k++) {
		struct member_in min;
		struct member m;
		char joined[16];
		bool before = synth_rng_below(rng, 100) < 85;

		if (before)
			random_day(rng, found_d, prev_end, joined);
		else
			random_day(rng, (struct date){ o->year, 1, 1 },
				   (struct date){ o->year, o->months, 20 }, joined);
		memset(&min, 0, sizeof(min));
		min.person_id = ids[k];
		min.joined_on = joined;
		min.beneficiary_name = "ทายาทโดยธรรม";
		if ((r = app_member_add(app, a, fund_id, &min, NULL, &mids[k], &rid, e)))
			goto out;
		rep->members++;
		rep->receipts += rid != 0;
		habit[k] = synth_rng_below(rng, 100) < 70 ? PUNCTUAL
			   : synth_rng_below(rng, 100) < 67 ? SOMETIMES
							     : RARELY;
		if (!before)
			continue;
		if ((r = app_member_get(app, a, mids[k], prev_end, &m, NULL, e)))
			goto out;
		if (m.due_now > 0) {
			struct date on = { o->year - 1, 12, 28 };
			if (date_cmp(on, m.joined_on) < 0)
				on = m.joined_on;
			day_text(on.y, on.m, on.d, pay_on);
			if ((r = app_fund_pay(app, a, mids[k], m.due_now, pay_on, "cash", NULL, &rid,
					      e)))
				goto out;
			rep->receipts++;
		}
	}
	items = xcalloc(nm, sizeof(*items));
	for (int mo = 1; mo <= o->months; mo++) {
		int64_t collected = 0;
		size_t ni = 0;

		day_text(o->year, mo, 5, when);
		day_text(o->year, mo, 8, pay_on);
		if ((r = app_fund_sheet(app, a, fund_id, 0, when, &sheet, e)))
			goto out;
		for (size_t i = 0; i < sheet.n; i++) {
			const struct member *m = &sheet.items[i];
			int h = PUNCTUAL;
			for (size_t k = 0; k < nm; k++)
				if (mids[k] == m->id)
					h = habit[k];
			if (m->due_now <= 0 || date_cmp(m->joined_on, (struct date){ o->year, mo, 5 }) > 0)
				continue;
			if ((h == SOMETIMES && synth_rng_below(rng, 2)) ||
			    (h == RARELY && synth_rng_below(rng, 100) >= 15))
				continue;
			items[ni++] = (struct collect_item){ m->id, m->due_now, 0 };
			collected += m->due_now;
		}
		member_list_release(&sheet);
		if (ni) {
			if ((r = app_fund_collect(app, a, fund_id, 0, when, "cash", items, ni, NULL, e)))
				goto out;
			rep->receipts += (int64_t)ni;
		}
		year_collected += collected;
		/* Claims of the month. */
		for (size_t k = 0; k < nm; k++) {
			struct claim_in cin;
			char ev[16];
			const char *benefit = NULL;
			int units = 0;

			if (chance(rng, RATE_HOSPITAL)) {
				benefit = "hospital";
				units = 1 + (int)synth_rng_below(rng, 6);
			} else if (chance(rng, RATE_BIRTH)) {
				benefit = "birth";
			} else if (mo == 5 && chance(rng, RATE_SCHOLARSHIP * 12)) {
				benefit = "scholarship";
			} else if (chance(rng, RATE_DISASTER)) {
				benefit = "disaster";
			} else if (mo == 4 && synth_rng_below(rng, 100) < 25) {
				benefit = "old_age"; /* Songkran: elderly members ask; the rules decide */
			}
			if (!benefit)
				continue;
			day_text(o->year, mo, 1 + (int)synth_rng_below(rng, 4), ev);
			memset(&cin, 0, sizeof(cin));
			cin.member_id = mids[k];
			cin.benefit = benefit;
			cin.event_date = ev;
			cin.units = units;
			if ((r = run_claim(app, a, fund_id, &cin, pay_on, rep, e)))
				goto out;
		}
		/* Aid to a non-member twice a year: a house that burned down. */
		if ((mo == 3 || mo == 9) && n > nm) {
			struct claim_in cin;
			char ev[16];

			day_text(o->year, mo, 2, ev);
			memset(&cin, 0, sizeof(cin));
			cin.person_id = ids[nm + synth_rng_below(rng, (uint32_t)(n - nm))];
			cin.benefit = "disaster";
			cin.event_date = ev;
			if ((r = run_claim(app, a, fund_id, &cin, pay_on, rep, e)))
				goto out;
		}
		/* Running costs: about 5% of what came in. */
		if (collected >= 2000) {
			struct expense_in x = { "admin", "ค่าเครื่องเขียนและค่าเดินทางประชุมประจำเดือน",
						collected / 20, pay_on, 0, 0 };
			int64_t xid;
			r = app_fund_expense_add(app, a, fund_id, &x, NULL, &xid, e);
			if (r && r != ERR_CONFLICT)
				goto out;
		}
		/* Matching money: CODI mid-year, the local government at the end. */
		if ((mo == 6 || mo == o->months) && year_collected > 0) {
			bool central = mo == 6;
			int64_t amount = central ? year_collected / 2 : year_collected / 10, pid = 0, iid;
			struct income_in in = { central ? "central_gov" : "local_gov",
						central ? "สถาบันพัฒนาองค์กรชุมชน (พอช.)"
							: "องค์การบริหารส่วนตำบล",
						0, amount, pay_on, bank, "" };
			char from[16], to[16];

			if (amount > 0) {
				day_text(o->year, 1, 1, from);
				day_text(o->year, 12, 31, to);
				if (!central &&
				    (r = app_fund_pledge_add(app, a, fund_id, "local_gov", in.source_name,
							     amount, pay_on, from, to, "", &pid, e)))
					goto out;
				in.pledge_id = pid;
				if ((r = app_fund_income_add(app, a, fund_id, &in, NULL, &iid, e)))
					goto out;
			}
		}
	}
	r = 0;
out:
	member_list_release(&sheet);
	free(items);
	free(ids);
	free(mids);
	free(habit);
	return r;
}

int app_gen_funds(struct app *app, const struct actor *a, const struct fund_gen_opts *o,
		  struct fund_gen_report *rep, struct err *e)
{
	struct db *db = app_db(app, e);
	struct synth_rng rng;
	int r = 0;

	memset(rep, 0, sizeof(*rep));
	if (!db)
		return ERR_DB;
	if (o->funds < 1 || o->members < 1 || o->members > 5000 || o->months < 1 ||
	    o->months > 12 || o->year < 1990 || o->year > app_today(app).y)
		return err_set(e, ERR_INVALID, NULL,
			       "ค่าที่ระบุไม่ถูกต้อง (กองทุน ≥ 1, สมาชิก 1-5000, เดือน 1-12, ปีที่ผ่านมาแล้ว)%s",
			       "bad options (funds >= 1, members 1-5000, months 1-12, a past year)%s",
			       "");
	synth_rng_seed(&rng, o->seed);
	for (size_t p = 0; p < o->nprovinces && rep->funds < o->funds && !r; p++) {
		char (*codes)[9] = NULL;
		size_t nc = 0;

		if ((r = actor_check(a, PERM_WRITE, o->provinces[p], e)) ||
		    (r = gen_areas(db, o->provinces[p], &codes, &nc, e)))
			break;
		for (size_t k = 0; k < nc && rep->funds < o->funds && !r; k++) {
			struct fund_list have = { NULL, 0, 0 };
			if (strlen(codes[k]) != 6)
				continue;
			if (!(r = fund_list_area(db, codes[k], &have, e)) && !have.n)
				r = gen_fund(app, a, db, codes[k], o, &rng, rep, e);
			fund_list_release(&have);
		}
		free(codes);
	}
	if (!r)
		r = db_query_int64(db, "SELECT COUNT(*) FROM journal_entry", &rep->postings, e);
	return r;
}
