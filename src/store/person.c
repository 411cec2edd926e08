/*
 * SQL for the registry: people, needs, consents, households. Dates travel
 * as ISO text; NULL stands for "unknown" (birth) or "not yet" (death, end).
 *
 * Name search is a substring match on the name key, in Thai order, and the
 * only place where the two engines need different plans. SQLite answers
 * from an FTS5 trigram index whose rowids are positions in Thai order
 * (migration 0006: buckets of the order, then the id), so the first page
 * is read off the index's first matches, whatever their number; the index
 * is kept by triggers, filled by bulk loaders in position order, and
 * rebalanced when the register has doubled. PostgreSQL counts pg_trgm
 * matches and sorts a few or walks its Thai-collated indexes for many.
 */
#include "store/person.h"
#include "core/thtext.h"

#define PERSON_COLS                                                                        \
	"p.id, COALESCE(p.national_id, ''), COALESCE(p.id_category, -1), p.title, "         \
	"p.given_name, p.family_name, p.given_name_latin, p.family_name_latin, p.name_key, " \
	"p.sex, COALESCE(p.birth_date, ''), COALESCE(p.death_date, ''), p.nationality, "     \
	"p.reg_status, p.area, p.house_no, COALESCE(p.cur_area, ''), p.cur_house_no, "      \
	"p.phone, COALESCE(p.household_id, 0), p.relation, COALESCE(p.merged_into, 0)"

