/*
 * SQL for the registry: people, needs, consents, households. Dates travel
 * as ISO text; NULL stands for "unknown" (birth) or "not yet" (death, end).
 * Name search is a substring match on the name key, answered by an FTS5
 * trigram index on SQLite and a pg_trgm GIN index on PostgreSQL (the only
 * place where the two engines need different SQL).
 */
#include "store/person.h"

#define PERSON_COLS                                                                        \
	"p.id, COALESCE(p.national_id, ''), COALESCE(p.id_category, -1), p.title, "         \
	"p.given_name, p.family_name, p.given_name_latin, p.family_name_latin, p.name_key, " \
	"p.sex, COALESCE(p.birth_date, ''), COALESCE(p.death_date, ''), p.nationality, "     \
	"p.reg_status, p.area, p.house_no, COALESCE(p.cur_area, ''), p.cur_house_no, "      \
	"p.phone, COALESCE(p.household_id, 0), p.relation, COALESCE(p.merged_into, 0)"

static void iso(struct date d, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u,
		 (unsigned)d.d % 100u);
}

/* Binds an ISO date, or NULL for an unknown (zero) date. */
static void bind_date(struct db_stmt *st, int i, struct date d)
{
	char s[11];

	if (!d.y) {
		db_bind_null(st, i);
		return;
	}
	iso(d, s);
	db_bind_text(st, i, s, -1);
}

static struct date read_date(const char *s)
{
	struct date d = { 0, 0, 0 };

	if (s && strlen(s) == 10)
		sscanf(s, "%4d-%2d-%2d", &d.y, &d.m, &d.d);
	return d;
}

static void province_of(const char *area, char out[3])
{
	out[0] = area[0];
	out[1] = area[0] ? area[1] : '\0';
	out[2] = '\0';
}

/* Reads PERSON_COLS from column c on; returns merged_into. */
static int64_t read_person(struct db_stmt *st, int c, struct person *p)
{
	int v;

	person_init(p);
	p->id = db_column_int64(st, c);
	snprintf(p->national_id, sizeof(p->national_id), "%s", db_column_text(st, c + 1));
	p->id_category = (int)db_column_int64(st, c + 2);
	p->title = xstrdup(db_column_text(st, c + 3));
	p->given_name = xstrdup(db_column_text(st, c + 4));
	p->family_name = xstrdup(db_column_text(st, c + 5));
	p->given_name_latin = xstrdup(db_column_text(st, c + 6));
	p->family_name_latin = xstrdup(db_column_text(st, c + 7));
	p->name_key = xstrdup(db_column_text(st, c + 8));
	v = sex_parse(db_column_text(st, c + 9));
	p->sex = v < 0 ? SEX_UNKNOWN : (enum sex)v;
	p->birth = read_date(db_column_text(st, c + 10));
	p->death = read_date(db_column_text(st, c + 11));
	snprintf(p->nationality, sizeof(p->nationality), "%s", db_column_text(st, c + 12));
	v = reg_status_parse(db_column_text(st, c + 13));
	p->reg_status = v < 0 ? REG_UNKNOWN : (enum reg_status)v;
	snprintf(p->area, sizeof(p->area), "%s", db_column_text(st, c + 14));
	p->house_no = xstrdup(db_column_text(st, c + 15));
	snprintf(p->cur_area, sizeof(p->cur_area), "%s", db_column_text(st, c + 16));
	p->cur_house_no = xstrdup(db_column_text(st, c + 17));
	p->phone = xstrdup(db_column_text(st, c + 18));
	p->household_id = db_column_int64(st, c + 19);
	snprintf(p->relation, sizeof(p->relation), "%s", db_column_text(st, c + 20));
	return db_column_int64(st, c + 21);
}

