/*
 * Welfare program use cases: the catalogue, enrolment, payroll.
 *
 * An enrolment's life:
 *
 *     applied --verify--> verified --approve--> active <--resume-- suspended
 *        |                   |                    |  \--suspend--^    |
 *        +-----reject--------+--> rejected        +------end----------+--> ended
 *
 * verify and approve evaluate the rules of the version in force on the
 * step's date and refuse with the first requirement the person does not
 * meet. An approved enrolment is paid from the first day of the month after
 * the application (the allowances' practice), so an approval that comes
 * months later is paid those months as arrears in the next roll.
 *
 * A payroll is generated once per office and month, from what the register
 * and the enrolments say at that moment (the snapshot is the lines it
 * writes); each enrolment it pays is marked rolled through that month, so
 * arrears never pay a month twice.
 */
#include "app/program.h"
#include <pthread.h>
#include <jansson.h>
#include "app/person.h"
#include "core/geo.h"
#include "core/ledger.h"
#include "core/program.h"
#include "core/thtext.h"
#include "store/geo.h"
#include "store/ledger.h"
#include "store/user.h"

#define MAX_ROLL 2000000 /* enrolments of one office in one roll */

static char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return s;
}

static void iso(struct date d, char out[16])
{
	if (!d.y)
		out[0] = '\0';
	else
		snprintf(out, 16, "%04u-%02u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u,
			 (unsigned)d.d % 100u);
}

static bool empty(const char *s)
{
	return !s || !*s;
}

/* Enrolment decisions and payrolls belong to welfare officers; volunteers
 * and fund committees help people apply but decide nothing. */
static int officer_check(const struct actor *a, struct err *e)
{
	if (a->role == ROLE_NATIONAL_ADMIN || a->role == ROLE_PROVINCE_OFFICER ||
	    a->role == ROLE_DISTRICT_OFFICER || a->role == ROLE_LOCAL_OFFICER)
		return 0;
	return err_set(e, ERR_FORBIDDEN, NULL,
		       "เฉพาะเจ้าหน้าที่สวัสดิการตัดสินการลงทะเบียนและบัญชีจ่ายได้ (บทบาท %s)",
		       "only welfare officers decide enrolments and payrolls (role %s)",
		       role_name(a->role));
}

static int audit(struct app *app, struct db *db, const struct actor *a, const char *entity,
		 int64_t id, const char *area, const char *action, json_t *after, struct err *e)
{
	char eid[24], *s = dump(after);
	int r;

	snprintf(eid, sizeof(eid), "%lld", (long long)id);
	r = app_audit(app, db, a, action, entity, eid, area, NULL, s, e);
	free(s);
	return r;
}

/* The first day of the month after d. */
static struct date next_month(struct date d)
{
	return d.m == 12 ? (struct date){ d.y + 1, 1, 1 } : (struct date){ d.y, d.m + 1, 1 };
}

/* "YYYY-MM", or B.E. "MM/YYYY", into the month's first day. */
static int parse_month(const char *s, struct date *out, struct err *e)
{
	int y = 0, m = 0;
	char tail;

	*out = (struct date){ 0, 0, 0 };
	if (s && sscanf(s, "%4d-%2d%c", &y, &m, &tail) == 2 && strlen(s) == 7) {
		/* ISO */
	} else if (s && sscanf(s, "%2d/%4d%c", &m, &y, &tail) == 2 && y > 2400) {
		y -= 543;
	} else {
		return err_set(e, ERR_INVALID, "month", "เดือนต้องเป็น YYYY-MM หรือ ดด/ปปปป (พ.ศ.)%s",
			       "the month must be YYYY-MM or MM/YYYY (B.E.)%s", "");
	}
	if (m < 1 || m > 12 || y < 1941 || y > 9999)
		return err_set(e, ERR_INVALID, "month", "เดือนไม่ถูกต้อง: %s", "invalid month: %s", s);
	*out = (struct date){ y, m, 1 };
	return 0;
}

/* A paying office: a tambon or a district the register knows. */
static int check_office(struct db *db, const char *office, struct err *e)
{
	struct geo_area g;
	int r;

	if (empty(office) || (geo_level(office) != GEO_TAMBON && geo_level(office) != GEO_DISTRICT))
		return err_set(e, ERR_INVALID, "office",
			       "สำนักงานที่จ่ายต้องเป็นรหัสตำบลหรืออำเภอ%s",
			       "the paying office must be a tambon or district code%s", "");
	r = geo_area_get(db, office, &g, e);
	if (r == ERR_NOT_FOUND || r == ERR_INVALID)
		return err_set(e, ERR_INVALID, "office", "ไม่พบพื้นที่รหัส %s", "unknown area %s",
			       office);
	if (!r)
		geo_area_release(&g);
	return r;
}

/* The program codes of the catalogue, for "enrolled X" (borrowed from l). */
static size_t program_codes(const struct program_list *l, const char **codes)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n && n < RULES_MAX_PROGRAMS; i++)
		codes[n++] = l->items[i].code;
	return n;
}

/* The rules in force on d for a program, compiled; *version_id gets its row. */
static int load_rules(struct db *db, int64_t program_id, struct date d, struct rules_prog **out,
		      int64_t *version_id, struct err *e)
{
	struct program_version_list vl = { NULL, 0, 0 };
	const struct program_version *v = NULL;
	int r;

	*out = NULL;
	if ((r = program_versions(db, program_id, &vl, e)))
		return r;
	for (size_t i = 0; i < vl.n; i++)
		if (date_cmp(vl.items[i].effective_from, d) <= 0)
			v = &vl.items[i];
	if (!v) {
		char s[16];
		iso(d, s);
		r = err_set(e, ERR_CONFLICT, "date", "โครงการยังไม่มีกฎที่มีผลในวันที่ %s",
			    "the program has no rules in force on %s", s);
	} else {
		if (version_id)
			*version_id = v->id;
		r = rules_compile(v->rules, strlen(v->rules), out, e);
		if (r)
			err_prefix(e, "กฎที่บันทึกไว้ใช้ไม่ได้: ", "the stored rules do not compile: ");
	}
	program_version_list_release(&vl);
	return r;
}

/* Evaluates a program's rules for an enrolment's person on a date. */
struct judge_ctx {
	struct program_list programs;
	const char *codes[RULES_MAX_PROGRAMS];
	size_t ncodes;
};

static int judge_init(struct db *db, struct judge_ctx *j, struct err *e)
{
	memset(j, 0, sizeof(*j));
	if (program_list_all(db, &j->programs, e))
		return ERR_DB;
	j->ncodes = program_codes(&j->programs, j->codes);
	return 0;
}

static void judge_release(struct judge_ctx *j)
{
	program_list_release(&j->programs);
}

static int judge(struct db *db, struct judge_ctx *j, const struct rules_prog *prog,
		 const struct enrolment *x, struct date on, struct rules_person *p,
		 struct rules_result *res, struct err *e)
{
	struct rules_env env = { on, x->office, j->codes, j->ncodes };
	int r;

	if ((r = program_person(db, x->person_id, on, j->codes, j->ncodes, p, e)))
		return r;
	p->registered = x->applied_on;
	return rules_eval_one(prog, &env, p, res, e);
}

/* The label of the requirement a result failed on, for an error message. */
/*
 * Why the rules refuse a person, in both languages: the decision line of
 * rules_explain without its "not eligible: " head, so that placeholders
 * such as {age} read as numbers ("aged 7, over 6").
 */
static void fail_label(const struct rules_prog *prog, const struct rules_env *env,
		       const struct rules_person *p, char *th, char *en, size_t size)
{
	char *dst[2] = { th, en };
	int lang;

	for (lang = 0; lang < 2; lang++) {
		struct buf b = BUF_INIT;
		struct err ignored;
		const char *s, *colon;
		size_t n;

		dst[lang][0] = 0;
		if (rules_explain(prog, env, p, lang == 0, &b, &ignored) || !b.len)
			goto next;
		s = b.ptr;
		n = strcspn(s, "\n");
		colon = memmem(s, n, ": ", 2);
		if (colon) {
			n -= (size_t)(colon + 2 - s);
			s = colon + 2;
		}
		snprintf(dst[lang], size, "%.*s", (int)n, s);
next:
		buf_release(&b);
	}
}

/* ---------------------------------------------------- evaluation in columns */

/*
 * Payrolls, gaps and dry runs judge many people at once: the store's
 * columnar loader (program_cols_*) reads the register into the columns
 * rules_eval_batch reads, and the evaluation runs over them EVAL_CHUNK
 * people at a time. The application date (registered) and the flags are
 * the caller's, given per chunk, so they cost nothing a person.
 */
#define EVAL_CHUNK 4096

struct eval_ws {
	int32_t registered[EVAL_CHUNK];
	uint8_t flags[EVAL_CHUNK];                 /* no flag is recorded yet: zeros */
	int32_t amount[EVAL_CHUNK], amount2[EVAL_CHUNK];
	uint8_t fail[EVAL_CHUNK], fail2[EVAL_CHUNK];
	uint32_t cards[EVAL_CHUNK];                /* the copy "with the documents" (gaps) */
	uint8_t reg[EVAL_CHUNK], nationality[EVAL_CHUNK];
};

/* The columns of b from row at on (NULL stays NULL). */
static void batch_slice(const struct rules_batch *b, size_t at, struct rules_batch *out)
{
#define AT(f) out->f = b->f ? b->f + at : NULL
	AT(birth);
	AT(death);
	AT(registered);
	AT(income);
	AT(area);
	AT(needs);
	AT(cards);
	AT(enrolled);
	AT(sex);
	AT(nationality);
	AT(reg);
	AT(flags);
#undef AT
}

/* A day number for the registered column. */
static int32_t day_of(struct date d)
{
	return date_valid(d) ? date_to_days(d) : RULES_DAY_UNKNOWN;
}

/* The code of an area number (rules_area_number's inverse); "" when unknown. */
static void area_code(int32_t n, char out[GEO_CODE_SIZE])
{
	int level = (n & 3) + 1, k;
	int64_t v = n >> 2;

	out[0] = '\0';
	if (n == RULES_AREA_UNKNOWN || n < 0)
		return;
	for (k = 0; k < 8 - 2 * level; k++)
		v /= 10;
	for (k = 2 * level - 1; k >= 0; k--) {
		out[k] = (char)('0' + v % 10);
		v /= 10;
	}
	out[2 * level] = '\0';
}

/* A second connection for a load of the whole register (the loader reads
 * half of it there, from a thread of its own); NULL when it cannot be
 * opened, which only makes the load slower. The caller closes it. */
static struct db *helper_db(struct app *app)
{
	struct db *db = NULL;
	struct err e;

	if (db_open(app->db_url, &db, &e))
		return NULL;
	return db;
}

/* The columns and need kinds a set of programs read. */
static void spec_add(struct program_cols_spec *s, const struct rules_prog *p)
{
	if (!p)
		return;
	s->columns |= rules_columns(p);
	s->need_kinds |= rules_need_kinds(p);
}

/* ---------------------------------------------------------------- catalogue */

/* Gives an installed state program the shipped list of documents. */
static int seed_documents(struct app *app, struct db *db, const struct actor *sys, int64_t id,
			  const struct program_seed *d, struct err *e)
{
	int r;

	if ((r = db_begin(db, e)))
		return r;
	if ((r = program_documents_set(db, id, d->documents, e)) ||
	    (r = audit(app, db, sys, "program", id, "TH", "documents",
		       json_pack("{s:s, s:s}", "code", d->code, "documents", d->documents), e))) {
		db_rollback(db);
		return r;
	}
	return db_commit(db, e);
}