/* YYYY-MM-DD (written by hand: bulk loads format millions of them). */
static void iso(struct date d, char out[11])
{
	unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, dd = (unsigned)d.d % 100u;

	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
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

int person_reserve_ids(struct db *db, size_t n, int64_t *ids, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t i = 0;
	int64_t top;
	int r;

	if (!n)
		return 0;
	if (!strcmp(db_driver(db), "sqlite")) {
		/* The write lock is held: nobody else takes ids until commit. */
		if ((r = db_query_int64(db, "SELECT COALESCE(MAX(id), 0) FROM person", &top, e)))
			return r;
		for (i = 0; i < n; i++)
			ids[i] = top + 1 + (int64_t)i;
		return 0;
	}
	if ((r = db_prepare(db,
			    "SELECT nextval(pg_get_serial_sequence('person', 'id')) "
			    "FROM generate_series(1, ?)",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, (int64_t)n);
	while (i < n && (r = db_step(st, e)) == DB_ROW)
		ids[i++] = db_column_int64(st, 0);
	db_finalize(st);
	if (r >= 0 && i < n)
		r = err_set(e, ERR_DB, NULL, "จองรหัสบุคคลได้ %zu จาก %zu", "reserved %zu of %zu person ids",
			    i, n);
	return r < 0 ? r : 0;
}

/*
 * Rows per multi-row INSERT: 64 rows of 22 values stay below both engines'
 * limits; a remainder goes in statements of 8 and of 1.
 */
#define INSERT_ROWS 64
#define INSERT_TAIL 8

static char *insert_many_sql(int rows)
{
	struct buf b = BUF_INIT;
	int i;

	buf_puts(&b, "INSERT INTO person (national_id, id_category, title, given_name, family_name, "
		     "given_name_latin, family_name_latin, name_key, sex, birth_date, death_date, "
		     "nationality, reg_status, area, province, house_no, cur_area, cur_house_no, "
		     "phone, created_at, updated_at, id) VALUES ");
	for (i = 0; i < rows; i++)
		buf_puts(&b, i ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
			       : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	return buf_detach(&b, NULL);
}

/* Binds without copies (db_bind_text_static): p and dates live until the step is done. */
static void bind_text_kept(struct db_stmt *st, int i, const char *s)
{
	db_bind_text_static(st, i, s ? s : "", -1);
}

static void bind_date_kept(struct db_stmt *st, int i, struct date d, char buf[11])
{
	if (!d.y) {
		db_bind_null(st, i);
		return;
	}
	iso(d, buf);
	db_bind_text_static(st, i, buf, 10);
}

/* bind_person's columns, bound without copies; dates[2] holds the date texts. */
static void bind_person_kept(struct db_stmt *st, int i, const struct person *p,
			     char dates[2][11])
{
	if (p->national_id[0])
		db_bind_text_static(st, i, p->national_id, -1);
	else
		db_bind_null(st, i);
	if (p->id_category >= 0)
		db_bind_int64(st, i + 1, p->id_category);
	else
		db_bind_null(st, i + 1);
	bind_text_kept(st, i + 2, p->title);
	bind_text_kept(st, i + 3, p->given_name);
	bind_text_kept(st, i + 4, p->family_name);
	bind_text_kept(st, i + 5, p->given_name_latin);
	bind_text_kept(st, i + 6, p->family_name_latin);
	bind_text_kept(st, i + 7, p->name_key);
	bind_text_kept(st, i + 8, sex_code(p->sex));
	bind_date_kept(st, i + 9, p->birth, dates[0]);
	bind_date_kept(st, i + 10, p->death, dates[1]);
	bind_text_kept(st, i + 11, p->nationality);
	bind_text_kept(st, i + 12, reg_status_code(p->reg_status));
	bind_text_kept(st, i + 13, p->area);
	db_bind_text_static(st, i + 14, p->area, p->area[0] ? 2 : 0);
	bind_text_kept(st, i + 15, p->house_no);
	if (p->cur_area[0])
		db_bind_text_static(st, i + 16, p->cur_area, -1);
	else
		db_bind_null(st, i + 16);
	bind_text_kept(st, i + 17, p->cur_house_no);
	bind_text_kept(st, i + 18, p->phone);
}

int person_insert_many(struct db *db, const struct person *p, const int64_t *ids, size_t n,
		       const char *now, struct err *e)
{
	static const int width[3] = { INSERT_ROWS, INSERT_TAIL, 1 };
	char(*dates)[2][11] = xmalloc(INSERT_ROWS * sizeof(*dates));
	char *sql[3] = { NULL, NULL, NULL };
	size_t i = 0, k, rows;
	int r = 0, w;

	while (!r && i < n) {
		struct db_stmt *st;

		for (w = 0; width[w] > 1 && n - i < (size_t)width[w]; w++)
			;
		rows = (size_t)width[w];
		if (!sql[w])
			sql[w] = insert_many_sql(width[w]);
		if ((r = db_prepare(db, sql[w], &st, e)))
			break;
		for (k = 0; k < rows; k++) {
			int b = 1 + (int)k * 22;

			bind_person_kept(st, b, &p[i + k], dates[k]);
			db_bind_text_static(st, b + 19, now, -1);
			db_bind_text_static(st, b + 20, now, -1);
			db_bind_int64(st, b + 21, ids[i + k]);
		}
		r = db_step(st, e);
		if (r == ERR_CONFLICT)
			err_set(e, ERR_CONFLICT, "national_id",
				"เลขประจำตัวประชาชนซ้ำกับผู้ลงทะเบียนแล้ว (แถวที่ %zu ถึง %zu ของชุด)",
				"a national ID is already registered (rows %zu to %zu of the set)",
				i + 1, i + rows);
		db_finalize(st);
		r = r < 0 ? r : 0;
		i += rows;
	}
	for (w = 0; w < 3; w++)
		free(sql[w]);
	free(dates);
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
			     const char *area_prefix, int64_t below_id, int64_t *ids, size_t max,
			     size_t *n, struct err *e)
{
	struct db_stmt *st;
	char lo[16], hi[16];
	int r;

	*n = 0;
	db_prefix_range(area_prefix, lo, hi);
	r = db_prepare(db,
		       "SELECT id FROM person WHERE name_key = ? AND birth_date = ? "
		       "AND area >= ? AND area < ? AND merged_into IS NULL AND id < ? ORDER BY id",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, name_key, -1);
	bind_date(st, 2, birth);
	db_bind_text(st, 3, lo, -1);
	db_bind_text(st, 4, hi, -1);
	db_bind_int64(st, 5, below_id > 0 ? below_id : INT64_MAX);
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

/* ---- search ---- */

/* Code points in the key (UTF-8 text), counted by lead bytes. */
static size_t key_chars(const char *key)
{
	const unsigned char *s;
	size_t n = 0;

	for (s = (const unsigned char *)key; s && *s; s++)
		n += (*s & 0xC0) != 0x80;
	return n;
}

/* Byte length of the code point starting at s. */
static size_t cp_len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Appends key with LIKE's special characters dropped (name keys hold none). */
static void like_text(struct buf *b, const char *key)
{
	for (; *key; key++)
		if (*key != '%' && *key != '_' && *key != '\\')
			buf_putc(b, *key);
}

/*
 * The conditions every plan applies to a person row p: not merged, inside
 * the area, then the optional ones: the national ID, the name (a substring
 * of three or more characters; shorter keys are a prefix of the key), an
 * active need, alive only. filters_sql appends them to a WHERE clause;
 * bind_filters binds their values in the same order.
 */
struct filters {
	const struct person_query *q;
	bool name_sub, name_prefix, by_id;
	struct buf pattern;      /* LIKE pattern of the name: "%key%" or "key%" */
	char lo[16], hi[16], today[11];
};

static void filters_sql(struct filters *f, struct buf *sql)
{
	buf_puts(sql, " p.merged_into IS NULL AND p.area >= ? AND p.area < ?");
	if (f->by_id)
		buf_puts(sql, " AND p.national_id = ?");
	if (f->name_sub || f->name_prefix)
		buf_puts(sql, " AND p.name_key LIKE ?");
	if (f->q->need_kind > 0)
		buf_puts(sql, " AND EXISTS (SELECT 1 FROM person_need n WHERE n.person_id = p.id "
			      "AND n.kind = ? AND n.observed_on <= ? "
			      "AND (n.ended_on IS NULL OR n.ended_on > ?))");
	if (f->q->alive_only)
		buf_puts(sql, " AND p.death_date IS NULL");
}

static int bind_filters(struct filters *f, struct db_stmt *st, int i)
{
	db_bind_text(st, i++, f->lo, -1);
	db_bind_text(st, i++, f->hi, -1);
	if (f->by_id)
		db_bind_text(st, i++, f->q->national_id, -1);
	if (f->name_sub || f->name_prefix)
		db_bind_text(st, i++, f->pattern.ptr, (long)f->pattern.len);
	if (f->q->need_kind > 0) {
		db_bind_text(st, i++, need_kind_code((enum need_kind)f->q->need_kind), -1);
		db_bind_text(st, i++, f->today, -1);
		db_bind_text(st, i++, f->today, -1);
	}
	return i;
}

static void filters_init(struct filters *f, const struct person_query *q)
{
	size_t n = key_chars(q->name_key);

	memset(f, 0, sizeof(*f));
	f->q = q;
	buf_init(&f->pattern, 0);
	f->by_id = q->national_id && *q->national_id;
	f->name_sub = n >= 3;
	f->name_prefix = n > 0 && n < 3;
	if (f->name_sub)
		buf_putc(&f->pattern, '%');
	if (n)
		like_text(&f->pattern, q->name_key);
	if (n)
		buf_putc(&f->pattern, '%');
	db_prefix_range(q->area, f->lo, f->hi);
	iso(q->today, f->today);
}

static int page_limit(const struct person_query *q)
{
	return q->limit > 0 && q->limit <= 500 ? q->limit : 50;
}

/* ---- search on SQLite: the ordered index (migration 0006) ---- */

/*
 * The tokens of person_search_doc (migration 0006), built the same way:
 * three code points from the Private Use plane 15, a level marker and two
 * numbers, so each is exactly one trigram.
 */
#define TOKEN_BASE 0xF0000u
#define TOKEN_NUM (TOKEN_BASE + 16u)

static void put_token(struct buf *b, unsigned level, unsigned a, unsigned c)
{
	uint32_t cps[3] = { TOKEN_BASE + level, TOKEN_NUM + a, TOKEN_NUM + c };
	int i;

	if (level == 0)
		cps[1] = cps[2] = TOKEN_BASE;
	for (i = 0; i < 3; i++)
		thtext_utf8_put(b, cps[i]);
}

static unsigned digits(const char *s, size_t n)
{
	unsigned v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	return v;
}

/* Appends the area token of a scope (2, 4, 6 or 8 digits; anything else: the nation). */
static void area_token(struct buf *b, const char *area)
{
	size_t n = area ? strlen(area) : 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (area[i] < '0' || area[i] > '9')
			n = 0;
	switch (n) {
	case 2: put_token(b, 1, 0, digits(area, 2)); break;
	case 4: put_token(b, 2, digits(area, 2), digits(area + 2, 2)); break;
	case 6: put_token(b, 3, digits(area, 2), digits(area + 2, 4)); break;
	case 8: put_token(b, 4, digits(area, 4), digits(area + 4, 4)); break;
	default: put_token(b, 0, 0, 0); break;
	}
}

/* Appends one quoted FTS5 string (a double quote inside is doubled). */
static void fts_string(struct buf *b, const char *s, size_t n)
{
	size_t i;

	if (b->len)
		buf_puts(b, " AND ");
	buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_putc(b, '"');
		buf_putc(b, s[i]);
	}
	buf_putc(b, '"');
}

/*
 * The FTS5 query for q: every trigram of a name key of three or more
 * characters ("สมชาย" -> สมช AND มชา AND ชาย; the index keeps no positions,
 * so the rows are checked for the whole substring afterwards), "^^x" or
 * "^xy" for a one- or two-letter prefix, and the scope's area token (the
 * nation's when there is nothing else to match).
 */
static void match_expr(const struct person_query *q, struct buf *m)
{
	const char *key = q->name_key && *q->name_key ? q->name_key : NULL;
	size_t n = key_chars(key);
	bool national = !q->area || !*q->area || !strcmp(q->area, "TH");
	struct buf t = BUF_INIT;

	if (n >= 3) {
		const char *a = key, *b, *c, *d;

		for (; *a; a += cp_len(a)) {
			b = a + cp_len(a);
			if (!*b)
				break;
			c = b + cp_len(b);
			if (!*c)
				break;
			d = c + cp_len(c);
			fts_string(m, a, (size_t)(d - a));
		}
	} else if (n > 0) {
		buf_puts(&t, n == 1 ? "^^" : "^");
		buf_puts(&t, key);
		fts_string(m, t.ptr, t.len);
	}
	if (!national || !m->len) {
		buf_reset(&t);
		area_token(&t, national ? NULL : q->area);
		fts_string(m, t.ptr, t.len);
	}
	buf_release(&t);
}

#define POS_BUCKET(pos) ((pos) >> 32)

/*
 * SQLite plan: read the index's matches in position order, in rounds that
 * end at a bucket boundary; fetch each round's candidates that pass the
 * filters, sorted by name sort key; everything in a later round sorts after
 * everything in an earlier one, so rows are handed out as rounds finish
 * until the page is full.
 */
static int search_fts(struct db *db, const struct person_query *q, struct filters *f,
		      struct person_list *out, struct err *e)
{
	struct buf m = BUF_INIT, sql = BUF_INIT, ids = BUF_INIT;
	struct db_stmt *fts = NULL, *st = NULL;
	int64_t skip = q->after_id ? 0 : (q->offset > 0 ? q->offset : 0);
	int64_t start = 0, pending = -1, bucket, want;
	size_t limit = (size_t)page_limit(q);
	bool done = false;
	int r, i;

	match_expr(q, &m);
	if (q->after_id) {
		if ((r = db_prepare(db, "SELECT pos FROM person_search_doc WHERE id = ?", &st, e)))
			goto out;
		db_bind_int64(st, 1, q->after_id);
		r = db_step(st, e);
		if (r == DB_ROW)
			start = POS_BUCKET(db_column_int64(st, 0)) << 32;
		db_finalize(st);
		st = NULL;
		if (r < 0)
			goto out;
	}
	buf_puts(&sql, "SELECT " PERSON_COLS " FROM person p WHERE p.id IN "
		       "(SELECT value FROM json_each(?)) AND");
	filters_sql(f, &sql);
	if (q->after_id)
		buf_puts(&sql, " AND (th_sort_key(p.given_name, p.family_name), p.id) > "
			       "(SELECT th_sort_key(a.given_name, a.family_name), a.id "
			       "FROM person a WHERE a.id = ?)");
	buf_puts(&sql, " ORDER BY th_sort_key(p.given_name, p.family_name), p.id");
	if ((r = db_prepare(db,
			    "SELECT rowid FROM person_search WHERE person_search MATCH ? "
			    "AND rowid >= ? ORDER BY rowid",
			    &fts, e)))
		goto out;
	db_bind_text(fts, 1, m.ptr, (long)m.len);
	db_bind_int64(fts, 2, start);
	want = (int64_t)limit + skip;
	while (!done && out->n < limit) {
		int64_t n = 0, pos;

		/* One round: at least want candidates, then to the end of the bucket. */
		buf_reset(&ids);
		buf_putc(&ids, '[');
		bucket = -1;
		for (;;) {
			if (pending >= 0) {
				pos = pending;
				pending = -1;
			} else {
				r = db_step(fts, e);
				if (r < 0)
					goto out;
				if (r == DB_DONE) {
					done = true;
					break;
				}
				pos = db_column_int64(fts, 0);
			}
			if (n >= want && POS_BUCKET(pos) != bucket) {
				pending = pos;
				break;
			}
			bucket = POS_BUCKET(pos);
			buf_printf(&ids, "%s%lld", n ? "," : "", (long long)(pos & 0xFFFFFFFF));
			n++;
		}
		buf_putc(&ids, ']');
		if (!n)
			break;
		if ((r = db_prepare(db, sql.ptr, &st, e)))
			goto out;
		db_bind_text(st, 1, ids.ptr, (long)ids.len);
		i = bind_filters(f, st, 2);
		if (q->after_id)
			db_bind_int64(st, i++, q->after_id);
		while (out->n < limit && (r = db_step(st, e)) == DB_ROW) {
			if (skip > 0) {
				skip--;
				continue;
			}
			ALLOC_GROW(out->items, out->n + 1, out->cap);
			read_person(st, 0, &out->items[out->n++]);
		}
		db_finalize(st);
		st = NULL;
		if (r < 0)
			goto out;
		/* Few candidates passed the filters: read more at once next time. */
		if (want < 65536)
			want *= 4;
	}
	r = 0;
out:
	db_finalize(st);
	db_finalize(fts);
	buf_release(&m);
	buf_release(&sql);
	buf_release(&ids);
	return r;
}

/* ---- search on PostgreSQL: pg_trgm and the Thai-collated indexes ---- */

/* Above this many name matches a search walks the Thai-order index instead of sorting. */
#define SORT_CAP 2000

/* Counts the people whose name key matches (up to SORT_CAP + 1), by the trigram index. */
static int count_name_matches(struct db *db, const struct buf *pattern, int64_t *n,
			      struct err *e)
{
	struct db_stmt *st;
	int r;

	*n = 0;
	if ((r = db_prepare(db,
			    "SELECT COUNT(*) FROM (SELECT id FROM person WHERE name_key LIKE ? "
			    "LIMIT ?) x",
			    &st, e)))
		return r;
	db_bind_text(st, 1, pattern->ptr, (long)pattern->len);
	db_bind_int64(st, 2, SORT_CAP + 1);
	r = db_step(st, e);
	if (r == DB_ROW)
		*n = db_column_int64(st, 0);
	db_finalize(st);
	return r < 0 ? r : 0;
}

#define THAI_ORDER                                                                \
	"p.given_name COLLATE \"th-TH-x-icu\", p.family_name COLLATE \"th-TH-x-icu\", p.id"

/*
 * PostgreSQL plan. When few people can match (a rare name, a tambon), the
 * matches are fetched and sorted. When many can (a common syllable, a whole
 * province), sorting them all for one page would cost more than the page:
 * the search then walks the Thai-order index (per province when the scope
 * is one) and stops when the page is full.
 */
static int search_pg(struct db *db, const struct person_query *q, struct filters *f,
		     struct person_list *out, struct err *e)
{
	const char *area = q->area && strcmp(q->area, "TH") ? q->area : "";
	struct buf sql = BUF_INIT;
	struct db_stmt *st = NULL;
	char prov[3] = "";
	bool walk = false;
	int r, i = 1;

	if (strlen(area) >= 2)
		province_of(area, prov);
	if (f->name_sub) {
		int64_t n;

		if ((r = count_name_matches(db, &f->pattern, &n, e)))
			goto out;
		walk = n > SORT_CAP;
	} else if (!f->by_id) {
		walk = f->name_prefix || strlen(area) < 6; /* larger than a tambon */
	}
	buf_puts(&sql, "SELECT " PERSON_COLS " FROM person p WHERE");
	filters_sql(f, &sql);
	if (walk && prov[0])
		buf_puts(&sql, " AND p.province = ?");
	if (walk && f->name_prefix && !q->after_id)
		/* A short key is the start of the given name: begin the walk there. */
		buf_puts(&sql, " AND p.given_name COLLATE \"th-TH-x-icu\" >= ?");
	if (q->after_id)
		buf_puts(&sql, " AND (" THAI_ORDER ") > (SELECT a.given_name, a.family_name, a.id "
			       "FROM person a WHERE a.id = ?)");
	buf_puts(&sql, " ORDER BY ");
	if (walk && prov[0])
		buf_puts(&sql, "p.province, ");
	buf_puts(&sql, THAI_ORDER " LIMIT ? OFFSET ?");
	if ((r = db_prepare(db, sql.ptr, &st, e)))
		goto out;
	i = bind_filters(f, st, i);
	if (walk && prov[0])
		db_bind_text(st, i++, prov, -1);
	if (walk && f->name_prefix && !q->after_id)
		db_bind_text(st, i++, q->name_key, -1);
	if (q->after_id)
		db_bind_int64(st, i++, q->after_id);
	db_bind_int64(st, i++, page_limit(q));
	db_bind_int64(st, i++, !q->after_id && q->offset > 0 ? q->offset : 0);
	r = read_list(st, out, e);
out:
	db_finalize(st);
	buf_release(&sql);
	return r;
}

/* ---- keeping the ordered index (SQLite) ---- */

/* Below this many people one bucket serves as well as many. */
#define SEARCH_MIN_BALANCE 4096

static bool is_sqlite(struct db *db)
{
	return !strcmp(db_driver(db), "sqlite");
}

/* ICU's collation version now, or "" when ICU cannot say. */
static void collator_version(char out[32])
{
	struct thtext_collator c;

	out[0] = '\0';
	if (!thtext_collator_open(&c, NULL)) {
		thtext_collator_version(&c, out);
		thtext_collator_close(&c);
	}
}

int person_search_due(struct db *db, bool *due, struct err *e)
{
	struct db_stmt *st;
	int64_t top, balanced = 0;
	char now[32], then[32] = "";
	int r;

	*due = false;
	if (!is_sqlite(db))
		return 0;
	if ((r = db_query_int64(db, "SELECT COALESCE(MAX(id), 0) FROM person", &top, e)) ||
	    (r = db_prepare(db, "SELECT balanced_people, collator FROM search_state", &st, e)))
		return r;
	r = db_step(st, e);
	if (r == DB_ROW) {
		balanced = db_column_int64(st, 0);
		snprintf(then, sizeof(then), "%s", db_column_text(st, 1));
	}
	db_finalize(st);
	if (r < 0)
		return r;
	/*
	 * Positions come from ICU's sort keys; when ICU sorts differently (an
	 * upgrade), an entry could no longer be found to delete: rebuild. An
	 * index never drawn (collator "") has one bucket and needs no keys.
	 */
	collator_version(now);
	*due = (top >= SEARCH_MIN_BALANCE && top >= 2 * balanced) || (then[0] && strcmp(now, then));
	return 0;
}

/*
 * A bulk load also takes the insert trigger out of the way: even when its
 * WHEN clause (search_state.bulk) says no, running it per row cost about
 * 4 µs a person, as much as the insert itself. Its definition waits in a
 * temporary table of the connection, written in the same transaction, so
 * a rollback brings the trigger back as well.
 */
int person_search_bulk_begin(struct db *db, struct err *e)
{
	if (!is_sqlite(db))
		return 0;
	return db_exec(db,
		       "UPDATE search_state SET bulk = 1; "
		       "CREATE TEMP TABLE IF NOT EXISTS search_bulk_trigger (sql TEXT NOT NULL); "
		       "DELETE FROM temp.search_bulk_trigger; "
		       "INSERT INTO temp.search_bulk_trigger SELECT sql FROM main.sqlite_schema "
		       "WHERE type = 'trigger' AND name = 'person_search_ins'; "
		       "DROP TRIGGER IF EXISTS person_search_ins",
		       e);
}

/* Ends the bulk state: the flag off, the insert trigger back. */
static int bulk_state_end(struct db *db, struct err *e)
{
	struct db_stmt *st = NULL;
	char *sql = NULL;
	int r;

	if ((r = db_exec(db, "UPDATE search_state SET bulk = 0", e)) ||
	    (r = db_prepare(db, "SELECT sql FROM temp.search_bulk_trigger", &st, e)))
		return r;
	r = db_step(st, e);
	if (r == DB_ROW)
		sql = xstrdup(db_column_text(st, 0));
	db_finalize(st);
	if (r >= 0 && sql)
		r = db_exec(db, sql, e);
	free(sql);
	if (r >= 0)
		r = db_exec(db, "DELETE FROM temp.search_bulk_trigger", e);
	return r < 0 ? r : 0;
}

int person_search_bulk_end(struct db *db, int64_t first_id, int64_t last_id, bool may_rebalance,
			   struct err *e)
{
	struct db_stmt *st;
	bool due = false;
	int r;

	if (!is_sqlite(db))
		return 0;
	if ((r = bulk_state_end(db, e)) ||
	    (may_rebalance && (r = person_search_due(db, &due, e))))
		return r;
	if (due)
		return person_search_rebalance(db, e);
	/* In position order, so FTS5 keeps the whole load in memory until commit. */
	if ((r = db_prepare(db,
			    "INSERT INTO person_search (rowid, name, n, p, d, t, v) "
			    "SELECT pos, name, n, p, d, t, v FROM person_search_doc "
			    "WHERE id >= ? AND id <= ? AND merged_into IS NULL ORDER BY pos",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, first_id);
	db_bind_int64(st, 2, last_id);
	r = db_step(st, e);
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* Appends the area token of area[0..n) (2, 4, 6 or 8 digits). */
static void area_token_n(struct buf *b, const char *area, size_t n)
{
	char part[9];

	memcpy(part, area, n);
	part[n] = '\0';
	area_token(b, part);
}

/*
 * Inserts one entry at position pos: the columns of person_search_doc
 * (migration 0006), made here the way the view makes them.
 */
static int insert_doc(struct db *db, int64_t pos, const struct person_search_doc *d,
		      struct buf *tmp, struct err *e)
{
	size_t off[6], len[6], alen = strlen(d->area);
	struct db_stmt *st = NULL;
	int r, c;

	buf_reset(tmp);
	off[0] = tmp->len;
	buf_puts(tmp, "^^");
	buf_puts(tmp, d->name_key ? d->name_key : "");
	off[1] = tmp->len;
	area_token(tmp, NULL);
	off[2] = tmp->len;
	area_token_n(tmp, d->area, 2);
	off[3] = tmp->len;
	area_token_n(tmp, d->area, 4);
	off[4] = tmp->len;
	area_token_n(tmp, d->area, 6);
	off[5] = tmp->len;
	if (alen == 8)
		area_token_n(tmp, d->area, 8);
	for (c = 0; c < 5; c++)
		len[c] = off[c + 1] - off[c];
	len[5] = tmp->len - off[5];
	if ((r = db_prepare(db,
			    "INSERT INTO person_search (rowid, name, n, p, d, t, v) "
			    "VALUES (?, ?, ?, ?, ?, ?, ?)",
			    &st, e)))
		return r;
	db_bind_int64(st, 1, pos);
	for (c = 0; c < 6; c++) {
		if (c == 5 && alen != 8)
			db_bind_null(st, 7);
		else
			db_bind_text_static(st, 2 + c, tmp->ptr + off[c], (long)len[c]);
	}
	r = db_step(st, e);
	db_finalize(st);
	return r < 0 ? r : 0;
}

/* Sort keys compare as BLOBs do in SQLite: bytes, then length; then the id. */
static int key_id_cmp(const char *ka, size_t na, int64_t ia, const char *kb, size_t nb,
		      int64_t ib)
{
	int c = memcmp(ka, kb, na < nb ? na : nb);

	if (c)
		return c;
	if (na != nb)
		return na < nb ? -1 : 1;
	return ia < ib ? -1 : ia > ib;
}

static int doc_key_cmp(const void *a, const void *b)
{
	const struct person_search_doc *x = a, *y = b;

	return key_id_cmp(x->key, x->key_len, x->id, y->key, y->key_len, y->id);
}

static int doc_id_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct person_search_doc *)a)->id;
	int64_t y = ((const struct person_search_doc *)b)->id;

	return x < y ? -1 : x > y;
}

static int pos_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct person_search_pos *)a)->pos;
	int64_t y = ((const struct person_search_pos *)b)->pos;

	return x < y ? -1 : x > y;
}

void person_search_plan_release(struct person_search_plan *pl)
{
	size_t i;

	for (i = 0; i < pl->nlo; i++)
		free(pl->lo[i].key);
	free(pl->lo);
	free(pl->order);
	free(pl->firsts);
	memset(pl, 0, sizeof(*pl));
}

int person_search_plan_begin(struct db *db, struct person_search_plan *pl, bool whole,
			     struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int r;

	memset(pl, 0, sizeof(*pl));
	pl->whole = whole;
	if (!is_sqlite(db))
		return 0;
	pl->sqlite = true;
	if ((r = bulk_state_end(db, e)) || (r = person_search_due(db, &pl->due, e)) ||
	    (r = db_query_int64(db, "SELECT bucket_size FROM search_state", &pl->bucket_size, e)))
		return r;
	if (pl->bucket_size < 1)
		pl->bucket_size = 64;
	if (pl->due)
		return 0;
	/* Each entry's bucket will be the last whose first person sorts at or before it. */
	if ((r = db_prepare(db, "SELECT lo, lo_id, bucket FROM name_bucket ORDER BY lo, lo_id", &st,
			    e)))
		return r;
	while ((r = db_step(st, e)) == DB_ROW) {
		struct person_search_lo *lo;

		ALLOC_GROW(pl->lo, pl->nlo + 1, cap);
		lo = &pl->lo[pl->nlo++];
		lo->len = db_column_len(st, 0);
		lo->key = xmalloc(lo->len + 1);
		memcpy(lo->key, db_column_text(st, 0), lo->len);
		lo->id = db_column_int64(st, 1);
		lo->bucket = db_column_int64(st, 2);
	}
	db_finalize(st);
	if (r < 0)
		person_search_plan_release(pl);
	return r < 0 ? r : 0;
}

void person_search_plan_order(struct person_search_plan *pl, struct person_search_doc *docs,
			      size_t n)
{
	size_t i, b, size = (size_t)pl->bucket_size;

	pl->docs = docs;
	pl->n = n;
	if (!pl->sqlite || (pl->due && !pl->whole))
		return;
	pl->order = xcalloc(n ? n : 1, sizeof(*pl->order));
	if (pl->due) {
		/* New buckets: every bucket_size people in Thai order; the first of each is recorded. */
		qsort(docs, n, sizeof(*docs), doc_key_cmp);
		pl->firsts = xcalloc(n / size + 1, sizeof(*pl->firsts));
		for (b = 0; b * size < n; b++) {
			size_t first = b * size, k = n - first < size ? n - first : size;

			if (b)
				pl->firsts[pl->nfirsts++] = docs[first].id;
			qsort(docs + first, k, sizeof(*docs), doc_id_cmp);
			for (i = first; i < first + k; i++) {
				pl->order[i].pos = ((int64_t)b << 32) | docs[i].id;
				pl->order[i].i = i;
			}
		}
		return;
	}
	for (i = 0; i < n; i++) {
		const struct person_search_lo *lo = pl->lo;
		size_t at = 0, hi = pl->nlo; /* lo[0] is X'', before everyone */

		while (hi - at > 1) {
			size_t m = at + (hi - at) / 2;

			if (key_id_cmp(lo[m].key, lo[m].len, lo[m].id, docs[i].key, docs[i].key_len,
				       docs[i].id) <= 0)
				at = m;
			else
				hi = m;
		}
		pl->order[i].pos = ((pl->nlo ? lo[at].bucket : 0) << 32) | docs[i].id;
		pl->order[i].i = i;
	}
	qsort(pl->order, n, sizeof(*pl->order), pos_cmp);
}

int person_search_plan_write(struct db *db, struct person_search_plan *pl, struct err *e)
{
	struct buf tmp = BUF_INIT;
	struct db_stmt *st = NULL;
	size_t i;
	int r = 0;

	if (!pl->sqlite)
		return 0;
	if (pl->due && !pl->whole)
		return person_search_rebalance(db, e);
	if (pl->due && (r = db_exec(db,
				    "DELETE FROM name_bucket; "
				    "INSERT INTO name_bucket (lo, lo_id, bucket) VALUES (X'', 0, 0); "
				    "INSERT INTO person_search (person_search) VALUES ('delete-all')",
				    e)))
		return r;
	/* In position order: FTS5 keeps rising rowids in memory until commit. */
	for (i = 0; !r && i < pl->n; i++)
		r = insert_doc(db, pl->order[i].pos, &pl->docs[pl->order[i].i], &tmp, e);
	buf_release(&tmp);
	if (r || !pl->due)
		return r;
	/* The buckets' first people, once the index is written (see person_search_rebalance). */
	for (i = 0; !r && i < pl->nfirsts; i++) {
		if ((r = db_prepare(db,
				    "INSERT INTO name_bucket (lo, lo_id, bucket) "
				    "SELECT k, id, ? FROM person_search_doc WHERE id = ?",
				    &st, e)))
			break;
		db_bind_int64(st, 1, (int64_t)i + 1);
		db_bind_int64(st, 2, pl->firsts[i]);
		r = db_step_done(st, e);
	}
	if (!r && !(r = db_prepare(db,
				   "UPDATE search_state SET balanced_people = ?, collator = ?, bulk = 0",
				   &st, e))) {
		char version[32];

		collator_version(version);
		db_bind_int64(st, 1, (int64_t)pl->n);
		db_bind_text(st, 2, version, -1);
		r = db_step_done(st, e);
	}
	return r;
}

int person_search_bulk_end_docs(struct db *db, struct person_search_doc *docs, size_t n,
				bool whole, struct err *e)
{
	struct person_search_plan pl;
	int r;

	if ((r = person_search_plan_begin(db, &pl, whole, e)))
		return r;
	person_search_plan_order(&pl, docs, n);
	r = person_search_plan_write(db, &pl, e);
	person_search_plan_release(&pl);
	return r;
}

/* One bucket's entries, waiting to go into the index in id order. */
struct doc {
	int64_t id;
	char *col[6];            /* name, n, p, d, t, v; NULL for SQL NULL */
};

static int doc_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct doc *)a)->id, y = ((const struct doc *)b)->id;

	return x < y ? -1 : x > y;
}