/* Binds the record's columns in the order of person_insert's column list, from i. */
static void bind_person(struct db_stmt *st, int i, const struct person *p)
{
	char prov[3];

	db_bind_text_or_null(st, i, p->national_id[0] ? p->national_id : NULL);
	if (p->id_category >= 0)
		db_bind_int64(st, i + 1, p->id_category);
	else
		db_bind_null(st, i + 1);
	db_bind_text(st, i + 2, p->title ? p->title : "", -1);
	db_bind_text(st, i + 3, p->given_name ? p->given_name : "", -1);
	db_bind_text(st, i + 4, p->family_name ? p->family_name : "", -1);
	db_bind_text(st, i + 5, p->given_name_latin ? p->given_name_latin : "", -1);
	db_bind_text(st, i + 6, p->family_name_latin ? p->family_name_latin : "", -1);
	db_bind_text(st, i + 7, p->name_key ? p->name_key : "", -1);
	db_bind_text(st, i + 8, sex_code(p->sex), -1);
	bind_date(st, i + 9, p->birth);
	bind_date(st, i + 10, p->death);
	db_bind_text(st, i + 11, p->nationality, -1);
	db_bind_text(st, i + 12, reg_status_code(p->reg_status), -1);
	db_bind_text(st, i + 13, p->area, -1);
	province_of(p->area, prov);
	db_bind_text(st, i + 14, prov, -1);
	db_bind_text(st, i + 15, p->house_no ? p->house_no : "", -1);
	db_bind_text_or_null(st, i + 16, p->cur_area[0] ? p->cur_area : NULL);
	db_bind_text(st, i + 17, p->cur_house_no ? p->cur_house_no : "", -1);
	db_bind_text(st, i + 18, p->phone ? p->phone : "", -1);
}

static int conflict_nid(struct err *e, const struct person *p)
{
	return err_set(e, ERR_CONFLICT, "national_id",
		       "มีบุคคลที่ใช้เลขประจำตัว %s อยู่แล้วในทะเบียน",
		       "a person with national ID %s is already registered", p->national_id);
}

int person_insert(struct db *db, const struct person *p, const char *now, int64_t *id,
		  struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	r = db_prepare(db,
		       "INSERT INTO person (national_id, id_category, title, given_name, family_name, "
		       "given_name_latin, family_name_latin, name_key, sex, birth_date, death_date, "
		       "nationality, reg_status, area, province, house_no, cur_area, cur_house_no, "
		       "phone, created_at, updated_at) "
		       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
		       &st, e);
	if (r)
		return r;
	bind_person(st, 1, p);
	db_bind_text(st, 20, now, -1);
	db_bind_text(st, 21, now, -1);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*id = db_column_int64(st, 0);
		r = 0;
	} else if (r == ERR_CONFLICT && p->national_id[0]) {
		conflict_nid(e, p);
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_DB, NULL, "บันทึกบุคคลไม่สำเร็จ%s", "person insert returned no id%s", "");
	}
	db_finalize(st);
	return r;
}

int person_update(struct db *db, const struct person *p, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE person SET national_id = ?, id_category = ?, title = ?, "
			   "given_name = ?, family_name = ?, given_name_latin = ?, "
			   "family_name_latin = ?, name_key = ?, sex = ?, birth_date = ?, "
			   "death_date = ?, nationality = ?, reg_status = ?, area = ?, province = ?, "
			   "house_no = ?, cur_area = ?, cur_house_no = ?, phone = ?, updated_at = ? "
			   "WHERE id = ?",
			   &st, e);

	if (r)
		return r;
	bind_person(st, 1, p);
	db_bind_text(st, 20, now, -1);
	db_bind_int64(st, 21, p->id);
	r = db_step(st, e);
	if (r == ERR_CONFLICT && p->national_id[0]) {
		db_finalize(st);
		return conflict_nid(e, p);
	}
	if (r == DB_DONE && db_changes(st) == 0)
		r = err_set(e, ERR_NOT_FOUND, NULL, "ไม่พบบุคคลรหัส %lld", "no person with id %lld",
			    (long long)p->id);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int person_get(struct db *db, int64_t id, struct person *out, int64_t *merged_into,
	       struct err *e)
{
	struct db_stmt *st;
	int64_t m = 0;
	int r;

