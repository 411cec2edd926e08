/*
 * SQL for organisations (table org). The app layer checks kinds, names,
 * roles and areas before anything reaches here.
 */
#include "store/org.h"

#define ORG_COLS                                                                              \
	"id, kind, name_th, name_en, area, province, address, phone, email, cert_no, cert_date, " \
	"founded_on, status, note, created_by, created_at, updated_at "

int org_insert(struct db *db, const struct org *o, const char *by, const char *now, int64_t *id,
	       struct err *e)
{
	struct db_stmt *st;
	char province[4] = "";
	int r;

	if (strcmp(o->area, "TH") && strlen(o->area) >= 2)
		memcpy(province, o->area, 2);
	r = db_prepare(db,
		       "INSERT INTO org (kind, name_th, name_en, area, province, address, phone, email, "
		       "cert_no, cert_date, founded_on, status, note, created_by, created_at, updated_at) "
		       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id",
		       &st, e);
	if (r)
		return r;
	db_bind_text(st, 1, o->kind, -1);
	db_bind_text(st, 2, o->name_th, -1);
	db_bind_text(st, 3, o->name_en, -1);
	db_bind_text(st, 4, o->area, -1);
	db_bind_text(st, 5, province, -1);
	db_bind_text(st, 6, o->address, -1);
	db_bind_text(st, 7, o->phone, -1);
	db_bind_text(st, 8, o->email, -1);
	db_bind_text(st, 9, o->cert_no, -1);
	db_bind_date(st, 10, o->cert_date);
	db_bind_date(st, 11, o->founded_on);
	db_bind_text(st, 12, o->note, -1);
	db_bind_text(st, 13, by, -1);
	db_bind_text(st, 14, now, -1);
	db_bind_text(st, 15, now, -1);
	return db_step_id(st, id, e);
}

int org_get(struct db *db, int64_t id, struct org *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	r = db_prepare(db, "SELECT " ORG_COLS "FROM org WHERE id = ?", &st, e);
	if (r)
		return r;
	db_bind_int64(st, 1, id);
	r = db_step(st, e);
	if (r == DB_ROW) {
		memset(out, 0, sizeof(*out));
		out->id = db_column_int64(st, 0);
		db_column_copy(st, 1, out->kind, sizeof(out->kind));
		db_column_copy(st, 2, out->name_th, sizeof(out->name_th));
		db_column_copy(st, 3, out->name_en, sizeof(out->name_en));
		db_column_copy(st, 4, out->area, sizeof(out->area));
		db_column_copy(st, 5, out->province, sizeof(out->province));
		db_column_copy(st, 6, out->address, sizeof(out->address));
		db_column_copy(st, 7, out->phone, sizeof(out->phone));
		db_column_copy(st, 8, out->email, sizeof(out->email));
		db_column_copy(st, 9, out->cert_no, sizeof(out->cert_no));
		db_column_date(st, 10, &out->cert_date);
		db_column_date(st, 11, &out->founded_on);
		db_column_copy(st, 12, out->status, sizeof(out->status));
		db_column_copy(st, 13, out->note, sizeof(out->note));
		db_column_copy(st, 14, out->created_by, sizeof(out->created_by));
		db_column_copy(st, 15, out->created_at, sizeof(out->created_at));
		db_column_copy(st, 16, out->updated_at, sizeof(out->updated_at));
		r = 0;
	} else if (r == DB_DONE) {
		r = err_set(e, ERR_NOT_FOUND, "id", "ไม่พบองค์กร %lld", "no organisation %lld",
			    (long long)id);
	}
	db_finalize(st);
	return r;
}