int app_program_seed(struct app *app, struct err *e)
{
	struct db *db = app_db(app, e);
	struct actor sys;
	char now[32];
	int r = 0;

	if (!db)
		return ERR_DB;
	actor_system(&sys);
	app_iso_time(app_time(app), now);
	/* Seeds come sorted by code, then effective date: one program per run of codes. */
	for (size_t i = 0; i < program_seed_count() && !r;) {
		const struct program_seed *d = program_seed(i);
		struct program p, have;
		size_t k = i;
		int64_t id, vid;

		while (k < program_seed_count() && !strcmp(program_seed(k)->code, d->code))
			k++;
		r = program_by_code(db, d->code, &have, e);
		if (!r) {
			/* Installed before; a database from before the documents
			 * were shipped gets them once. */
			bool add_docs = d->documents && (!have.documents || !strcmp(have.documents, "[]"));
			int64_t have_id = have.id;

			program_release(&have);
			i = k;
			if (add_docs)
				r = seed_documents(app, db, &sys, have_id, d, e);
			continue;
		}
		if (r != ERR_NOT_FOUND)
			break;
		memset(&p, 0, sizeof(p));
		snprintf(p.code, sizeof(p.code), "%s", d->code);
		snprintf(p.name_th, sizeof(p.name_th), "%s", d->name_th);
		snprintf(p.name_en, sizeof(p.name_en), "%s", d->name_en);
		snprintf(p.pillar, sizeof(p.pillar), "%s", program_pillar_code(d->pillar));
		snprintf(p.owner_area, sizeof(p.owner_area), "TH");
		snprintf(p.source, sizeof(p.source), "%s", d->source);
		p.documents = (char *)(d->documents ? d->documents : "[]");
		if ((r = db_begin(db, e)))
			break;
		if ((r = program_insert(db, &p, sys.username, now, &id, e)))
			goto fail;
		for (; i < k; i++) {
			struct date eff;
			const struct program_seed *v = program_seed(i);
			if ((r = date_parse(v->effective, 0, &eff, "effective_from", e)) ||
			    (r = program_version_insert(db, id, eff, v->rules, v->source, sys.username,
							now, &vid, e)))
				goto fail;
		}
		if ((r = audit(app, db, &sys, "program", id, "TH", "create",
			       json_pack("{s:s, s:s}", "code", d->code, "source", d->source), e)))
			goto fail;
		r = db_commit(db, e);
		continue;
fail:
		db_rollback(db);
	}
	return r;
}

int app_program_list(struct app *app, const struct actor *a, struct program_list *out,
		     struct err *e)
{
	struct db *db;
	int r;

	if ((r = actor_check(a, PERM_READ, NULL, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return program_list_all(db, out, e);
}

int app_program_get(struct app *app, const struct actor *a, int64_t id, struct program *out,
		    struct program_version_list *versions, struct err *e)
{
	struct db *db;
	int r;

	if ((r = actor_check(a, PERM_READ, NULL, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = program_get(db, id, out, e)))
		return r;
	if (versions && (r = program_versions(db, id, versions, e)))
		program_release(out);
	return r;
}

static int check_rules(const char *rules, struct err *e)
{
	struct rules_prog *prog;
	int r;

	if (empty(rules))
		return err_set(e, ERR_INVALID, "rules", "กรุณาเขียนกฎของโครงการ%s",
			       "the program's rules are required%s", "");
	if ((r = rules_compile(rules, strlen(rules), &prog, e)))
		return r;
	rules_free(prog);
	return 0;
}

int app_program_add(struct app *app, const struct actor *a, const struct program_in *in,
		    const char *rules, const char *effective_from, int64_t *id, struct err *e)
{
	struct program p;
	struct date eff;
	char now[32];
	bool ok = false;
	int64_t vid;
	struct db *db;
	json_t *docs;
	int r;

	*id = 0;
	memset(&p, 0, sizeof(p));
	if ((r = program_code_check(in->code, "code", e)))
		return r;
	if (program_pillar_parse(in->pillar ? in->pillar : "") < 0)
		return err_set(e, ERR_INVALID, "pillar", "ต้องเลือกหนึ่งในสี่เสาหลักของสวัสดิการ%s",
			       "choose one of the four pillars%s", "");
	if (empty(in->name_th) || strlen(in->name_th) > 250 || !thtext_utf8_valid(in->name_th, strlen(in->name_th)))
		return err_set(e, ERR_INVALID, "name_th", "กรุณาตั้งชื่อโครงการ (ภาษาไทย)%s",
			       "the program needs a Thai name%s", "");
	if (empty(in->owner_area) || (strcmp(in->owner_area, "TH") && geo_level(in->owner_area) < 1))
		return err_set(e, ERR_INVALID, "owner_area", "พื้นที่เจ้าของโครงการไม่ถูกต้อง%s",
			       "invalid owner area%s", "");
	if ((r = actor_check(a, PERM_WRITE, in->owner_area, e)))
		return r;
	if (in->documents && *in->documents) {
		docs = json_loads(in->documents, 0, NULL);
		ok = json_is_array(docs);
		json_decref(docs);
		if (!ok)
			return err_set(e, ERR_INVALID, "documents",
				       "รายการเอกสารต้องเป็นรายการ JSON%s",
				       "documents must be a JSON list%s", "");
	}
	if ((r = date_parse(effective_from ? effective_from : "", 0, &eff, "effective_from", e)) ||
	    (r = check_rules(rules, e)))
		return r;
	snprintf(p.code, sizeof(p.code), "%s", in->code);
	snprintf(p.name_th, sizeof(p.name_th), "%s", in->name_th);
	snprintf(p.name_en, sizeof(p.name_en), "%s", empty(in->name_en) ? in->name_th : in->name_en);
	snprintf(p.pillar, sizeof(p.pillar), "%s", in->pillar);
	snprintf(p.owner_area, sizeof(p.owner_area), "%s", in->owner_area);
	snprintf(p.source, sizeof(p.source), "%s", in->source ? in->source : "");
	p.documents = (char *)(in->documents && *in->documents ? in->documents : "[]");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = program_insert(db, &p, a->username, now, id, e)) ||
	    (r = program_version_insert(db, *id, eff, rules, "", a->username, now, &vid, e)) ||
	    (r = audit(app, db, a, "program", *id, p.owner_area, "create",
		       json_pack("{s:s, s:s, s:s, s:s}", "code", p.code, "name_th", p.name_th,
				 "effective_from", effective_from, "rules", rules),
		       e))) {
		db_rollback(db);
		*id = 0;
		return r;
	}
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
}

int app_program_version_add(struct app *app, const struct actor *a, int64_t program_id,
			    const char *effective_from, const char *rules, const char *note,
			    int64_t *id, struct err *e)
{
	struct program_version_list vl = { NULL, 0, 0 };
	struct program p;
	struct date eff;
	char now[32];
	struct db *db;
	int r;

	*id = 0;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = program_get(db, program_id, &p, e)))
		return r;
	program_release(&p);
	if ((r = actor_check(a, PERM_WRITE, p.owner_area, e)) ||
	    (r = date_parse(effective_from ? effective_from : "", 0, &eff, "effective_from", e)) ||
	    (r = check_rules(rules, e)))
		return r;
	if (note && strlen(note) > 500)
		return err_set(e, ERR_INVALID, "note", "หมายเหตุยาวเกินไป%s", "the note is too long%s",
			       "");
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = program_versions(db, program_id, &vl, e)))
		goto fail;
	if (vl.n && date_cmp(eff, vl.items[vl.n - 1].effective_from) <= 0) {
		r = err_set(e, ERR_CONFLICT, "effective_from",
			    "กฎฉบับใหม่ต้องมีผลหลังฉบับล่าสุด%s",
			    "a new version must take effect after the latest one%s", "");
		goto fail;
	}
	if ((r = program_version_insert(db, program_id, eff, rules, note ? note : "", a->username,
					now, id, e)) ||
	    (r = audit(app, db, a, "program", program_id, p.owner_area, "version_add",
		       json_pack("{s:I, s:s, s:s}", "version_id", (json_int_t)*id, "effective_from",
				 effective_from, "rules", rules),
		       e)))
		goto fail;
	program_version_list_release(&vl);
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
fail:
	program_version_list_release(&vl);
	db_rollback(db);
	*id = 0;
	return r;
}

int app_program_dry_run(struct app *app, const struct actor *a, int64_t program_id,
			const char *rules, const char *on, const char *area, struct dry_run *out,
			struct err *e)
{
	struct rules_prog *now_p = NULL, *new_p = NULL;
	struct program_cols_spec spec;
	struct program_cols pc;
	struct eval_ws *ws = NULL;
	struct judge_ctx j;
	struct rules_env env;
	struct date d;
	struct db *db, *helper = NULL;
	int r;