	person_init(out);
	if (merged_into)
		*merged_into = 0;
	r = db_prepare(db, "SELECT " PERSON_COLS " FROM person p WHERE p.id = ?", &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		m = read_person(st, 0, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "id", "ไม่พบบุคคลรหัส %lld", "no person with id %lld",
			    (long long)id);
	}
	db_finalize(st);
	if (merged_into)
		*merged_into = m;
	return r;
}

int person_id_by_national_id(struct db *db, const char *nid, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	r = db_prepare(db, "SELECT id FROM person WHERE national_id = ?", &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, nid, -1);
	r = db_step(st, e);
	if (r == DB_ROW)
		*id = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int person_ids_by_name_birth(struct db *db, const char *name_key, struct date birth,
			     const char *area_prefix, int64_t *ids, size_t max, size_t *n,
			     struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	*n = 0;
	db_prefix_range(area_prefix, lo, hi);
	r = db_prepare(db,
		       "SELECT id FROM person WHERE name_key = ? AND birth_date = ? "
		       "AND area >= ? AND area < ? AND merged_into IS NULL ORDER BY id",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, name_key, -1);
	bind_date(st, 2, birth);
	db_bind_text(st, 3, lo, -1);
	db_bind_text(st, 4, hi, -1);
	while ((r = db_step(st, e)) == DB_ROW)
		if (*n < max)
			ids[(*n)++] = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int person_set_death(struct db *db, int64_t id, struct date death, const char *now,
		     struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "UPDATE person SET death_date = ?, updated_at = ? WHERE id = ?", &st,
			   e);

	if (r)
		return r;
	bind_date(st, 1, death);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "บุคคล", "person", e);
}

int person_set_household(struct db *db, int64_t id, int64_t household_id, const char *relation,
			 const char *now, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE person SET household_id = ?, relation = ?, updated_at = ? "
			   "WHERE id = ?",
			   &st, e);

	if (r)
		return r;
	if (household_id)
		db_bind_int64(st, 1, household_id);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, relation ? relation : "", -1);
	db_bind_text(st, 3, now, -1);
	db_bind_int64(st, 4, id);
	return db_step_changed(st, "บุคคล", "person", e);
}

int person_set_merged(struct db *db, int64_t id, int64_t into, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE person SET merged_into = ?, national_id = NULL, updated_at = ? "
			   "WHERE id = ?",
			   &st, e);

	if (r)
		return r;
	db_bind_int64(st, 1, into);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "บุคคล", "person", e);
}

void person_list_release(struct person_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		person_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

/* Appends the rows of st (PERSON_COLS from column 0) to out. */
static int read_list(struct db_stmt *st, struct person_list *out, struct err *e)
{
	int r;

	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(out->items, out->n + 1, out->cap);
		read_person(st, 0, &out->items[out->n++]);
	}
	return r < 0 ? r : 0;
}

/* How a name key is matched: by trigram index, or (under three characters,
 * too short for trigrams) as a prefix. */
enum name_match { NAME_NONE, NAME_PREFIX_RANGE, NAME_LIKE_PREFIX, NAME_TRIGRAM_FTS, NAME_TRIGRAM_LIKE };

static enum name_match name_match_of(struct db *db, const char *key)
{
	bool sqlite = !strcmp(db_driver(db), "sqlite");
	const unsigned char *s;
	size_t cps = 0;

	if (!key || !*key)
		return NAME_NONE;
	for (s = (const unsigned char *)key; *s; s++)
		cps += (*s & 0xC0) != 0x80;
	if (cps < 3)
		/* SQLite compares bytes, so a key range is a prefix; PostgreSQL's
		 * collation may not, so it uses LIKE 'key%'. */
		return sqlite ? NAME_PREFIX_RANGE : NAME_LIKE_PREFIX;
	return sqlite ? NAME_TRIGRAM_FTS : NAME_TRIGRAM_LIKE;
}

/* Appends key with LIKE's special characters dropped (name keys hold none). */
static void like_text(struct buf *b, const char *key)
{
	for (; *key; key++)
		if (*key != '%' && *key != '_' && *key != '\\')
			buf_putc(b, *key);
}

/* Above this many name matches a search walks the Thai-order index instead of sorting. */
#define SORT_CAP 2000

