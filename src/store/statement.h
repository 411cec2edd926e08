/*
 * The figures of a fund's statement that no other query gives: what each
 * member paid after a date (to take a member's paid total back to the end
 * of a period) and the claims paid in a period by benefit. The rest of a
 * statement comes from store/fund and store/ledger through app/fund.
 */
#ifndef SAWAT_STORE_STATEMENT_H
#define SAWAT_STORE_STATEMENT_H

#include "store/fund.h"

/* A member's contributions (kind "contribution", voids netted) dated after a day. */
struct member_paid {
	int64_t member_id, amount;
};
DECLARE_LIST(member_paid_list, member_paid);
/* Per member of the fund with contributions dated after `after`, by member id. */
int statement_paid_after(struct db *db, int64_t fund_id, struct date after,
			 struct member_paid_list *out, struct err *e);

/* Claims paid between from and to, by benefit, members and non-members apart. */
struct benefit_paid {
	char code[FUND_CODE_MAX];
	bool member;                  /* false: aid to non-members */
	int64_t count, amount;
};
DECLARE_LIST(benefit_paid_list, benefit_paid);
/* Ordered by benefit code, members first. */
int statement_benefits_paid(struct db *db, int64_t fund_id, struct date from, struct date to,
			    struct benefit_paid_list *out, struct err *e);

#endif