	memset(out, 0, sizeof(*out));
	memset(&pc, 0, sizeof(pc));
	memset(&j, 0, sizeof(j));
	if (empty(area))
		area = a->area;
	if ((r = actor_check(a, PERM_READ, area, e)) ||
	    (r = date_parse(on ? on : "", 0, &d, "on", e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = rules_compile(rules ? rules : "", rules ? strlen(rules) : 0, &new_p, e)))
		return r;
	if ((r = load_rules(db, program_id, d, &now_p, NULL, e)) && r != ERR_CONFLICT)
		goto out;
	if ((r = judge_init(db, &j, e)))
		goto out;
	/* Everyone registered in the area (the dead too: the rules say so),
	 * as if they applied on the day, the area as the paying office. */
	memset(&spec, 0, sizeof(spec));
	spec.on = d;
	spec.programs = j.codes;
	spec.nprograms = j.ncodes;
	spec_add(&spec, new_p);
	spec_add(&spec, now_p);
	if (!strcmp(area, GEO_NATION_CODE))
		spec.helper = helper = helper_db(app);
	if ((r = program_cols_area(db, area, &spec, &pc, e)))
		goto out;
	ws = xcalloc(1, sizeof(*ws));
	for (size_t k = 0; k < EVAL_CHUNK; k++)
		ws->registered[k] = day_of(d);
	env = (struct rules_env){ d, area, j.codes, j.ncodes };
	for (size_t at = 0; at < pc.n && !r; at += EVAL_CHUNK) {
		size_t m = pc.n - at < EVAL_CHUNK ? pc.n - at : EVAL_CHUNK;
		struct rules_batch b;

		batch_slice(&pc.b, at, &b);
		b.registered = ws->registered;
		b.flags = ws->flags;
		if ((r = rules_eval_batch(new_p, &env, &b, m, ws->amount2, ws->fail2, e)))
			break;
		if (now_p && (r = rules_eval_batch(now_p, &env, &b, m, ws->amount, ws->fail, e)))
			break;
		for (size_t i = 0; i < m; i++) {
			bool was = now_p && !ws->fail[i], will = !ws->fail2[i];
			int64_t was_amount = was ? ws->amount[i] : 0, new_amount = ws->amount2[i];
			int64_t id = pc.id[at + i];

			out->people++;
			out->eligible_now += was;
			out->eligible_new += will;
			out->cost_now += was_amount;
			out->cost_new += new_amount;
			if (!was && will) {
				if (out->nsample_gain < 20)
					out->sample_gain[out->nsample_gain++] = id;
				out->gain++;
			} else if (was && !will) {
				if (out->nsample_lose < 20)
					out->sample_lose[out->nsample_lose++] = id;
				out->lose++;
			} else if (was && new_amount > was_amount) {
				out->more++;
			} else if (was && new_amount < was_amount) {
				out->less++;
			}
		}
	}
out:
	if (helper)
		db_close(helper);
	free(ws);
	program_cols_release(&pc);
	judge_release(&j);
	rules_free(now_p);
	rules_free(new_p);
	if (r)
		memset(out, 0, sizeof(*out));
	return r;
}

/* -------------------------------------------------------------- enrolment */

/* A JSON list from its text (an empty list when the text is not one). */
static json_t *json_list(const char *text)
{
	json_t *j = json_loads(text, 0, NULL);

	if (json_is_array(j))
		return j;
	json_decref(j);
	return json_array();
}

/* The note of a step that leaves documents unseen: "ยังไม่ได้ตรวจเอกสาร: ...". */
static const char *missing_note(const char *names, char *out, size_t size)
{
	snprintf(out, size, "ยังไม่ได้ตรวจเอกสาร: %s", names);
	return out;
}

int app_enrol_apply(struct app *app, const struct actor *a, int64_t program_id,
		    int64_t person_id, const char *office, const char *applied_on,
		    const char *documents, int64_t *id, struct err *e)
{
	struct enrolment_list open = { NULL, 0, 0 };
	struct enrolment x;
	struct program p;
	struct person pe;
	struct err de;
	char now[32], missing[600] = "", missing_codes[1024] = "[]", note[700];
	int64_t merged;
	struct db *db;
	int r, docs_r;

	*id = 0;
	memset(&x, 0, sizeof(x));
	err_init(&de);
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = check_office(db, office, e)) || (r = actor_check(a, PERM_WRITE, office, e)))
		return r;
	if ((r = program_get(db, program_id, &p, e)))
		return r == ERR_NOT_FOUND ? err_set(e, ERR_INVALID, "program_id",
						    "ไม่พบโครงการ%s", "no such program%s", "")
					  : r;
	/* The documents seen must be the program's; those not seen are noted. */
	docs_r = program_documents_check(p.documents, documents, "documents", &de);
	if (!docs_r) {
		struct buf th = BUF_INIT, codes = BUF_INIT;

		if (program_documents_missing(p.documents, documents, &codes, &th, NULL) > 0) {
			snprintf(missing, sizeof(missing), "%s", th.ptr);
			snprintf(missing_codes, sizeof(missing_codes), "%s", codes.ptr);
		}
		buf_release(&th);
		buf_release(&codes);
	}
	program_release(&p);
	if (strcmp(p.owner_area, "TH") && !geo_in_scope(p.owner_area, office))
		return err_set(e, ERR_INVALID, "office", "โครงการนี้ไม่ได้จ่ายในพื้นที่ %s",
			       "this program is not paid in %s", office);
	if ((r = date_parse(applied_on ? applied_on : "", 0, &x.applied_on, "applied_on", e)))
		return r;
	if (date_cmp(x.applied_on, app_today(app)) > 0)
		return err_set(e, ERR_INVALID, "applied_on", "วันที่ยื่นต้องไม่เป็นวันในอนาคต%s",
			       "the application date must not be in the future%s", "");
	if (documents && *documents) {
		json_t *d = json_loads(documents, 0, NULL);
		bool ok = json_is_array(d) && json_array_size(d) <= 32;
		json_decref(d);
		if (!ok || strlen(documents) > 4096)
			return err_set(e, ERR_INVALID, "documents",
				       "เอกสารต้องเป็นรายการ JSON ไม่เกิน 32 รายการ%s",
				       "documents must be a JSON list of at most 32 items%s", "");
	}
	if (docs_r) {
		*e = de;
		return docs_r;
	}
	if ((r = person_get(db, person_id, &pe, &merged, e)))
		return r == ERR_NOT_FOUND ? err_set(e, ERR_INVALID, "person_id",
						    "ไม่พบบุคคลหมายเลข %lld",
						    "person %lld not found", (long long)person_id)
					  : r;
	r = actor_check(a, PERM_READ, pe.area, e);
	if (!r && (merged || pe.death.y))
		r = err_set(e, ERR_INVALID, "person_id",
			    "บุคคลนี้เสียชีวิตหรือถูกรวมระเบียนแล้ว%s",
			    "this person has died or was merged into another record%s", "");
	person_release(&pe);
	if (r)
		return r;
	x.program_id = program_id;
	x.person_id = person_id;
	snprintf(x.office, sizeof(x.office), "%s", office);
	snprintf(x.province, sizeof(x.province), "%.2s", office);
	snprintf(x.status, sizeof(x.status), "applied");
	snprintf(x.created_by, sizeof(x.created_by), "%s", a->username);
	x.documents = (char *)(documents && *documents ? documents : "[]");
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = enrolment_open_of(db, person_id, program_id, &open, e)))
		goto fail;
	for (size_t i = 0; i < open.n; i++)
		if (!strcmp(open.items[i].office, office)) {
			r = err_set(e, ERR_CONFLICT, "person_id",
				    "บุคคลนี้ลงทะเบียนโครงการนี้ที่สำนักงานนี้แล้ว (เลขที่ %lld)",
				    "this person is already enrolled here in this program (number %lld)",
				    (long long)open.items[i].id);
			goto fail;
		}
	if ((r = enrolment_insert(db, &x, now, id, e)) ||
	    (r = enrolment_step_insert(db, *id, "applied",
				       *missing ? missing_note(missing, note, sizeof(note)) : "",
				       a->username, now, e)) ||
	    (r = audit(app, db, a, "enrolment", *id, office, "apply",
		       json_pack("{s:I, s:I, s:s, s:s, s:o}", "program_id", (json_int_t)program_id,
				 "person_id", (json_int_t)person_id, "office", office, "applied_on",
				 applied_on, "missing", json_list(missing_codes)),
		       e)))
		goto fail;
	enrolment_list_release(&open);
	if ((r = db_commit(db, e)))
		*id = 0;
	return r;
fail:
	enrolment_list_release(&open);
	db_rollback(db);
	*id = 0;
	return r;
}