/* Counts the people whose name key matches (up to cap), by the name index. */
static int count_name_matches(struct db *db, enum name_match nm, const char *pattern,
			      const char *upper, int64_t *n, struct err *e)
{
	struct db_stmt *st;
	const char *sql;
	int r, i = 1;

	*n = 0;
	switch (nm) {
	case NAME_TRIGRAM_FTS:
		sql = "SELECT COUNT(*) FROM (SELECT rowid FROM person_fts "
		      "WHERE person_fts.name_key LIKE ? LIMIT ?) x";
		break;
	case NAME_PREFIX_RANGE:
		sql = "SELECT COUNT(*) FROM (SELECT id FROM person "
		      "WHERE name_key >= ? AND name_key < ? LIMIT ?) x";
		break;
	default:
		sql = "SELECT COUNT(*) FROM (SELECT id FROM person WHERE name_key LIKE ? LIMIT ?) x";
		break;
	}
	if ((r = db_prepare(db, sql, &st, e)))
		return r;
	db_bind_text(st, i++, pattern, -1);
	if (nm == NAME_PREFIX_RANGE)
		db_bind_text(st, i++, upper, -1);
	db_bind_int64(st, i++, SORT_CAP + 1);
	r = db_step(st, e);
	if (r == DB_ROW)
		*n = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

/*
 * Search plans. Results come in Thai dictionary order, a page at a time.
 * When few people can match (an ID, a rare name, a tambon), the matches are
 * fetched and sorted. When many can (a common syllable, a whole province),
 * sorting them all for one page would cost more than the page: the search
 * then walks the Thai-order index (per province when the scope is one) and
 * stops when the page is full.
 */
int person_search(struct db *db, const struct person_query *q, struct person_list *out,
		  struct err *e)
{
	bool sqlite = !strcmp(db_driver(db), "sqlite");
	enum name_match nm = name_match_of(db, q->name_key);
	struct buf sql = BUF_INIT, pat = BUF_INIT, upper = BUF_INIT;
	bool by_id = q->national_id && *q->national_id, walk = false;
	const char *area = q->area && strcmp(q->area, "TH") ? q->area : "";
	struct db_stmt *st = NULL;
	char lo[16], hi[16], today[11], prov[3] = "";
	int r, i = 1;

	person_list_release(out);
	db_prefix_range(q->area, lo, hi);
	if (strlen(area) >= 2)
		province_of(area, prov);
	/* The name pattern, and for a short key the upper end of its range. */
	switch (nm) {
	case NAME_NONE:
		break;
	case NAME_PREFIX_RANGE:
		buf_puts(&pat, q->name_key);
		buf_puts(&upper, q->name_key);
		buf_puts(&upper, "\xf4\x8f\xbf\xbf"); /* U+10FFFF: above any continuation */
		break;
	case NAME_LIKE_PREFIX:
		like_text(&pat, q->name_key);
		buf_putc(&pat, '%');
		break;
	case NAME_TRIGRAM_LIKE:
	case NAME_TRIGRAM_FTS:
		buf_putc(&pat, '%');
		like_text(&pat, q->name_key);
		buf_putc(&pat, '%');
		break;
	}
	if (!by_id) {
		if (nm != NAME_NONE) {
			int64_t n;

			if ((r = count_name_matches(db, nm, pat.ptr, upper.ptr, &n, e)))
				goto out;
			walk = n > SORT_CAP;
		} else {
			walk = strlen(area) < 6; /* larger than a tambon */
		}
	}
	buf_puts(&sql, "SELECT " PERSON_COLS " FROM person p");
	if (walk && sqlite)
		buf_puts(&sql, prov[0] ? " INDEXED BY person_prov_name" : " INDEXED BY person_thai_name");
	buf_puts(&sql, " WHERE p.merged_into IS NULL AND p.area >= ? AND p.area < ?");
	if (walk && prov[0])
		buf_puts(&sql, " AND p.province = ?");
	if (by_id)
		buf_puts(&sql, " AND p.national_id = ?");
	if (walk && (nm == NAME_PREFIX_RANGE || nm == NAME_LIKE_PREFIX))
		/* A short key is the start of the given name: begin the walk there. */
		buf_puts(&sql, " AND p.given_name COLLATE \"th-TH-x-icu\" >= ?");
	if (nm == NAME_PREFIX_RANGE)
		buf_puts(&sql, " AND p.name_key >= ? AND p.name_key < ?");
	else if (nm == NAME_TRIGRAM_FTS && !walk)
		buf_puts(&sql, " AND p.id IN (SELECT rowid FROM person_fts "
			       "WHERE person_fts.name_key LIKE ?)");
	else if (nm != NAME_NONE)
		buf_puts(&sql, " AND p.name_key LIKE ?");
	if (q->need_kind > 0)
		buf_puts(&sql, " AND EXISTS (SELECT 1 FROM person_need n WHERE n.person_id = p.id "
			       "AND n.kind = ? AND n.observed_on <= ? "
			       "AND (n.ended_on IS NULL OR n.ended_on > ?))");
	if (q->alive_only)
		buf_puts(&sql, " AND p.death_date IS NULL");
	buf_puts(&sql, " ORDER BY ");
	if (walk && prov[0])
		buf_puts(&sql, "p.province, ");
	buf_puts(&sql, "p.given_name COLLATE \"th-TH-x-icu\", "
		       "p.family_name COLLATE \"th-TH-x-icu\", p.id LIMIT ? OFFSET ?");
	if ((r = db_prepare(db, sql.ptr, &st, e)))
		goto out;
	db_bind_text(st, i++, lo, -1);
	db_bind_text(st, i++, hi, -1);
	if (walk && prov[0])
		db_bind_text(st, i++, prov, -1);
	if (by_id)
		db_bind_text(st, i++, q->national_id, -1);
	if (walk && (nm == NAME_PREFIX_RANGE || nm == NAME_LIKE_PREFIX))
		db_bind_text(st, i++, q->name_key, -1);
	if (nm != NAME_NONE)
		db_bind_text(st, i++, pat.ptr, (long)pat.len);
	if (nm == NAME_PREFIX_RANGE)
		db_bind_text(st, i++, upper.ptr, (long)upper.len);
	if (q->need_kind > 0) {
		iso(q->today, today);
		db_bind_text(st, i++, need_kind_code((enum need_kind)q->need_kind), -1);
		db_bind_text(st, i++, today, -1);
		db_bind_text(st, i++, today, -1);
	}
	db_bind_int64(st, i++, q->limit > 0 && q->limit <= 500 ? q->limit : 50);
	db_bind_int64(st, i++, q->offset > 0 ? q->offset : 0);
	r = read_list(st, out, e);
	db_finalize(st);
	if (r)
		person_list_release(out);
out:
	buf_release(&sql);
	buf_release(&pat);
	buf_release(&upper);
	return r;
}

/* ---- needs ---- */

#define NEED_COLS                                                                         \
	"id, person_id, kind, observed_on, COALESCE(ended_on, ''), source, "              \
	"COALESCE(disability_type, ''), COALESCE(card_no, ''), COALESCE(card_issued, ''), " \
	"COALESCE(card_expires, ''), note"

static void read_need(struct db_stmt *st, struct need *n)
{
	int v;

	memset(n, 0, sizeof(*n));
	n->id = db_column_int64(st, 0);
	n->person_id = db_column_int64(st, 1);
	v = need_kind_parse(db_column_text(st, 2));
	n->kind = v < 0 ? NEED_NONE : (enum need_kind)v;
	n->observed_on = read_date(db_column_text(st, 3));
	n->ended_on = read_date(db_column_text(st, 4));
	snprintf(n->source, sizeof(n->source), "%s", db_column_text(st, 5));
	v = disability_type_parse(db_column_text(st, 6));
	n->disability_type = v < 0 ? DIS_UNKNOWN : (enum disability_type)v;
	snprintf(n->card_no, sizeof(n->card_no), "%s", db_column_text(st, 7));
	n->card_issued = read_date(db_column_text(st, 8));
	n->card_expires = read_date(db_column_text(st, 9));
	n->note = db_column_null(st, 10) ? NULL : xstrdup(db_column_text(st, 10));
}

int need_insert(struct db *db, const struct need *n, const char *area, const char *actor,
		const char *now, int64_t *id, struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	r = db_prepare(db,
		       "INSERT INTO person_need (person_id, area, kind, sensitive, observed_on, "
		       "ended_on, source, disability_type, card_no, card_issued, card_expires, note, "
		       "recorded_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, n->person_id);
	db_bind_text(st, 2, area, -1);
	db_bind_text(st, 3, need_kind_code(n->kind), -1);
	db_bind_int64(st, 4, need_kind_sensitive(n->kind));
	bind_date(st, 5, n->observed_on);
	bind_date(st, 6, n->ended_on);
	db_bind_text(st, 7, n->source, -1);
	if (n->kind == NEED_DISABILITY) {
		db_bind_text(st, 8, disability_type_code(n->disability_type), -1);
		db_bind_text_or_null(st, 9, n->card_no[0] ? n->card_no : NULL);
		bind_date(st, 10, n->card_issued);
		bind_date(st, 11, n->card_expires);
	} else {
		db_bind_null(st, 8);
		db_bind_null(st, 9);
		db_bind_null(st, 10);
		db_bind_null(st, 11);
	}
	db_bind_text_or_null(st, 12, n->note);
	db_bind_text(st, 13, actor, -1);
	db_bind_text(st, 14, now, -1);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*id = db_column_int64(st, 0);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_DB, NULL, "บันทึกความต้องการไม่สำเร็จ%s", "need insert returned no id%s", "");
	}
	db_finalize(st);
	return r;
}