static int flush_bucket(struct db *db, int64_t bucket, struct doc *docs, size_t n,
			struct err *e)
{
	struct db_stmt *st = NULL;
	size_t i;
	int r = 0, c;

	qsort(docs, n, sizeof(*docs), doc_cmp);
	for (i = 0; i < n && !r; i++) {
		if ((r = db_prepare(db,
				    "INSERT INTO person_search (rowid, name, n, p, d, t, v) "
				    "VALUES (?, ?, ?, ?, ?, ?, ?)",
				    &st, e)))
			break;
		db_bind_int64(st, 1, (bucket << 32) | docs[i].id);
		for (c = 0; c < 6; c++)
			db_bind_text_or_null(st, 2 + c, docs[i].col[c]);
		r = db_step(st, e);
		db_finalize(st);
		r = r < 0 ? r : 0;
	}
	for (i = 0; i < n; i++)
		for (c = 0; c < 6; c++)
			free(docs[i].col[c]);
	return r;
}

/*
 * Draws the buckets again from the people as they are (every bucket_size
 * people in Thai order start a bucket) and rebuilds the index with the new
 * positions: one sorted pass over the register.
 */
int person_search_rebalance(struct db *db, struct err *e)
{
	struct db_stmt *st = NULL, *ins = NULL;
	struct doc *docs = NULL;
	int64_t size, i = 0, *firsts = NULL;
	size_t n = 0, nb = 0, cap = 0, k;
	char version[32];
	int r, c;

	if (!is_sqlite(db))
		return 0;
	if ((r = db_query_int64(db, "SELECT bucket_size FROM search_state", &size, e)))
		return r;
	if (size < 1)
		size = 64;
	if ((r = db_exec(db,
			 "DELETE FROM name_bucket; "
			 "INSERT INTO name_bucket (lo, lo_id, bucket) VALUES (X'', 0, 0); "
			 "INSERT INTO person_search (person_search) VALUES ('delete-all')",
			 e)))
		return r;
	if ((r = db_prepare(db,
			    "SELECT id, name, n, p, d, t, v FROM person_search_doc "
			    "WHERE merged_into IS NULL ORDER BY k, id",
			    &st, e)))
		return r;
	docs = xcalloc((size_t)size, sizeof(*docs));
	while ((r = db_step(st, e)) == DB_ROW) {
		int64_t id = db_column_int64(st, 0);

		if (i && i % size == 0) {
			if ((r = flush_bucket(db, i / size - 1, docs, n, e)))
				goto out;
			n = 0;
			/* The bucket's first person; recorded once the index is
			 * written (any other write now would make FTS5 flush its
			 * pending entries early: it does on every statement savepoint). */
			ALLOC_GROW(firsts, nb + 1, cap);
			firsts[nb++] = id;
		}
		docs[n].id = id;
		for (c = 0; c < 6; c++)
			docs[n].col[c] = db_column_null(st, 1 + c) ? NULL
								 : xstrdup(db_column_text(st, 1 + c));
		n++;
		i++;
	}
	if (r < 0)
		goto out;
	if ((r = flush_bucket(db, i ? (i - 1) / size : 0, docs, n, e)))
		goto out;
	n = 0;
	for (k = 0; k < nb && !r; k++) {
		if ((r = db_prepare(db,
				    "INSERT INTO name_bucket (lo, lo_id, bucket) "
				    "SELECT k, id, ? FROM person_search_doc WHERE id = ?",
				    &ins, e)))
			goto out;
		db_bind_int64(ins, 1, (int64_t)k + 1);
		db_bind_int64(ins, 2, firsts[k]);
		r = db_step(ins, e);
		db_finalize(ins);
		r = r < 0 ? r : 0;
	}
	if (r)
		goto out;
	db_finalize(st);
	if ((r = db_prepare(db,
			    "UPDATE search_state SET balanced_people = ?, collator = ?, bulk = 0",
			    &st, e)))
		goto out;
	collator_version(version);
	db_bind_int64(st, 1, i);
	db_bind_text(st, 2, version, -1);
	r = db_step(st, e);
out:
	db_finalize(st);
	for (k = 0; k < n; k++)
		for (c = 0; c < 6; c++)
			free(docs[k].col[c]);
	free(docs);
	free(firsts);
	return r < 0 ? r : 0;
}

