/*
 * Loading the synthetic population: for each province, read its tambons and
 * villages, stream households from core/synth, convert them into rows
 * (name keys by core/thtext), and write them in batches through store/gen
 * with one audit entry per batch. See app/gen.h for the rules.
 */
#include "app/gen.h"
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