int need_end(struct db *db, int64_t id, struct date ended, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "UPDATE person_need SET ended_on = ? WHERE id = ?", &st, e);

	if (r)
		return r;
	bind_date(st, 1, ended);
	db_bind_int64(st, 2, id);
	return db_step_changed(st, "รายการความต้องการ", "need", e);
}

int need_get(struct db *db, int64_t id, struct need *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	r = db_prepare(db, "SELECT " NEED_COLS " FROM person_need WHERE id = ?", &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		read_need(st, out);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "id", "ไม่พบรายการความต้องการรหัส %lld",
			    "no need with id %lld", (long long)id);
	}
	db_finalize(st);
	return r;
}

void need_list_release(struct need_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		need_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

int need_list_of(struct db *db, int64_t person_id, struct need_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	need_list_release(out);
	r = db_prepare(db,
		       "SELECT " NEED_COLS " FROM person_need WHERE person_id = ? "
		       "ORDER BY observed_on, id",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, person_id);
	while ((r = db_step(st, e)) == DB_ROW) {
		ALLOC_GROW(out->items, out->n + 1, out->cap);
		read_need(st, &out->items[out->n++]);
	}
	db_finalize(st);
	if (r < 0) {
		need_list_release(out);
		return r;
	}
	return 0;
}

int need_move(struct db *db, int64_t from, int64_t to, struct err *e)
{
	static const char *const sql[] = {
		"UPDATE person_need SET person_id = ? WHERE person_id = ?",
		"UPDATE consent SET person_id = ? WHERE person_id = ?",
	};
	size_t i;
	int r;

	for (i = 0; i < ARRAY_SIZE(sql); i++) {
		struct db_stmt *st;

		if ((r = db_prepare(db, sql[i], &st, e)))
			return r;
		db_bind_int64(st, 1, to);
		db_bind_int64(st, 2, from);
		r = db_step(st, e);
		db_finalize(st);
		if (r < 0)
			return r;
	}
	return 0;
}

/* ---- consent ---- */

void consent_list_release(struct consent_list *l)
{
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

int consent_insert(struct db *db, const struct consent *c, const char *now, int64_t *id,
		   struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	r = db_prepare(db,
		       "INSERT INTO consent (person_id, purpose, basis, given_on, withdrawn_on, "
		       "recorded_by, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, c->person_id);
	db_bind_text(st, 2, c->purpose, -1);
	db_bind_text(st, 3, c->basis, -1);
	bind_date(st, 4, c->given_on);
	bind_date(st, 5, c->withdrawn_on);
	db_bind_text(st, 6, c->recorded_by, -1);
	db_bind_text(st, 7, now, -1);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*id = db_column_int64(st, 0);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_DB, NULL, "บันทึกความยินยอมไม่สำเร็จ%s", "consent insert returned no id%s", "");
	}
	db_finalize(st);
	return r;
}

int consent_withdraw(struct db *db, int64_t id, struct date on, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "UPDATE consent SET withdrawn_on = ? WHERE id = ? AND withdrawn_on IS NULL",
			   &st, e);

	if (r)
		return r;
	bind_date(st, 1, on);
	db_bind_int64(st, 2, id);
	return db_step_changed(st, "ความยินยอมที่ยังมีผล", "consent in force", e);
}