int person_search_maintain(struct db *db, bool *rebuilt, struct err *e)
{
	bool due;
	int r;

	if (rebuilt)
		*rebuilt = false;
	if ((r = person_search_due(db, &due, e)) || !due)
		return r;
	if ((r = person_search_rebalance(db, e)))
		return r;
	if (rebuilt)
		*rebuilt = true;
	return 0;
}

int person_search(struct db *db, const struct person_query *q, struct person_list *out,
		  struct err *e)
{
	struct filters f;
	int r;

	person_list_release(out);
	filters_init(&f, q);
	if (f.by_id) {
		/* At most one person: no order to keep. */
		struct buf sql = BUF_INIT;
		struct db_stmt *st = NULL;

		buf_puts(&sql, "SELECT " PERSON_COLS " FROM person p WHERE");
		filters_sql(&f, &sql);
		buf_puts(&sql, " LIMIT ? OFFSET ?");
		r = db_prepare(db, sql.ptr, &st, e);
		if (!r) {
			int i = bind_filters(&f, st, 1);

			db_bind_int64(st, i++, q->after_id ? 0 : page_limit(q));
			db_bind_int64(st, i++, q->offset > 0 ? q->offset : 0);
			r = read_list(st, out, e);
		}
		db_finalize(st);
		buf_release(&sql);
	} else if (!strcmp(db_driver(db), "sqlite")) {
		r = search_fts(db, q, &f, out, e);
	} else {
		r = search_pg(db, q, &f, out, e);
	}
	buf_release(&f.pattern);
	if (r)
		person_list_release(out);
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

/* Rows per multi-row INSERT of needs (14 values each); a remainder goes one by one. */
#define NEED_ROWS 64

static char *need_many_sql(int rows)
{
	struct buf b = BUF_INIT;
	int i;

	buf_puts(&b, "INSERT INTO person_need (person_id, area, kind, sensitive, observed_on, "
		     "ended_on, source, disability_type, card_no, card_issued, card_expires, note, "
		     "recorded_by, created_at) VALUES ");
	for (i = 0; i < rows; i++)
		buf_puts(&b, i ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	return buf_detach(&b, NULL);
}

int need_insert_many(struct db *db, const struct need *needs, const char *const *areas, size_t n,
		     const char *actor, const char *now, struct err *e)
{
	char(*dates)[4][11] = xmalloc(NEED_ROWS * sizeof(*dates));
	char *many = NULL, *one = NULL;
	size_t i = 0, k, rows;
	int r = 0;

	while (!r && i < n) {
		struct db_stmt *st;

		rows = n - i >= NEED_ROWS ? NEED_ROWS : 1;
		if (rows > 1 && !many)
			many = need_many_sql(NEED_ROWS);
		if (rows == 1 && !one)
			one = need_many_sql(1);
		if ((r = db_prepare(db, rows > 1 ? many : one, &st, e)))
			break;
		for (k = 0; k < rows; k++) {
			const struct need *x = &needs[i + k];
			int b = 1 + (int)k * 14;

			db_bind_int64(st, b, x->person_id);
			db_bind_text_static(st, b + 1, areas[i + k], -1);
			db_bind_text_static(st, b + 2, need_kind_code(x->kind), -1);
			db_bind_int64(st, b + 3, need_kind_sensitive(x->kind));
			bind_date_kept(st, b + 4, x->observed_on, dates[k][0]);
			bind_date_kept(st, b + 5, x->ended_on, dates[k][1]);
			db_bind_text_static(st, b + 6, x->source, -1);
			if (x->kind == NEED_DISABILITY) {
				db_bind_text_static(st, b + 7, disability_type_code(x->disability_type),
						    -1);
				if (x->card_no[0])
					db_bind_text_static(st, b + 8, x->card_no, -1);
				else
					db_bind_null(st, b + 8);
				bind_date_kept(st, b + 9, x->card_issued, dates[k][2]);
				bind_date_kept(st, b + 10, x->card_expires, dates[k][3]);
			} else {
				db_bind_null(st, b + 7);
				db_bind_null(st, b + 8);
				db_bind_null(st, b + 9);
				db_bind_null(st, b + 10);
			}
			if (x->note)
				db_bind_text_static(st, b + 11, x->note, -1);
			else
				db_bind_null(st, b + 11);
			db_bind_text_static(st, b + 12, actor, -1);
			db_bind_text_static(st, b + 13, now, -1);
		}
		r = db_step(st, e);
		db_finalize(st);
		r = r < 0 ? r : 0;
		i += rows;
	}
	free(many);
	free(one);
	free(dates);
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

static void read_consent(struct db_stmt *st, void *item)
{
	struct consent *c = item;

	c->id = db_column_int64(st, 0);
	c->person_id = db_column_int64(st, 1);
	snprintf(c->purpose, sizeof(c->purpose), "%s", db_column_text(st, 2));
	snprintf(c->basis, sizeof(c->basis), "%s", db_column_text(st, 3));
	c->given_on = read_date(db_column_text(st, 4));
	c->withdrawn_on = read_date(db_column_text(st, 5));
	snprintf(c->recorded_by, sizeof(c->recorded_by), "%s", db_column_text(st, 6));
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
	return DB_STEP_LIST(st, out, read_consent, e);
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
