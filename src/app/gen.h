/*
 * `sawat gen`: loads a synthetic population (core/synth) into the registry
 * of one or more provinces.
 *
 * Writes go in batches of about GEN_BATCH_PEOPLE people (whole households),
 * one transaction each: households, people, their needs and one consent
 * each (purpose welfare_registry, basis public_task), then ONE audit entry
 * for the batch (action "generate", entity "synthetic_population", id the
 * province, with the seed, the id range and the counts). Not one per
 * person: the data are synthetic, made in bulk by a command anyone can
 * rerun from the seed, and a million audit entries would only hide the
 * real trail. A failed batch rolls back whole; batches already committed
 * stay (each is complete and audited).
 *
 * Re-running: a province that already has a generated population is
 * refused (ERR_CONFLICT) unless append is set; with append the new people
 * are added after the old (national IDs continue from the province's
 * person count, so they do not collide with earlier runs).
 *
 * Needs PERM_WRITE on each province (the command line's system actor has it).
 */
#ifndef SAWAT_APP_GEN_H
#define SAWAT_APP_GEN_H

#include "app/app.h"

#define GEN_BATCH_PEOPLE 5000

struct gen_opts {
	uint64_t seed;
	const char *const *provinces; /* 2-digit codes */
	size_t nprovinces;
	int64_t people;               /* in total, split over provinces by their tambons */
	int64_t per_tambon;           /* or this many per tambon (when people is 0) */
	bool append;
};

struct gen_report {
	int64_t people, households, needs, batches;
	int provinces;
};

int app_gen(struct app *app, const struct actor *a, const struct gen_opts *o,
	    struct gen_report *rep, struct err *e);

/*
 * Synthetic community welfare funds with a year of activity, made through
 * the fund use cases (app/fund.h) exactly as treasurers would: a fund in
 * each of the first `funds` tambons of the provinces (that have people),
 * members enrolled from the tambon's registry (joining fees, then the
 * contributions owed up to the simulated year, paid on joining), and for
 * each month of the year a collection sheet at the monthly meeting where
 * most members pay what they owe, claims at believable yearly rates
 * (hospital stays, births, old-age, scholarships, disasters, aid to
 * non-members) taken through check, approval and payment, matching money
 * from local and central government, interest, and small administration
 * costs. Reproducible from the seed. Every baht goes through the ledger;
 * *postings counts the journal entries written.
 */
struct fund_gen_opts {
	uint64_t seed;
	const char *const *provinces;
	size_t nprovinces;
	int funds;                    /* at most this many funds */
	int members;                  /* members per fund (fewer where the tambon has fewer adults) */
	int year;                     /* the simulated calendar year */
	int months;                   /* 1..12: months of it to simulate */
};

struct fund_gen_report {
	int64_t funds, members, receipts, claims, postings;
};

int app_gen_funds(struct app *app, const struct actor *a, const struct fund_gen_opts *o,
		  struct fund_gen_report *rep, struct err *e);

#endif