int consent_list_of(struct db *db, int64_t person_id, struct consent_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	consent_list_release(out);
	r = db_prepare(db,
		       "SELECT id, person_id, purpose, basis, given_on, COALESCE(withdrawn_on, ''), "
		       "recorded_by FROM consent WHERE person_id = ? ORDER BY given_on, id",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, person_id);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct consent *c;

		ALLOC_GROW(out->items, out->n + 1, out->cap);
		c = &out->items[out->n++];
		memset(c, 0, sizeof(*c));
		c->id = db_column_int64(st, 0);
		c->person_id = db_column_int64(st, 1);
		snprintf(c->purpose, sizeof(c->purpose), "%s", db_column_text(st, 2));
		snprintf(c->basis, sizeof(c->basis), "%s", db_column_text(st, 3));
		c->given_on = read_date(db_column_text(st, 4));
		c->withdrawn_on = read_date(db_column_text(st, 5));
		snprintf(c->recorded_by, sizeof(c->recorded_by), "%s", db_column_text(st, 6));
	}
	db_finalize(st);
	if (r < 0) {
		consent_list_release(out);
		return r;
	}
	return 0;
}

/* ---- households ---- */

void household_release(struct household *h)
{
	free(h->house_no);
	memset(h, 0, sizeof(*h));
}