/* Which step may follow which, and what it leads to. */
static const char *step_to(const char *action, const char *from)
{
	static const struct {
		const char *action, *from, *to;
	} t[] = {
		{ "verify", "applied", "verified" },    { "approve", "verified", "active" },
		{ "reject", "applied", "rejected" },    { "reject", "verified", "rejected" },
		{ "suspend", "active", "suspended" },   { "resume", "suspended", "active" },
		{ "end", "active", "ended" },           { "end", "suspended", "ended" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		if (!strcmp(action, t[i].action) && !strcmp(from, t[i].from))
			return t[i].to;
	return NULL;
}

/* An application is approved only once every required document was seen. */
static int documents_complete(struct db *db, const struct enrolment *x, struct err *e)
{
	struct buf th = BUF_INIT, en = BUF_INIT;
	struct program p;
	int r, n;

	if ((r = program_get(db, x->program_id, &p, e)))
		return r;
	n = program_documents_missing(p.documents, x->documents, NULL, &th, &en);
	if (n > 0)
		r = err_set(e, ERR_CONFLICT, "documents",
			    "ยังอนุมัติไม่ได้ ยังไม่ได้ตรวจเอกสาร: %s%.0s",
			    "cannot approve yet: documents not seen: %.0s%s", th.ptr, en.ptr);
	program_release(&p);
	buf_release(&th);
	buf_release(&en);
	return r;
}

int app_enrol_step(struct app *app, const struct actor *a, int64_t id, const char *action,
		   const char *date, const char *note, struct err *e)
{
	struct rules_prog *prog = NULL;
	struct enrolment x;
	struct judge_ctx j;
	struct date on;
	char now[32], d[16];
	const char *to;
	bool need_note;
	struct db *db;
	int r;

	memset(&x, 0, sizeof(x));
	memset(&j, 0, sizeof(j));
	if (!action || (strcmp(action, "verify") && strcmp(action, "approve") &&
			strcmp(action, "reject") && strcmp(action, "suspend") &&
			strcmp(action, "resume") && strcmp(action, "end")))
		return err_set(e, ERR_INVALID, "action", "ขั้นตอนไม่ถูกต้อง: %.20s",
			       "unknown step: %.20s", action ? action : "");
	need_note = !strcmp(action, "reject") || !strcmp(action, "suspend") || !strcmp(action, "end");
	if (need_note && empty(note))
		return err_set(e, ERR_INVALID, "note", "กรุณาระบุเหตุผล%s", "a reason is required%s",
			       "");
	if (note && strlen(note) > 500)
		return err_set(e, ERR_INVALID, "note", "เหตุผลยาวเกินไป%s", "the reason is too long%s",
			       "");
	on = app_today(app);
	if (!empty(date) && (r = date_parse(date, 0, &on, "date", e)))
		return r;
	if (date_cmp(on, app_today(app)) > 0)
		return err_set(e, ERR_INVALID, "date", "วันที่ต้องไม่เป็นวันในอนาคต%s",
			       "the date must not be in the future%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = enrolment_get(db, id, &x, e)))
		return r;
	if ((r = actor_check(a, PERM_WRITE, x.office, e)) || (r = officer_check(a, e)))
		goto out;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		goto out;
	enrolment_release(&x);
	if ((r = enrolment_get(db, id, &x, e)))
		goto fail;
	if (!(to = step_to(action, x.status))) {
		r = err_set(e, ERR_CONFLICT, "action",
			    "การลงทะเบียนสถานะ \"%s\" ทำขั้นตอน \"%s\" ไม่ได้",
			    "an enrolment that is \"%s\" cannot be given the step \"%s\"", x.status,
			    action);
		goto fail;
	}
	if (date_cmp(on, x.applied_on) < 0) {
		r = err_set(e, ERR_INVALID, "date", "วันที่ต้องไม่ก่อนวันยื่นคำขอ%s",
			    "the date cannot be before the application%s", "");
		goto fail;
	}
	if (!strcmp(action, "approve") && (r = documents_complete(db, &x, e)))
		goto fail;
	if (!strcmp(action, "verify") || !strcmp(action, "approve") || !strcmp(action, "resume")) {
		struct rules_person p;
		struct rules_result res;
		if ((r = load_rules(db, x.program_id, on, &prog, NULL, e)) ||
		    (r = judge_init(db, &j, e)) || (r = judge(db, &j, prog, &x, on, &p, &res, e)))
			goto fail;
		if (!res.eligible) {
			char th[RULES_LABEL_MAX + 64], en[RULES_LABEL_MAX + 64];
			struct rules_env env = { on, x.office, j.codes, j.ncodes };
			fail_label(prog, &env, &p, th, en, sizeof(th));
			r = err_set(e, ERR_CONFLICT, "action", "ไม่มีสิทธิ์: %s%.0s",
				    "not eligible: %.0s%s", th, en);
			goto fail;
		}
	}
	if (!strcmp(action, "approve") && !x.active_from.y)
		x.active_from = next_month(x.applied_on);
	if (!strcmp(to, "ended")) {
		x.ended_on = on;
		snprintf(x.end_reason, sizeof(x.end_reason), "%s", note);
	}
	snprintf(x.status, sizeof(x.status), "%s", to);
	iso(on, d);
	if ((r = enrolment_update(db, &x, now, e)) ||
	    (r = enrolment_step_insert(db, id, to, note ? note : "", a->username, now, e)) ||
	    (r = audit(app, db, a, "enrolment", id, x.office, action,
		       json_pack("{s:s, s:s, s:s}", "status", to, "date", d, "note",
				 note ? note : ""),
		       e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
out:
	judge_release(&j);
	rules_free(prog);
	enrolment_release(&x);
	return r;
}

int app_enrol_documents(struct app *app, const struct actor *a, int64_t id,
			const char *documents, struct err *e)
{
	struct buf th = BUF_INIT, codes = BUF_INIT;
	struct enrolment x;
	struct program p;
	char now[32], note[700];
	struct db *db;
	int r, n;

	memset(&x, 0, sizeof(x));
	memset(&p, 0, sizeof(p));
	if (!documents || strlen(documents) > 4096)
		return err_set(e, ERR_INVALID, "documents", "รายการเอกสารไม่ถูกต้อง%s",
			       "invalid list of documents%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = enrolment_get(db, id, &x, e)))
		return r;
	if ((r = actor_check(a, PERM_WRITE, x.office, e)) || (r = officer_check(a, e)))
		goto out;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		goto out;
	enrolment_release(&x);
	if ((r = enrolment_get(db, id, &x, e)) || (r = program_get(db, x.program_id, &p, e)))
		goto fail;
	if (!strcmp(x.status, "ended") || !strcmp(x.status, "rejected")) {
		r = err_set(e, ERR_CONFLICT, "documents",
			    "การลงทะเบียนสถานะ \"%s\" บันทึกเอกสารไม่ได้",
			    "documents cannot be recorded on an enrolment that is \"%s\"", x.status);
		goto fail;
	}
	if ((r = program_documents_check(p.documents, documents, "documents", e)))
		goto fail;
	n = program_documents_missing(p.documents, documents, &codes, &th, NULL);
	if (n > 0)
		missing_note(th.ptr, note, sizeof(note));
	else
		snprintf(note, sizeof(note), "ตรวจเอกสารครบแล้ว");
	free(x.documents);
	x.documents = xstrdup(documents);
	if ((r = enrolment_update(db, &x, now, e)) ||
	    (r = enrolment_step_insert(db, id, x.status, note, a->username, now, e)) ||
	    (r = audit(app, db, a, "enrolment", id, x.office, "documents",
		       json_pack("{s:o, s:o}", "documents", json_list(documents), "missing",
				 json_list(codes.ptr)),
		       e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
out:
	buf_release(&th);
	buf_release(&codes);
	program_release(&p);
	enrolment_release(&x);
	return r;
}

int app_enrol_get(struct app *app, const struct actor *a, int64_t id, struct enrolment *out,
		  struct enrolment_step_list *steps, struct err *e)
{
	struct db *db;
	int r;

	memset(out, 0, sizeof(*out));
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = enrolment_get(db, id, out, e)))
		return r;
	if ((r = actor_check(a, PERM_READ, out->office, e)) ||
	    (steps && (r = enrolment_steps(db, id, steps, e))))
		enrolment_release(out);
	return r;
}

int app_enrol_explain(struct app *app, const struct actor *a, int64_t id, struct date on,
		      bool thai, struct buf *out, struct err *e)
{
	struct rules_prog *prog = NULL;
	struct enrolment x;
	struct judge_ctx j;
	struct rules_person p;
	struct rules_result res;
	struct db *db;
	int r;

	memset(&j, 0, sizeof(j));
	if ((r = app_enrol_get(app, a, id, &x, NULL, e)))
		return r;
	if (!on.y)
		on = app_today(app);
	if (!(db = app_db(app, e))) {
		r = ERR_DB;
		goto out;
	}
	if ((r = load_rules(db, x.program_id, on, &prog, NULL, e)) || (r = judge_init(db, &j, e)) ||
	    (r = judge(db, &j, prog, &x, on, &p, &res, e)))
		goto out;
	{
		struct rules_env env = { on, x.office, j.codes, j.ncodes };
		r = rules_explain(prog, &env, &p, thai, out, e);
	}
out:
	judge_release(&j);
	rules_free(prog);
	enrolment_release(&x);
	return r;
}

int app_enrol_list(struct app *app, const struct actor *a, const char *office,
		   int64_t program_id, const char *status, int limit, int64_t offset,
		   struct enrolment_list *out, struct err *e)
{
	const char *where = empty(office) ? a->area : office;
	struct db *db;
	int r;

	if ((r = actor_check(a, PERM_READ, where, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return enrolment_list_office(db, strcmp(where, "TH") ? where : "", program_id, status,
				     limit > 0 && limit <= 1000 ? limit : 100, offset > 0 ? offset : 0,
				     out, e);
}

int app_enrol_of_person(struct app *app, const struct actor *a, int64_t person_id,
			struct enrolment_list *out, struct err *e)
{
	struct person pe;
	int64_t merged;
	struct db *db;
	int r;

	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = person_get(db, person_id, &pe, &merged, e)))
		return r;
	r = actor_check(a, PERM_READ, pe.area, e);
	person_release(&pe);
	return r ? r : enrolment_list_person(db, person_id, out, e);
}

/* The registry's death hook: ends every open enrolment of the person. */
static int on_death(struct app *app, struct db *db, const struct actor *a, int64_t person_id,
		    struct date death, struct err *e)
{
	struct enrolment_list l = { NULL, 0, 0 };
	char now[32], d[16];
	int r;

	if ((r = enrolment_list_person(db, person_id, &l, e)))
		return r;
	app_iso_time(app_time(app), now);
	iso(death, d);
	for (size_t i = 0; i < l.n && !r; i++) {
		struct enrolment *x = &l.items[i];
		if (!strcmp(x->status, "ended") || !strcmp(x->status, "rejected"))
			continue;
		snprintf(x->status, sizeof(x->status), "ended");
		snprintf(x->end_reason, sizeof(x->end_reason), "death");
		x->ended_on = death;
		if (!(r = enrolment_update(db, x, now, e)) &&
		    !(r = enrolment_step_insert(db, x->id, "ended", "death", a->username, now, e)))
			r = audit(app, db, a, "enrolment", x->id, x->office, "end",
				  json_pack("{s:s, s:s}", "reason", "death", "date", d), e);
	}
	enrolment_list_release(&l);
	return r;
}

void app_program_register_hooks(void)
{
	app_person_on_death(on_death);
}

/* ---------------------------------------------------------------- payroll */

/* The office's books, opened with the office chart on first use. */
static int office_book(struct app *app, struct db *db, const char *office, int64_t *book,
		       struct err *e)
{
	size_t n;
	const struct chart_account *chart = ledger_office_chart(&n);
	char now[32], name[64];
	int64_t acc;
	int r;

	if ((r = office_book_get(db, office, book, e)) || *book)
		return r;
	app_iso_time(app_time(app), now);
	snprintf(name, sizeof(name), "office %s", office);
	if ((r = ledger_book_insert(db, "office", office, name, now, book, e)) ||
	    (r = office_book_insert(db, office, *book, e)))
		return r;
	for (size_t i = 0; i < n && !r; i++)
		r = account_insert(db, *book, chart[i].code, chart[i].name_th, chart[i].name_en,
				   chart[i].type, chart[i].admin, chart[i].cash, &acc, e);
	return r;
}

static int book_account(struct db *db, int64_t book, const char *code, int64_t *id,
			struct err *e)
{
	struct account acc;
	int r = account_by_code(db, book, code, &acc, e);

	*id = r ? 0 : acc.id;
	return r;
}

/*
 * Compiled rules per program, for one roll (or a run of rolls): each kept
 * with the days its version is in force (from, and to: the next version's
 * first day; zero when none follows), so the months of arrears find theirs
 * without compiling again.
 */
struct roll_prog {
	int64_t program_id;
	struct date from, to;
	struct rules_prog *prog;
};

struct roll_cache {
	struct roll_prog p[16];
	size_t n;
};

static void roll_cache_release(struct roll_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		rules_free(c->p[i].prog);
	c->n = 0;
}

static int roll_rules(struct db *db, struct roll_cache *cache, int64_t program_id, struct date on,
		      struct rules_prog **out, struct err *e)
{
	struct program_version_list vl = { NULL, 0, 0 };
	struct roll_prog c;
	size_t i, v = 0;
	bool found = false;
	int r;

	for (i = 0; i < cache->n; i++)
		if (cache->p[i].program_id == program_id && date_cmp(cache->p[i].from, on) <= 0 &&
		    (!cache->p[i].to.y || date_cmp(on, cache->p[i].to) < 0)) {
			*out = cache->p[i].prog;
			return 0;
		}
	*out = NULL;
	if ((r = program_versions(db, program_id, &vl, e)))
		return r;
	for (i = 0; i < vl.n; i++)
		if (date_cmp(vl.items[i].effective_from, on) <= 0) {
			v = i;
			found = true;
		}
	if (!found) {
		char s[16];
		iso(on, s);
		r = err_set(e, ERR_CONFLICT, "date", "โครงการยังไม่มีกฎที่มีผลในวันที่ %s",
			    "the program has no rules in force on %s", s);
		goto out;
	}
	memset(&c, 0, sizeof(c));
	c.program_id = program_id;
	c.from = vl.items[v].effective_from;
	if (v + 1 < vl.n)
		c.to = vl.items[v + 1].effective_from;
	if ((r = rules_compile(vl.items[v].rules, strlen(vl.items[v].rules), &c.prog, e))) {
		err_prefix(e, "กฎที่บันทึกไว้ใช้ไม่ได้: ", "the stored rules do not compile: ");
		goto out;
	}
	if (cache->n == ARRAY_SIZE(cache->p)) { /* full: drop the oldest */
		rules_free(cache->p[0].prog);
		memmove(cache->p, cache->p + 1, (cache->n - 1) * sizeof(cache->p[0]));
		cache->n--;
	}
	cache->p[cache->n++] = c;
	*out = c.prog;
out:
	program_version_list_release(&vl);
	return r;
}

/* The columns and need kinds every version of the programs in a roll reads
 * (arrears are judged by the versions of earlier months). */
static int roll_spec(struct db *db, const struct roll_entry_list *l,
		     struct program_cols_spec *spec, struct err *e)
{
	int64_t seen[RULES_MAX_PROGRAMS];
	size_t nseen = 0;
	int r = 0;

	for (size_t i = 0; i < l->n && !r; i++) {
		struct program_version_list vl = { NULL, 0, 0 };
		size_t k;

		for (k = 0; k < nseen && seen[k] != l->items[i].program_id; k++)
			;
		if (k < nseen)
			continue;
		if (nseen < ARRAY_SIZE(seen))
			seen[nseen++] = l->items[i].program_id;
		if ((r = program_versions(db, l->items[i].program_id, &vl, e)))
			break;
		for (k = 0; k < vl.n && !r; k++) {
			struct rules_prog *p;
			if (!(r = rules_compile(vl.items[k].rules, strlen(vl.items[k].rules), &p, e))) {
				spec_add(spec, p);
				rules_free(p);
			} else {
				err_prefix(e, "กฎที่บันทึกไว้ใช้ไม่ได้: ", "the stored rules do not compile: ");
			}
		}
		program_version_list_release(&vl);
	}
	/* The checks read death and area whatever the rules say. */
	spec->columns |= RULES_COL_DEATH | RULES_COL_AREA;
	return r;
}

/* A roll's people as one batch: row p is entry order[p]'s person, with the
 * entry's application date as registered. */
static void roll_batch_release(struct rules_batch *b)
{
	free(b->birth);
	free(b->death);
	free(b->registered);
	free(b->income);
	free(b->area);
	free(b->needs);
	free(b->cards);
	free(b->enrolled);
	free(b->sex);
	free(b->nationality);
	free(b->reg);
	free(b->flags);
	memset(b, 0, sizeof(*b));
}

static int roll_gather(const struct roll_entry *items, size_t n, const size_t *order,
		       const struct program_cols *pc, struct rules_batch *b, struct err *e)
/* (order[p]: the entry of row p) */
{
	const struct rules_batch *s = &pc->b;
	size_t cap = n ? n : 1, hint = 0;

	memset(b, 0, sizeof(*b));
#define COL(f) b->f = s->f ? xcalloc(cap, sizeof(*b->f)) : NULL
	COL(birth);
	COL(death);
	COL(income);
	COL(area);
	COL(needs);
	COL(cards);
	COL(enrolled);
	COL(sex);
	COL(nationality);
	COL(reg);
#undef COL
	b->registered = xcalloc(cap, sizeof(*b->registered));
	b->flags = xcalloc(cap, sizeof(*b->flags));
	for (size_t p = 0; p < n; p++) {
		const struct roll_entry *x = &items[order[p]];
		long i = program_cols_find(pc, x->person_id, &hint);
		if (i < 0) {
			roll_batch_release(b);
			return err_set(e, ERR_NOT_FOUND, "person_id", "ไม่พบบุคคลหมายเลข %lld",
				       "person %lld not found", (long long)x->person_id);
		}
#define CP(f)           \
	if (b->f)       \
		b->f[p] = s->f[i]
		CP(birth);
		CP(death);
		CP(income);
		CP(area);
		CP(needs);
		CP(cards);
		CP(enrolled);
		CP(sex);
		CP(nationality);
		CP(reg);
#undef CP
		b->registered[p] = x->applied_on;
	}
	return 0;
}

/* Entries (ctx) by program, then their place in the list. */
static int cmp_order(const void *a, const void *b, void *ctx)
{
	const struct roll_entry *base = ctx;
	size_t i = *(const size_t *)a, k = *(const size_t *)b;

	if (base[i].program_id != base[k].program_id)
		return base[i].program_id < base[k].program_id ? -1 : 1;
	return i < k ? -1 : i > k;
}

/* Positions k of which, by the entry's program, then which[k]: the order
 * of cmp_order, seen from which. */
struct which_ctx {
	const struct roll_entry *items;
	const size_t *which;
};

static int cmp_which(const void *a, const void *b, void *ctx)
{
	const struct which_ctx *w = ctx;
	size_t i = w->which[*(const size_t *)a], k = w->which[*(const size_t *)b];

	return cmp_order(&i, &k, (void *)w->items);
}

/* What a roll does with an entry. */
struct roll_result {
	int64_t amount, arrears, arrears_months;
	char reason[48];             /* "" to pay; deceased, moved, two_offices, not_eligible:CODE */
};

/* The month after the one that starts on day number d (the 1st). */
static int32_t next_month_day(int32_t d)
{
	struct date x;

	if (date_from_days(d, &x, NULL))
		return INT32_MAX;
	return date_to_days(next_month(x));
}

/*
 * Judges n entries of one office, items[which[0..n)] (their people in pc),
 * for the month m1: the checks of app_payroll_generate, in its order, then
 * the amount by the rules in force on m1 and the arrears of a first roll;
 * res[k] is for items[which[k]]. The rules run in one batch per program.
 */
static int roll_compute(struct db *db, const struct roll_entry *items, const size_t *which,
			size_t n, const struct program_cols *pc, struct date m1,
			const struct judge_ctx *j, struct roll_cache *cache, struct roll_result *res,
			struct err *e)
{
	struct rules_batch b;
	size_t *order = NULL, *pos = NULL;
	int32_t *amount = NULL, m1_day = date_to_days(m1);
	uint8_t *fail = NULL;
	int r = 0;

	memset(&b, 0, sizeof(b));
	if (!n)
		return 0;
	/* Batch row p holds entry order[p]; pos[k] is the row of which[k]. */
	order = xmalloc(n * sizeof(*order));
	pos = xmalloc(n * sizeof(*pos));
	for (size_t k = 0; k < n; k++)
		pos[k] = k;
	qsort_r(pos, n, sizeof(*pos), cmp_which, &(struct which_ctx){ items, which });
	for (size_t p = 0; p < n; p++)
		order[p] = which[pos[p]];
	{
		size_t *rank = pos;
		pos = xmalloc(n * sizeof(*pos));
		for (size_t p = 0; p < n; p++)
			pos[rank[p]] = p;
		free(rank);
	}
	if ((r = roll_gather(items, n, order, pc, &b, e)))
		goto out;
	amount = xmalloc(n * sizeof(*amount));
	fail = xmalloc(n);
	for (size_t p = 0, q; p < n && !r; p = q) {
		const struct roll_entry *x = &items[order[p]];
		struct rules_env env = { m1, x->office, j->codes, j->ncodes };
		struct rules_prog *prog;
		struct rules_batch slice;

		for (q = p + 1; q < n && items[order[q]].program_id == x->program_id; q++)
			;
		if ((r = roll_rules(db, cache, x->program_id, m1, &prog, e)))
			break;
		batch_slice(&b, p, &slice);
		r = rules_eval_batch(prog, &env, &slice, q - p, amount + p, fail + p, e);
	}
	for (size_t k = 0; k < n && !r; k++) {
		const struct roll_entry *x = &items[which[k]];
		struct roll_result *rr = &res[k];
		size_t p = pos[k];
		char code[GEO_CODE_SIZE];

		memset(rr, 0, sizeof(*rr));
		area_code(b.area[p], code);
		if (b.death[p] != RULES_DAY_UNKNOWN && b.death[p] < m1_day) {
			snprintf(rr->reason, sizeof(rr->reason), "deceased");
		} else if (!code[0] || !geo_in_scope(x->office, code)) {
			snprintf(rr->reason, sizeof(rr->reason), "moved");
		} else if (x->other_office) {
			snprintf(rr->reason, sizeof(rr->reason), "two_offices");
		} else if (fail[p]) {
			struct rules_prog *prog;
			const struct rules_item *it;
			if ((r = roll_rules(db, cache, x->program_id, m1, &prog, e)))
				break;
			it = rules_require(prog, fail[p] - 1);
			snprintf(rr->reason, sizeof(rr->reason), "not_eligible:%s", it ? it->code : "");
		}
		if (rr->reason[0])
			continue;
		rr->amount = amount[p];
		/* Late approval: the months from the first one owed up to last
		 * month, never rolled before, are paid now, each by its rules. */
		if (x->paid_through != RULES_DAY_UNKNOWN)
			continue;
		for (int32_t mm = x->active_from; mm < m1_day && rr->arrears_months < 120;
		     mm = next_month_day(mm)) {
			struct rules_env env = { m1, x->office, j->codes, j->ncodes };
			struct rules_prog *pm;
			struct rules_batch one;
			int32_t a;
			uint8_t f;
			if ((r = date_from_days(mm, &env.on, e)) ||
			    (r = roll_rules(db, cache, x->program_id, env.on, &pm, e)))
				break;
			batch_slice(&b, p, &one);
			if ((r = rules_eval_batch(pm, &env, &one, 1, &a, &f, e)))
				break;
			rr->arrears += a;
			rr->arrears_months += !f;
		}
	}
out:
	roll_batch_release(&b);
	free(order);
	free(pos);
	free(amount);
	free(fail);
	return r;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The sorted, distinct people of a roll's entries. */
static int64_t *roll_people(const struct roll_entry_list *l, size_t *n)
{
	int64_t *ids = xmalloc((l->n ? l->n : 1) * sizeof(*ids));
	size_t k = 0;

	for (size_t i = 0; i < l->n; i++)
		ids[i] = l->items[i].person_id;
	qsort(ids, l->n, sizeof(*ids), cmp_i64);
	for (size_t i = 0; i < l->n; i++)
		if (!k || ids[k - 1] != ids[i])
			ids[k++] = ids[i];
	*n = k;
	return ids;
}

/* The people of a roll's entries in columns, as of m1. */
static int roll_load(struct db *db, struct db *helper, const struct roll_entry_list *l,
		     struct date m1, const struct judge_ctx *j, struct program_cols *pc,
		     struct err *e)
{
	struct program_cols_spec spec;
	int64_t *ids;
	size_t nids;
	int r;

	memset(&spec, 0, sizeof(spec));
	if ((r = roll_spec(db, l, &spec, e)))
		return r;
	spec.on = m1;
	spec.programs = j->codes;
	spec.nprograms = j->ncodes;
	spec.helper = helper;
	ids = roll_people(l, &nids);
	r = program_cols_ids(db, ids, nids, &spec, pc, e);
	free(ids);
	return r;
}

int app_payroll_generate(struct app *app, const struct actor *a, const char *office,
			 const char *month, int64_t *id, struct err *e)
{
	struct roll_entry_list l = { NULL, 0, 0, BUF_INIT };
	struct roll_cache cache = { .n = 0 };
	struct program_cols pc;
	struct roll_result *res = NULL;
	size_t *which = NULL;
	struct judge_ctx j;
	struct payroll p;
	struct date m1;
	char now[32], mtext[8];
	struct db *db;
	int r;

	*id = 0;
	memset(&j, 0, sizeof(j));
	memset(&pc, 0, sizeof(pc));
	if ((r = parse_month(month, &m1, e)))
		return r;
	if (date_cmp(m1, app_today(app)) > 0)
		return err_set(e, ERR_INVALID, "month", "ทำบัญชีจ่ายได้เฉพาะเดือนที่เริ่มแล้ว%s",
			       "a roll can be made only for a month that has begun%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = check_office(db, office, e)) || (r = actor_check(a, PERM_WRITE, office, e)) ||
	    (r = officer_check(a, e)))
		return r;
	snprintf(mtext, sizeof(mtext), "%04u-%02u", (unsigned)m1.y % 10000u, (unsigned)m1.m % 100u);
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = payroll_find(db, office, mtext, id, e)))
		goto fail;
	if (*id) { /* made before: nothing changes */
		db_rollback(db);
		return 0;
	}
	/* The snapshot: the office's active enrolments paid from the month or
	 * before, and their people as of the month's first day, in columns. */
	if ((r = payroll_insert(db, office, mtext, a->username, now, id, e)) ||
	    (r = payroll_entries(db, office, false, m1, true, true, &l, e)) ||
	    (r = judge_init(db, &j, e)) || (r = roll_load(db, NULL, &l, m1, &j, &pc, e)))
		goto fail;
	res = xcalloc(l.n ? l.n : 1, sizeof(*res));
	which = xmalloc((l.n ? l.n : 1) * sizeof(*which));
	for (size_t i = 0; i < l.n; i++)
		which[i] = i;
	if ((r = roll_compute(db, l.items, which, l.n, &pc, m1, &j, &cache, res, e)))
		goto fail;
	memset(&p, 0, sizeof(p));
	for (size_t i = 0; i < l.n; i++) {
		const struct roll_entry *x = &l.items[i];
		const char *nid = l.names.ptr + x->name;
		struct payroll_line line;

		memset(&line, 0, sizeof(line));
		line.payroll_id = *id;
		line.enrolment_id = x->id;
		line.person_id = x->person_id;
		line.program_id = x->program_id;
		snprintf(line.national_id, sizeof(line.national_id), "%s", nid);
		snprintf(line.name, sizeof(line.name), "%s", nid + strlen(nid) + 1);
		if (res[i].reason[0]) {
			snprintf(line.status, sizeof(line.status), "stopped");
			snprintf(line.reason, sizeof(line.reason), "%s", res[i].reason);
			p.stopped++;
		} else {
			snprintf(line.status, sizeof(line.status), "pay");
			line.amount = res[i].amount;
			line.arrears = res[i].arrears;
			line.arrears_months = res[i].arrears_months;
			if ((r = enrolment_paid_through(db, x->id, m1, now, e)))
				goto fail;
			p.total += line.amount + line.arrears;
		}
		p.lines++;
		if ((r = payroll_line_insert(db, &line, e)))
			goto fail;
	}
	p.id = *id;
	snprintf(p.status, sizeof(p.status), "generated");
	if ((r = payroll_update(db, &p, e)) ||
	    (r = audit(app, db, a, "payroll", *id, office, "generate",
		       json_pack("{s:s, s:s, s:I, s:I, s:I}", "office", office, "month", mtext,
				 "lines", (json_int_t)p.lines, "total", (json_int_t)p.total,
				 "stopped", (json_int_t)p.stopped),
		       e)))
		goto fail;
	r = db_commit(db, e);
	goto out;
fail:
	db_rollback(db);
out:
	if (r)
		*id = 0;
	free(res);
	free(which);
	roll_cache_release(&cache);
	program_cols_release(&pc);
	judge_release(&j);
	roll_entry_list_release(&l);
	return r;
}

/* Entries (ctx) by person, program and id: a person's enrolments in one
 * program side by side. */
static int cmp_person(const void *a, const void *b, void *ctx)
{
	const struct roll_entry *base = ctx, *x = &base[*(const size_t *)a],
				*y = &base[*(const size_t *)b];

	if (x->person_id != y->person_id)
		return x->person_id < y->person_id ? -1 : 1;
	if (x->program_id != y->program_id)
		return x->program_id < y->program_id ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * The two-office check for a list holding every office's entries: an
 * entry is stopped when the person holds an earlier one (lower id) in the
 * program at another office; all such enrolments are in the list (active,
 * paid from the month or before), so no query is needed.
 */
static void roll_other_offices(struct roll_entry_list *l)
{
	size_t *o = xmalloc((l->n ? l->n : 1) * sizeof(*o));

	for (size_t i = 0; i < l->n; i++)
		o[i] = i;
	qsort_r(o, l->n, sizeof(*o), cmp_person, l->items);
	for (size_t g = 0, h; g < l->n; g = h) {
		const struct roll_entry *first = &l->items[o[g]];
		bool two = false; /* the earlier ones are at two offices or more */

		for (h = g + 1; h < l->n && l->items[o[h]].person_id == first->person_id &&
				l->items[o[h]].program_id == first->program_id;
		     h++) {
			struct roll_entry *x = &l->items[o[h]];
			x->other_office = two || strcmp(first->office, x->office);
			two = two || strcmp(first->office, x->office);
		}
	}
	free(o);
}

/* An office's entries (struct office_groups). */
struct office_slot {
	int32_t key;      /* rules_area_number of the office; 0: a free slot */
	uint32_t count;
	size_t start;     /* where its entries begin in which */
};

static int cmp_slot(const void *a, const void *b)
{
	int32_t x = ((const struct office_slot *)a)->key, y = ((const struct office_slot *)b)->key;

	return x < y ? -1 : x > y;
}

static size_t slot_of(struct office_slot *t, size_t cap, int32_t key)
{
	size_t h = ((uint32_t)key * 2654435761u) & (cap - 1);

	while (t[h].key && t[h].key != key)
		h = (h + 1) & (cap - 1);
	return h;
}

/*
 * The entries grouped by office in one counting sort: which[] lists them
 * office by office (offices in the order of their area numbers, each
 * office's entries in the list's order), group g being which[start[g] ..
 * start[g + 1]). Returns the number of offices; the caller frees *which and
 * *start.
 */
static size_t office_groups(const struct roll_entry_list *l, size_t **which, size_t **start)
{
	size_t cap = 1024, used = 0, n = l->n, g = 0;
	struct office_slot *t = xcalloc(cap, sizeof(*t));
	int32_t *key = xmalloc((n ? n : 1) * sizeof(*key));
	const char *last = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t h;
		if (!last || strcmp(last, l->items[i].office))
			key[i] = rules_area_number(l->items[i].office);
		else
			key[i] = key[i - 1];
		last = l->items[i].office;
		if (key[i] <= 0)
			key[i] = INT32_MAX; /* not an area code: one group at the end */
		if (2 * (used + 1) > cap) { /* grow, placing the keys again */
			struct office_slot *old = t;
			size_t ocap = cap;
			cap *= 2;
			t = xcalloc(cap, sizeof(*t));
			for (size_t k = 0; k < ocap; k++)
				if (old[k].key)
					t[slot_of(t, cap, old[k].key)] = old[k];
			free(old);
		}
		h = slot_of(t, cap, key[i]);
		if (!t[h].key) {
			t[h].key = key[i];
			used++;
		}
		t[h].count++;
	}
	/* The offices in order, each one's place in which. */
	{
		struct office_slot *o = xmalloc((used ? used : 1) * sizeof(*o));
		size_t at = 0;
		for (size_t k = 0; k < cap; k++)
			if (t[k].key)
				o[g++] = t[k];
		qsort(o, g, sizeof(*o), cmp_slot);
		*start = xmalloc((g + 1) * sizeof(**start));
		for (size_t k = 0; k < g; k++) {
			(*start)[k] = at;
			t[slot_of(t, cap, o[k].key)].start = at;
			at += o[k].count;
		}
		(*start)[g] = at;
		free(o);
	}
	*which = xmalloc((n ? n : 1) * sizeof(**which));
	for (size_t i = 0; i < n; i++)
		(*which)[t[slot_of(t, cap, key[i])].start++] = i;
	free(key);
	free(t);
	return g;
}

int app_payroll_preview(struct app *app, const struct actor *a, const char *area,
			const char *month, payroll_line_fn fn, void *ctx,
			struct payroll_preview *out, struct err *e)
{
	struct roll_entry_list l = { NULL, 0, 0, BUF_INIT };
	struct roll_cache cache = { .n = 0 };
	struct program_cols pc;
	struct roll_result *res = NULL;
	struct judge_ctx j;
	struct date m1;
	size_t *which = NULL, *start = NULL, ngroups;
	bool nation;
	struct db *db, *helper = NULL;
	int r;

	memset(out, 0, sizeof(*out));
	memset(&j, 0, sizeof(j));
	memset(&pc, 0, sizeof(pc));
	if (empty(area))
		area = a->area;
	nation = !strcmp(area, GEO_NATION_CODE);
	if (!nation && geo_level(area) < GEO_PROVINCE)
		return err_set(e, ERR_INVALID, "area",
			       "ต้องระบุประเทศ (TH) จังหวัด อำเภอ หรือตำบล%s",
			       "choose the nation (TH), a province, district or tambon%s", "");
	if ((r = parse_month(month, &m1, e)))
		return r;
	if ((r = actor_check(a, PERM_READ, area, e)) || (r = officer_check(a, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	/* Every office's entries; for the nation the two-office check needs
	 * no query (every office is in the list). */
	if (nation)
		helper = helper_db(app);
	if ((r = payroll_entries(db, area, true, m1, false, !nation, &l, e)) ||
	    (r = judge_init(db, &j, e)) || (r = roll_load(db, helper, &l, m1, &j, &pc, e)))
		goto out;
	if (nation)
		roll_other_offices(&l);
	/* Office by office, as the rolls are made. */
	ngroups = office_groups(&l, &which, &start);
	for (size_t g = 0; g < ngroups && !r; g++) {
		size_t s = start[g], m = start[g + 1] - s;
		res = xrealloc(res, (m ? m : 1) * sizeof(*res));
		if ((r = roll_compute(db, l.items, which + s, m, &pc, m1, &j, &cache, res, e)))
			break;
		out->offices++;
		for (size_t k = 0; k < m && !r; k++) {
			const struct roll_entry *x = &l.items[which[s + k]];
			const struct roll_result *rr = &res[k];
			struct payroll_line line;

			memset(&line, 0, sizeof(line));
			line.enrolment_id = x->id;
			line.person_id = x->person_id;
			line.program_id = x->program_id;
			if (rr->reason[0]) {
				snprintf(line.status, sizeof(line.status), "stopped");
				snprintf(line.reason, sizeof(line.reason), "%s", rr->reason);
				out->stopped++;
			} else {
				snprintf(line.status, sizeof(line.status), "pay");
				line.amount = rr->amount;
				line.arrears = rr->arrears;
				line.arrears_months = rr->arrears_months;
				out->total += line.amount + line.arrears;
			}
			out->lines++;
			if (fn)
				r = fn(ctx, x->office, &line);
		}
	}
out:
	if (helper)
		db_close(helper);
	free(which);
	free(start);
	free(res);
	roll_cache_release(&cache);
	program_cols_release(&pc);
	judge_release(&j);
	roll_entry_list_release(&l);
	if (r)
		memset(out, 0, sizeof(*out));
	return r;
}

int app_payroll_get(struct app *app, const struct actor *a, int64_t id, struct payroll *out,
		    struct payroll_line_list *lines, struct err *e)
{
	struct db *db;
	int r;

	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = payroll_get(db, id, out, e)) || (r = actor_check(a, PERM_READ, out->office, e)))
		return r;
	return lines ? payroll_lines(db, id, lines, e) : 0;
}

int app_payroll_list(struct app *app, const struct actor *a, const char *office,
		     struct payroll_list *out, struct err *e)
{
	const char *where = empty(office) ? a->area : office;
	struct db *db;
	int r;

	if ((r = actor_check(a, PERM_READ, where, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return payroll_list_office(db, where, out, e);
}

int app_payroll_approve(struct app *app, const struct actor *a, int64_t id, struct err *e)
{
	struct ledger_line lines[2];
	struct payroll p;
	struct posting post;
	char now[32], desc[128];
	int64_t book, bank, subsidy, expense, payable, entry;
	struct date on;
	struct db *db;
	int r;

	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = payroll_get(db, id, &p, e)) || (r = actor_check(a, PERM_WRITE, p.office, e)) ||
	    (r = officer_check(a, e)))
		return r;
	app_iso_time(app_time(app), now);
	on = app_today(app);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = payroll_get(db, id, &p, e)))
		goto fail;
	if (strcmp(p.status, "generated")) {
		r = err_set(e, ERR_CONFLICT, "status", "อนุมัติได้เฉพาะบัญชีจ่ายที่ยังไม่อนุมัติ (%s)",
			    "only a generated roll can be approved (%s)", p.status);
		goto fail;
	}
	if (p.total > 0) {
		if ((r = office_book(app, db, p.office, &book, e)) ||
		    (r = book_account(db, book, ACC_OFFICE_BANK, &bank, e)) ||
		    (r = book_account(db, book, ACC_SUBSIDY, &subsidy, e)) ||
		    (r = book_account(db, book, ACC_ALLOWANCES, &expense, e)) ||
		    (r = book_account(db, book, ACC_ALLOWANCES_PAYABLE, &payable, e)))
			goto fail;
		snprintf(desc, sizeof(desc), "เงินอุดหนุนเบี้ยยังชีพ เดือน %s", p.month);
		lines[0] = (struct ledger_line){ bank, p.total, 0 };
		lines[1] = (struct ledger_line){ subsidy, 0, p.total };
		post = (struct posting){ book, on, desc, "subsidy", id, 0, lines, 2 };
		if ((r = ledger_post(db, &post, a->username, now, &entry, e)))
			goto fail;
		snprintf(desc, sizeof(desc), "อนุมัติบัญชีจ่ายเบี้ยยังชีพ เดือน %s", p.month);
		lines[0] = (struct ledger_line){ expense, p.total, 0 };
		lines[1] = (struct ledger_line){ payable, 0, p.total };
		post = (struct posting){ book, on, desc, "payroll", id, 0, lines, 2 };
		if ((r = ledger_post(db, &post, a->username, now, &p.approve_entry_id, e)))
			goto fail;
	}
	snprintf(p.status, sizeof(p.status), "approved");
	snprintf(p.approved_by, sizeof(p.approved_by), "%s", a->username);
	snprintf(p.approved_at, sizeof(p.approved_at), "%s", now);
	if ((r = payroll_update(db, &p, e)) ||
	    (r = audit(app, db, a, "payroll", id, p.office, "approve",
		       json_pack("{s:I, s:I}", "total", (json_int_t)p.total, "entry",
				 (json_int_t)p.approve_entry_id),
		       e)))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return r;
}

int app_payroll_export(struct app *app, const struct actor *a, int64_t id, const char *format,
		       struct buf *out, struct err *e)
{
	struct payroll_line_list l = { NULL, 0, 0 };
	struct payroll p;
	bool bank;
	int64_t n = 0, total = 0;
	char now[32];
	struct db *db;
	int r;

	if (!format || (strcmp(format, "csv") && strcmp(format, "bank")))
		return err_set(e, ERR_INVALID, "format", "รูปแบบต้องเป็น csv หรือ bank%s",
			       "the format must be csv or bank%s", "");
	bank = !strcmp(format, "bank");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = payroll_get(db, id, &p, e)) || (r = actor_check(a, PERM_WRITE, p.office, e)) ||
	    (r = officer_check(a, e)))
		return r;
	if (!strcmp(p.status, "generated"))
		return err_set(e, ERR_CONFLICT, "status", "ต้องอนุมัติบัญชีจ่ายก่อนส่งออก%s",
			       "the roll must be approved before it is exported%s", "");
	if ((r = payroll_lines(db, id, &l, e)))
		return r;
	if (bank) {
		/* Header, one line per payment keyed by PromptPay national ID,
		 * trailer with count and total: pipe-separated, amounts in
		 * satang, so nothing is lost to decimal formats. */
		buf_printf(out, "H|SAWAT|%s|%s|%lld\n", p.office, p.month, (long long)id);
		for (size_t i = 0; i < l.n; i++) {
			const struct payroll_line *x = &l.items[i];
			if (strcmp(x->status, "pay") && strcmp(x->status, "failed"))
				continue;
			if (strlen(x->national_id) != 13)
				continue; /* no PromptPay key: paid in cash, listed in the CSV */
			buf_printf(out, "D|%lld|PROMPTPAY|%s|%lld|%s\n", (long long)x->id,
				   x->national_id, (long long)(x->amount + x->arrears),
				   x->program_code);
			n++;
			total += x->amount + x->arrears;
		}
		buf_printf(out, "T|%lld|%lld\n", (long long)n, (long long)total);
	} else {
		buf_puts(out, "line,national_id,name,program,amount,arrears,arrears_months,total,status,reason\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct payroll_line *x = &l.items[i];
			buf_printf(out, "%lld,%s,\"", (long long)x->id, x->national_id);
			for (const char *c = x->name; *c; c++) {
				if (*c == '"')
					buf_putc(out, '"');
				buf_putc(out, *c);
			}
			buf_printf(out, "\",%s,%lld.%02lld,%lld.%02lld,%lld,%lld.%02lld,%s,%s\n",
				   x->program_code, (long long)(x->amount / 100),
				   (long long)(x->amount % 100), (long long)(x->arrears / 100),
				   (long long)(x->arrears % 100), (long long)x->arrears_months,
				   (long long)((x->amount + x->arrears) / 100),
				   (long long)((x->amount + x->arrears) % 100), x->status, x->reason);
		}
	}
	payroll_line_list_release(&l);
	if (!strcmp(p.status, "approved")) {
		app_iso_time(app_time(app), now);
		if ((r = db_begin(db, e)))
			return r;
		snprintf(p.status, sizeof(p.status), "exported");
		if ((r = payroll_update(db, &p, e)) ||
		    (r = audit(app, db, a, "payroll", id, p.office, "export",
			       json_pack("{s:s}", "format", format), e))) {
			db_rollback(db);
			return r;
		}
		r = db_commit(db, e);
	}
	return r;
}

int app_payroll_import(struct app *app, const struct actor *a, int64_t id, const char *csv,
		       size_t len, struct payroll_import_report *rep, struct err *e)
{
	struct payroll_line_list l = { NULL, 0, 0 };
	struct payroll p;
	struct ledger_line lines[2];
	struct posting post;
	char *text = NULL, *save = NULL, now[32], desc[128];
	int64_t paid_total = 0, book, bank, payable, entry = 0;
	int lineno = 0;
	struct db *db;
	int r;

	memset(rep, 0, sizeof(*rep));
	if (!csv || len > 16 * 1024 * 1024 || !thtext_utf8_valid(csv, len))
		return err_set(e, ERR_INVALID, "file", "ไฟล์ผลการโอนไม่ถูกต้อง%s",
			       "the bank's result file is not valid text%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = payroll_get(db, id, &p, e)) || (r = actor_check(a, PERM_WRITE, p.office, e)) ||
	    (r = officer_check(a, e)))
		return r;
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = payroll_get(db, id, &p, e)) || (r = payroll_lines(db, id, &l, e)))
		goto fail;
	if (strcmp(p.status, "exported") && strcmp(p.status, "reconciled")) {
		r = err_set(e, ERR_CONFLICT, "status", "ต้องส่งออกไฟล์ให้ธนาคารก่อน (สถานะ %s)",
			    "the roll must be exported to the bank first (status %s)", p.status);
		goto fail;
	}
	text = xstrndup(csv, len);
	/* Every line is checked before anything is written (all or nothing). */
	for (char *row = strtok_r(text, "\n", &save); row; row = strtok_r(NULL, "\n", &save)) {
		char ref[24] = "", nid[24] = "", amount[24] = "", status[16] = "", reason[64] = "";
		struct payroll_line *x = NULL;
		char *end;
		long long ln;

		lineno++;
		row[strcspn(row, "\r")] = '\0';
		if (!*row || (lineno == 1 && !strncmp(row, "line", 4)))
			continue;
		if (sscanf(row, "%23[^,],%23[^,],%23[^,],%15[^,],%63[^\n]", ref, nid, amount, status,
			   reason) < 4) {
			r = err_set(e, ERR_INVALID, "file",
				    "บรรทัด %d: ต้องมี อ้างอิง,เลขประจำตัว,จำนวนเงิน,สถานะ[,เหตุผล]",
				    "line %d: expected reference,national_id,amount,status[,reason]",
				    lineno);
			goto fail;
		}
		ln = strtoll(ref, &end, 10);
		for (size_t i = 0; !*end && i < l.n; i++)
			if (l.items[i].id == ln)
				x = &l.items[i];
		if (!x || strcmp(x->national_id, nid) ||
		    strtoll(amount, &end, 10) != x->amount + x->arrears || *end) {
			r = err_set(e, ERR_INVALID, "file",
				    "บรรทัด %d: ไม่ตรงกับรายการในบัญชีจ่าย (อ้างอิง เลขประจำตัว หรือจำนวนเงิน)",
				    "line %d: does not match a line of the roll (reference, ID or amount)",
				    lineno);
			goto fail;
		}
		if (strcmp(status, "paid") && strcmp(status, "failed")) {
			r = err_set(e, ERR_INVALID, "file", "บรรทัด %d: สถานะต้องเป็น paid หรือ failed",
				    "line %d: the status must be paid or failed", lineno);
			goto fail;
		}
		if (!strcmp(x->status, "stopped") || !strcmp(x->status, "paid")) {
			rep->unchanged++; /* settled before, or never sent */
			continue;
		}
		if (!strcmp(status, "paid")) {
			snprintf(x->status, sizeof(x->status), "paid");
			x->reason[0] = '\0';
			paid_total += x->amount + x->arrears;
			x->pay_entry_id = -1; /* set below, once the entry exists */
			rep->paid++;
		} else if (strcmp(x->status, "failed") || strcmp(x->reason, reason)) {
			snprintf(x->status, sizeof(x->status), "failed");
			snprintf(x->reason, sizeof(x->reason), "%s", reason[0] ? reason : "bank");
			x->pay_entry_id = -2;
			rep->failed++;
		} else {
			rep->unchanged++;
		}
	}
	if (paid_total) {
		if ((r = office_book(app, db, p.office, &book, e)) ||
		    (r = book_account(db, book, ACC_OFFICE_BANK, &bank, e)) ||
		    (r = book_account(db, book, ACC_ALLOWANCES_PAYABLE, &payable, e)))
			goto fail;
		snprintf(desc, sizeof(desc), "จ่ายเบี้ยยังชีพผ่านธนาคาร เดือน %s", p.month);
		lines[0] = (struct ledger_line){ payable, paid_total, 0 };
		lines[1] = (struct ledger_line){ bank, 0, paid_total };
		post = (struct posting){ book, app_today(app), desc, "payroll", id, 0, lines, 2 };
		if ((r = ledger_post(db, &post, a->username, now, &entry, e)))
			goto fail;
	}
	{
		bool open = false;
		for (size_t i = 0; i < l.n; i++) {
			struct payroll_line *x = &l.items[i];
			if (x->pay_entry_id == -1)
				x->pay_entry_id = entry;
			else if (x->pay_entry_id == -2)
				x->pay_entry_id = 0;
			else {
				open |= !strcmp(x->status, "pay") || !strcmp(x->status, "failed");
				continue;
			}
			open |= !strcmp(x->status, "failed");
			if ((r = payroll_line_update(db, x, e)))
				goto fail;
		}
		snprintf(p.status, sizeof(p.status), "%s", open ? "exported" : "reconciled");
	}
	if ((r = payroll_update(db, &p, e)) ||
	    (r = audit(app, db, a, "payroll", id, p.office, "bank_result",
		       json_pack("{s:I, s:I, s:I}", "paid", (json_int_t)rep->paid, "failed",
				 (json_int_t)rep->failed, "amount", (json_int_t)paid_total),
		       e)))
		goto fail;
	free(text);
	payroll_line_list_release(&l);
	return db_commit(db, e);
fail:
	db_rollback(db);
	free(text);
	payroll_line_list_release(&l);
	memset(rep, 0, sizeof(*rep));
	return r;
}

/* ------------------------------------------------------ coverage, outreach */

void gap_list_release(struct gap_list *l)
{
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static const char *gap_reason(const char *code)
{
	if (!strcmp(code, "card"))
		return "no_card";
	if (!strcmp(code, "house") || !strcmp(code, "area"))
		return "no_registration";
	if (!strcmp(code, "thai"))
		return "no_status";
	return NULL;
}

/*
 * The names of the people the gap lists hold, for all the lists in one pass
 * over the person table (program_names): the lists' new items, from
 * first[k] on, ascend by person, so each list keeps a cursor that the
 * names, coming in ascending order, move forward.
 */
struct names_ctx {
	struct gap_list *lists;
	size_t n;
	size_t cursor[PROGRAM_COLS_STANDING];
	const int64_t *ids;
	int r;
	struct err e;
	struct db *db;
	size_t from, count;             /* the ids this pass reads */
};

static void gap_name(void *ctx, size_t i, const char *name)
{
	struct names_ctx *c = ctx;
	int64_t id = c->ids[c->from + i];

	for (size_t k = 0; k < c->n; k++) {
		struct gap_list *l = &c->lists[k];
		while (c->cursor[k] < l->n && l->items[c->cursor[k]].person_id < id)
			c->cursor[k]++;
		if (c->cursor[k] < l->n && l->items[c->cursor[k]].person_id == id)
			snprintf(l->items[c->cursor[k]++].name, sizeof(l->items[0].name), "%s", name);
	}
}

static void *names_thread(void *arg)
{
	struct names_ctx *c = arg;

	c->r = program_names(c->db, c->ids + c->from, c->count, gap_name, c, &c->e);
	return NULL;
}

/* Each list's first item at or after person id, from first on. */
static size_t list_lower_bound(const struct gap_list *l, size_t first, int64_t id)
{
	size_t lo = first, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->items[mid].person_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Fills the names of the lists' items from first[k] on: one pass, in two
 * halves at once on a long list when there is a helper connection. */
static int gaps_names(struct db *db, struct db *helper, struct gap_list *lists, size_t n,
		      const size_t *first, struct err *e)
{
	struct names_ctx c[2];
	int64_t *ids;
	size_t total = 0, m = 0, half;
	pthread_t t;
	bool bg = false;
	int r;

	for (size_t k = 0; k < n; k++)
		total += lists[k].n - first[k];
	ids = xmalloc((total ? total : 1) * sizeof(*ids));
	for (size_t k = 0; k < n; k++)
		for (size_t i = first[k]; i < lists[k].n; i++)
			ids[m++] = lists[k].items[i].person_id;
	qsort(ids, m, sizeof(*ids), cmp_i64);
	total = m;
	m = 0;
	for (size_t i = 0; i < total; i++)
		if (!m || ids[m - 1] != ids[i])
			ids[m++] = ids[i];
	half = helper && m >= 64 ? m / 2 : m;
	memset(c, 0, sizeof(c));
	for (int h = 0; h < 2; h++) {
		c[h].lists = lists;
		c[h].n = n;
		c[h].ids = ids;
		c[h].db = h ? helper : db;
		c[h].from = h ? half : 0;
		c[h].count = h ? m - half : half;
		for (size_t k = 0; k < n; k++)
			c[h].cursor[k] = h && half < m ? list_lower_bound(&lists[k], first[k], ids[half])
						       : first[k];
	}
	if (half < m && !pthread_create(&t, NULL, names_thread, &c[1]))
		bg = true;
	else
		c[0].count = m;
	r = program_names(db, ids, c[0].count, gap_name, &c[0], e);
	if (bg) {
		pthread_join(t, NULL);
		if (!r && c[1].r) {
			r = c[1].r;
			*e = c[1].e;
		}
	}
	free(ids);
	return r;
}

/* One program of a gap analysis. */
struct gap_prog {
	int64_t id;
	struct rules_prog *prog;
	bool registered;                     /* the rules read the application date */
	const char *why[RULES_MAX_REQUIRE + 1]; /* gap reason of a first failing requirement */
	struct coverage *cov;
	struct gap_list *list;
	size_t first;                        /* the list's items before this analysis */
};

/* Judges one chunk of people for one program and adds up its gaps. */
static int gaps_chunk(struct gap_prog *g, size_t k, const struct program_cols *pc, size_t at,
		      size_t m, const struct rules_env *env, int32_t today, struct eval_ws *ws,
		      size_t max, struct err *e)
{
	const uint8_t *status = pc->status[k] + at;
	struct coverage *cov = g->cov;
	struct rules_batch b, fixed;
	bool refix = false;
	int r;

	batch_slice(&pc->b, at, &b);
	/* Someone with an application is judged as of its day (the income
	 * test binds only those registered from its start), anyone else as if
	 * they applied today. */
	for (size_t i = 0; i < m; i++)
		ws->registered[i] = g->registered && (status[i] & PROGRAM_STANDING)
					    ? pc->applied[k][at + i]
					    : today;
	b.registered = ws->registered;
	b.flags = ws->flags;
	if ((r = rules_eval_batch(g->prog, env, &b, m, ws->amount, ws->fail, e)))
		return r;
	/* Those who fail on a document, judged again as if they had it. */
	for (size_t i = 0; i < m && !refix; i++)
		refix = ws->fail[i] && g->why[ws->fail[i]] && !(status[i] & PROGRAM_STANDING);
	if (refix) {
		fixed = b;
		if (b.cards) {
			for (size_t i = 0; i < m; i++)
				ws->cards[i] = b.cards[i] | b.needs[i];
			fixed.cards = ws->cards;
		}
		if (b.reg)
			fixed.reg = ws->reg;
		if (b.nationality)
			fixed.nationality = ws->nationality;
		if ((r = rules_eval_batch(g->prog, env, &fixed, m, ws->amount2, ws->fail2, e)))
			return r;
	}
	for (size_t i = 0; i < m; i++) {
		unsigned rank = status[i] & PROGRAM_STANDING;
		bool eligible = !ws->fail[i];
		int64_t amount = ws->amount[i];
		const char *reason = NULL;

		cov->people++;
		cov->eligible += eligible;
		if (rank == 3) {
			cov->enrolled++;
			if (!eligible) {
				cov->enrolled_not_eligible++;
				reason = "not_eligible";
			}
		} else if (eligible) {
			reason = rank == 1 ? "pending" : "never_applied";
		} else if (g->why[ws->fail[i]] && rank == 0 && !ws->fail2[i]) {
			reason = g->why[ws->fail[i]];
			amount = ws->amount2[i];
		}
		if (!reason)
			continue;
		if (strcmp(reason, "not_eligible")) {
			if (status[i] & PROGRAM_DECLINED) {
				cov->declined++;
				continue;
			}
			cov->gaps++;
			if (!strcmp(reason, "never_applied"))
				cov->never_applied++;
			else if (!strcmp(reason, "pending"))
				cov->pending++;
			else if (!strcmp(reason, "no_card"))
				cov->no_card++;
			else if (!strcmp(reason, "no_registration"))
				cov->no_registration++;
			else
				cov->no_status++;
		}
		if (g->list && g->list->n < max) {
			/* The name comes later, for all the items at once. */
			struct gap_item *it;
			ALLOC_GROW(g->list->items, g->list->n + 1, g->list->cap);
			it = &g->list->items[g->list->n++];
			memset(it, 0, sizeof(*it));
			it->person_id = pc->id[at + i];
			area_code(pc->b.area[at + i], it->area);
			if (!strcmp(reason, "not_eligible"))
				snprintf(it->reason, sizeof(it->reason), "not_eligible:%s",
					 rules_require(g->prog, ws->fail[i] - 1)->code);
			else
				snprintf(it->reason, sizeof(it->reason), "%s", reason);
			it->amount = amount;
		}
	}
	return 0;
}

int app_program_gaps_many(struct app *app, const struct actor *a, const int64_t *program_ids,
			  size_t n, const char *area, const char *on, struct coverage *covs,
			  struct gap_list *lists, size_t max, struct err *e)
{
	struct gap_prog g[PROGRAM_COLS_STANDING];
	struct program_cols_spec spec;
	struct program_cols pc;
	struct eval_ws *ws = NULL;
	struct db *db, *helper = NULL;
	struct judge_ctx j;
	struct rules_env env;
	struct date d;
	int r = 0;

	memset(g, 0, sizeof(g));
	memset(&j, 0, sizeof(j));
	memset(&pc, 0, sizeof(pc));
	memset(covs, 0, n * sizeof(*covs));
	if (!n || n > PROGRAM_COLS_STANDING)
		return err_set(e, ERR_INVALID, "program", "เลือกโครงการ 1 ถึง %d โครงการ",
			       "choose 1 to %d programs", PROGRAM_COLS_STANDING);
	if (empty(area) || geo_level(area) < GEO_NATION)
		return err_set(e, ERR_INVALID, "area",
			       "ต้องระบุประเทศ (TH) จังหวัด อำเภอ ตำบล หรือหมู่บ้าน%s",
			       "choose the nation (TH), a province, district, tambon or village%s", "");
	if ((r = actor_check(a, PERM_READ, area, e)))
		return r;
	d = app_today(app);
	if (!empty(on) && (r = date_parse(on, 0, &d, "on", e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	memset(&spec, 0, sizeof(spec));
	for (size_t k = 0; k < n && !r; k++) {
		struct program pg;
		int nreq;

		if ((r = program_get(db, program_ids[k], &pg, e)))
			goto out;
		program_release(&pg);
		g[k].id = program_ids[k];
		g[k].cov = &covs[k];
		g[k].list = lists ? &lists[k] : NULL;
		g[k].first = lists ? lists[k].n : 0;
		if ((r = load_rules(db, program_ids[k], d, &g[k].prog, NULL, e)))
			goto out;
		g[k].registered = rules_columns(g[k].prog) & RULES_COL_REGISTERED;
		if (g[k].registered)
			spec.applied |= 1u << k;
		/* The gap reason of each requirement a document or registration fixes. */
		nreq = rules_require_count(g[k].prog);
		for (int q = 1; q <= nreq && q <= RULES_MAX_REQUIRE; q++)
			g[k].why[q] = gap_reason(rules_require(g[k].prog, q - 1)->code);
		spec_add(&spec, g[k].prog);
	}
	if ((r = judge_init(db, &j, e)))
		goto out;
	/* The living people registered in the area, their standing in the
	 * programs, and who declined them. */
	spec.on = d;
	spec.living = true;
	spec.programs = j.codes;
	spec.nprograms = j.ncodes;
	spec.standing_of = program_ids;
	spec.nstanding = n;
	spec.declined_area = area;
	if (spec.columns & RULES_COL_CARDS)
		spec.columns |= RULES_COL_NEEDS; /* a card is what the gap would supply */
	if (lists)
		spec.columns |= RULES_COL_AREA; /* each item's area */
	if (!strcmp(area, GEO_NATION_CODE))
		spec.helper = helper = helper_db(app);
	if ((r = program_cols_area(db, area, &spec, &pc, e)))
		goto out;
	ws = xcalloc(1, sizeof(*ws));
	for (size_t k = 0; k < EVAL_CHUNK; k++) {
		ws->reg[k] = REG_HOUSE;
		ws->nationality[k] = RULES_NAT_THAI;
	}
	/* Each person's own tambon pays: "area in office" holds for anyone
	 * whose area is known, as it does with the nation as the office. */
	env = (struct rules_env){ d, NULL, j.codes, j.ncodes };
	for (size_t at = 0; at < pc.n && !r; at += EVAL_CHUNK) {
		size_t m = pc.n - at < EVAL_CHUNK ? pc.n - at : EVAL_CHUNK;
		for (size_t k = 0; k < n && !r; k++)
			r = gaps_chunk(&g[k], k, &pc, at, m, &env, day_of(d), ws, max, e);
	}
	/* The listed people's names, all the lists' in one pass. */
	if (lists && !r) {
		size_t first[PROGRAM_COLS_STANDING];
		for (size_t k = 0; k < n; k++)
			first[k] = g[k].first;
		r = gaps_names(db, helper, lists, n, first, e);
	}
out:
	if (helper)
		db_close(helper);
	free(ws);
	program_cols_release(&pc);
	judge_release(&j);
	for (size_t k = 0; k < n && k < PROGRAM_COLS_STANDING; k++)
		rules_free(g[k].prog);
	if (r)
		memset(covs, 0, n * sizeof(*covs));
	return r;
}

int app_program_gaps(struct app *app, const struct actor *a, int64_t program_id,
		     const char *area, const char *on, struct coverage *cov, struct gap_list *list,
		     size_t max, struct err *e)
{
	return app_program_gaps_many(app, a, &program_id, 1, area, on, cov, list, max, e);
}

int app_outreach_create(struct app *app, const struct actor *a, int64_t program_id,
			const char *area, int64_t *created, struct err *e)
{
	struct gap_list gaps = { NULL, 0, 0 };
	struct coverage cov;
	char now[32];
	struct db *db;
	int r;

	*created = 0;
	if ((r = officer_check(a, e)) || (r = actor_check(a, PERM_WRITE, area, e)))
		return r;
	if ((r = app_program_gaps(app, a, program_id, area, NULL, &cov, &gaps, (size_t)MAX_ROLL,
				  e)))
		return r;
	if (!(db = app_db(app, e))) {
		r = ERR_DB;
		goto out;
	}
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		goto out;
	for (size_t i = 0; i < gaps.n && !r; i++) {
		bool made;
		if (starts_with(gaps.items[i].reason, "not_eligible") ||
		    !strcmp(gaps.items[i].reason, "pending"))
			continue;
		if (!(r = outreach_insert(db, program_id, gaps.items[i].person_id,
					  gaps.items[i].area, gaps.items[i].reason, a->username, now,
					  &made, e)))
			*created += made;
	}
	if (r || (r = audit(app, db, a, "program", program_id, area, "outreach_create",
			    json_pack("{s:s, s:I}", "area", area, "created", (json_int_t)*created),
			    e))) {
		db_rollback(db);
		*created = 0;
		goto out;
	}
	if ((r = db_commit(db, e)))
		*created = 0;
out:
	gap_list_release(&gaps);
	return r;
}

int app_outreach_assign(struct app *app, const struct actor *a, int64_t id,
			const char *volunteer, struct err *e)
{
	struct outreach_case c;
	struct user_row u;
	char now[32];
	struct db *db;
	int r;

	if ((r = officer_check(a, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = outreach_get(db, id, &c, e)) || (r = actor_check(a, PERM_WRITE, c.area, e)))
		return r;
	if (empty(volunteer) || (r = user_get_by_name(db, volunteer, &u, e)))
		return err_set(e, ERR_INVALID, "volunteer", "ไม่พบผู้ใช้ %.32s",
			       "no user named %.32s", volunteer ? volunteer : "");
	r = 0;
	if (u.disabled || !geo_in_scope(u.area, c.area) || strcmp(u.role, "volunteer"))
		r = err_set(e, ERR_INVALID, "volunteer",
			    "ต้องมอบหมายให้อาสาสมัครที่ดูแลพื้นที่ %s",
			    "assign it to a volunteer whose area covers %s", c.area);
	user_row_release(&u);
	if (r)
		return r;
	if (strcmp(c.status, "closed"))
		snprintf(c.status, sizeof(c.status), "assigned");
	else
		return err_set(e, ERR_CONFLICT, NULL, "งานนี้ปิดแล้ว%s", "the case is closed%s", "");
	snprintf(c.assigned_to, sizeof(c.assigned_to), "%s", volunteer);
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = outreach_update(db, &c, now, e)) ||
	    (r = audit(app, db, a, "outreach", id, c.area, "assign",
		       json_pack("{s:s}", "volunteer", volunteer), e))) {
		db_rollback(db);
		return r;
	}
	return db_commit(db, e);
}

int app_outreach_visit(struct app *app, const struct actor *a, int64_t id, const char *outcome,
		       const char *date, const char *note, struct err *e)
{
	static const char *const outcomes[] = { "applied", "not_interested", "moved", "deceased",
						"not_found" };
	struct outreach_case c;
	bool ok = false;
	char now[32];
	struct db *db;
	int r;

	for (size_t i = 0; i < ARRAY_SIZE(outcomes); i++)
		ok |= outcome && !strcmp(outcome, outcomes[i]);
	if (!ok)
		return err_set(e, ERR_INVALID, "outcome",
			       "ผลการเยี่ยมต้องเป็น ยื่นคำขอแล้ว ไม่ประสงค์ ย้ายออก เสียชีวิต หรือไม่พบตัว%s",
			       "the outcome must be applied, not_interested, moved, deceased or not_found%s",
			       "");
	if (note && strlen(note) > 500)
		return err_set(e, ERR_INVALID, "note", "บันทึกยาวเกินไป%s", "the note is too long%s", "");
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = outreach_get(db, id, &c, e)) || (r = actor_check(a, PERM_READ, c.area, e)))
		return r;
	if (strcmp(a->username, c.assigned_to) && (r = officer_check(a, e)))
		return r;
	if (!strcmp(c.status, "closed"))
		return err_set(e, ERR_CONFLICT, NULL, "งานนี้ปิดแล้ว%s", "the case is closed%s", "");
	c.visited_on = app_today(app);
	if (!empty(date) && (r = date_parse(date, 0, &c.visited_on, "date", e)))
		return r;
	if (date_cmp(c.visited_on, app_today(app)) > 0)
		return err_set(e, ERR_INVALID, "date", "วันที่ต้องไม่เป็นวันในอนาคต%s",
			       "the date must not be in the future%s", "");
	snprintf(c.status, sizeof(c.status), "closed");
	snprintf(c.outcome, sizeof(c.outcome), "%s", outcome);
	snprintf(c.note, sizeof(c.note), "%s", note ? note : "");
	app_iso_time(app_time(app), now);
	if ((r = db_begin(db, e)))
		return r;
	if ((r = outreach_update(db, &c, now, e)) ||
	    (r = audit(app, db, a, "outreach", id, c.area, "visit",
		       json_pack("{s:s, s:s}", "outcome", outcome, "note", c.note), e))) {
		db_rollback(db);
		return r;
	}
	return db_commit(db, e);
}

int app_outreach_list(struct app *app, const struct actor *a, const char *area,
		      int64_t program_id, const char *status, int limit, int64_t offset,
		      struct outreach_list *out, struct err *e)
{
	const char *where = empty(area) ? a->area : area;
	struct db *db;
	int r;

	if ((r = actor_check(a, PERM_READ, where, e)))
		return r;
	if (!(db = app_db(app, e)))
		return ERR_DB;
	return outreach_list_area(db, strcmp(where, "TH") ? where : "", program_id, status,
				  limit > 0 && limit <= 1000 ? limit : 100, offset > 0 ? offset : 0,
				  out, e);
}
