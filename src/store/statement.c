/*
 * SQL for fund statements (see statement.h): two aggregates, over the
 * contributions (by their fund-and-date index) and the claims (by fund and
 * status). No rules here: app/statement.c decides what they mean.
 */
#include "store/statement.h"

#define PREP(sql)                                   \
	do {                                        \
		r = db_prepare(db, (sql), &st, e);  \
		if (r)                              \
			return r;                   \
	} while (0)

/* store/fund.h defines this too on newer trees; the two are the same. */
#ifndef DEFINE_LIST
#define DEFINE_LIST(name, type)                                     \
	void name##_release(struct name *l)                         \
	{                                                           \
		free(l->items);                                     \
		l->items = NULL;                                    \
		l->n = l->cap = 0;                                  \
	}                                                           \
	struct type *name##_push(struct name *l)                    \
	{                                                           \
		ALLOC_GROW(l->items, l->n + 1, l->cap);             \
		memset(&l->items[l->n], 0, sizeof(l->items[0]));    \
		return &l->items[l->n++];                           \
	}
#endif

DEFINE_LIST(member_paid_list, member_paid)
DEFINE_LIST(benefit_paid_list, benefit_paid)

static void read_member_paid(struct db_stmt *st, void *item)
{
	struct member_paid *p = item;

	p->member_id = db_column_int64(st, 0);
	p->amount = db_column_int64(st, 1);
}

int statement_paid_after(struct db *db, int64_t fund_id, struct date after,
			 struct member_paid_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT member_id, SUM(amount) FROM contribution WHERE fund_id = ? "
	     "AND paid_on > ? AND kind = 'contribution' GROUP BY member_id ORDER BY member_id");
	db_bind_int64(st, 1, fund_id);
	db_bind_date(st, 2, after);
	return DB_STEP_LIST(st, out, read_member_paid, e);
}

static void read_benefit_paid(struct db_stmt *st, void *item)
{
	struct benefit_paid *b = item;

	db_column_copy(st, 0, b->code, sizeof(b->code));
	b->member = db_column_int64(st, 1) != 0;
	b->count = db_column_int64(st, 2);
	b->amount = db_column_int64(st, 3);
}

int statement_benefits_paid(struct db *db, int64_t fund_id, struct date from, struct date to,
			    struct benefit_paid_list *out, struct err *e)
{
	struct db_stmt *st;
	int r;

	PREP("SELECT benefit, CASE WHEN member_id IS NULL THEN 0 ELSE 1 END AS m, COUNT(*), "
	     "SUM(amount) FROM claim WHERE fund_id = ? AND status = 'paid' AND paid_on >= ? "
	     "AND paid_on <= ? GROUP BY benefit, CASE WHEN member_id IS NULL THEN 0 ELSE 1 END "
	     "ORDER BY benefit, m DESC");
	db_bind_int64(st, 1, fund_id);
	db_bind_date(st, 2, from);
	db_bind_date(st, 3, to);
	return DB_STEP_LIST(st, out, read_benefit_paid, e);
}