static void bind_household(struct db_stmt *st, const struct household *h)
{
	char prov[3];

	db_bind_text(st, 1, h->area, -1);
	province_of(h->area, prov);
	db_bind_text(st, 2, prov, -1);
	db_bind_text(st, 3, h->house_no ? h->house_no : "", -1);
	if (h->monthly_income >= 0)
		db_bind_int64(st, 4, h->monthly_income);
	else
		db_bind_null(st, 4);
	if (h->head_person_id)
		db_bind_int64(st, 5, h->head_person_id);
	else
		db_bind_null(st, 5);
}

int household_insert(struct db *db, const struct household *h, const char *now, int64_t *id,
		     struct err *e)
{
	struct db_stmt *st;
	int r;

	*id = 0;
	r = db_prepare(db,
		       "INSERT INTO household (area, province, house_no, monthly_income, "
		       "head_person_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
		       &st, e);
	if (r)
		return r;
	bind_household(st, h);
	db_bind_text(st, 6, now, -1);
	db_bind_text(st, 7, now, -1);
	r = db_step(st, e);
	if (r == DB_ROW) {
		*id = db_column_int64(st, 0);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_DB, NULL, "บันทึกครัวเรือนไม่สำเร็จ%s", "household insert returned no id%s", "");
	}
	db_finalize(st);
	return r;
}

int household_update(struct db *db, const struct household *h, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE household SET area = ?, province = ?, house_no = ?, "
			   "monthly_income = ?, head_person_id = ?, updated_at = ? WHERE id = ?",
			   &st, e);

	if (r)
		return r;
	bind_household(st, h);
	db_bind_text(st, 6, now, -1);
	db_bind_int64(st, 7, h->id);
	return db_step_changed(st, "ครัวเรือน", "household", e);
}

int household_get(struct db *db, int64_t id, struct household *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	memset(out, 0, sizeof(*out));
	r = db_prepare(db,
		       "SELECT id, area, house_no, COALESCE(monthly_income, -1), "
		       "COALESCE(head_person_id, 0) FROM household WHERE id = ?",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		out->id = db_column_int64(st, 0);
		snprintf(out->area, sizeof(out->area), "%s", db_column_text(st, 1));
		out->house_no = xstrdup(db_column_text(st, 2));
		out->monthly_income = db_column_int64(st, 3);
		out->head_person_id = db_column_int64(st, 4);
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "household_id", "ไม่พบครัวเรือนรหัส %lld",
			    "no household with id %lld", (long long)id);
	}
	db_finalize(st);
	return r;
}

int household_members(struct db *db, int64_t id, struct person_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	person_list_release(out);
	r = db_prepare(db,
		       "SELECT " PERSON_COLS " FROM person p WHERE p.household_id = ? "
		       "AND p.merged_into IS NULL "
		       "ORDER BY CASE WHEN p.relation = 'head' THEN 0 ELSE 1 END, p.birth_date, p.id",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = read_list(st, out, e);
	db_finalize(st);
	if (r)
		person_list_release(out);
	return r;
}

/* ---- retention ---- */

int person_set_retention(struct db *db, int64_t id, struct date until, const char *now,
			 struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db, "UPDATE person SET retention_until = ?, updated_at = ? WHERE id = ?",
			   &st, e);

	if (r)
		return r;
	bind_date(st, 1, until);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "บุคคล", "person", e);
}

int person_default_retention(struct db *db, int64_t id, struct date until, const char *now,
			     struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE person SET retention_until = COALESCE(retention_until, ?), "
			   "updated_at = ? WHERE id = ?",
			   &st, e);

	if (r)
		return r;
	bind_date(st, 1, until);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	return db_step_changed(st, "บุคคล", "person", e);
}

int person_count_retention_due(struct db *db, struct date today, int64_t *n, struct err *e)
{
	struct db_stmt *st;
	int r;

	*n = 0;
	r = db_prepare(db,
		       "SELECT COUNT(*) FROM person WHERE retention_until IS NOT NULL "
		       "AND retention_until < ? AND erased_at IS NULL",
		       &st, e);
	if (r)
		return r;
	bind_date(st, 1, today);
	r = db_step(st, e);
	if (r == DB_ROW)
		*n = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int person_ids_retention_due(struct db *db, struct date today, int64_t *ids, size_t max,
			     size_t *n, struct err *e)
{
	struct db_stmt *st;
	int r;

	*n = 0;
	r = db_prepare(db,
		       "SELECT id FROM person WHERE retention_until IS NOT NULL "
		       "AND retention_until < ? AND erased_at IS NULL ORDER BY id LIMIT ?",
		       &st, e);
	if (r)
		return r;
	bind_date(st, 1, today);
	db_bind_int64(st, 2, (int64_t)max);
	while ((r = db_step(st, e)) == DB_ROW)
		ids[(*n)++] = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

int person_erase(struct db *db, int64_t id, const char *now, struct err *e)
{
	struct db_stmt *st;
	int r = db_prepare(db,
			   "UPDATE person SET national_id = NULL, title = '', given_name = '', "
			   "family_name = '', given_name_latin = '', family_name_latin = '', "
			   "name_key = '', house_no = '', cur_house_no = '', phone = '', "
			   "birth_date = CASE WHEN birth_date IS NULL THEN NULL "
			   "ELSE substr(birth_date, 1, 4) || '-07-01' END, "
			   "erased_at = ?, updated_at = ? WHERE id = ? AND erased_at IS NULL",
			   &st, e);

	if (r)
		return r;
	db_bind_text(st, 1, now, -1);
	db_bind_text(st, 2, now, -1);
	db_bind_int64(st, 3, id);
	if ((r = db_step_changed(st, "บุคคลที่ยังไม่ถูกลบข้อมูล", "person not yet erased", e)))
		return r;
	r = db_prepare(db, "UPDATE person_need SET card_no = NULL, note = NULL WHERE person_id = ?",
		       &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	db_finalize(st);
	return r < 0 ? r : 0;
}
