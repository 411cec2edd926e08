/*
 * The demo: a believable province (Phayao, 56: real geography) with villages
 * in its capital district, a synthetic population (sawat gen) and one user
 * for every role, so that a new installation shows a working system at once.
 * Funds and programs are added by their own modules as they come.
 */
#ifndef SAWAT_APP_DEMO_H
#define SAWAT_APP_DEMO_H

#include "app/app.h"

#define DEMO_PROVINCE "56"
/* The demo population (app/gen): Phayao has about 470,000 people; a tenth
 * of that loads in a few seconds. */
#define DEMO_SEED 2569
#define DEMO_PEOPLE 50000
/* Funds with this many members each, in the first tambons of the province. */
#define DEMO_FUNDS 4
#define DEMO_FUND_MEMBERS 150

struct demo_user {
	char username[32];
	char role[24];
	char area[16];
	char password[24];
};

/*
 * Builds the demo into an initialised database. users receives up to max
 * accounts created (with their generated passwords, to print once); *n their
 * number. Idempotent for villages; users that exist already are skipped.
 */
int app_demo(struct app *app, struct demo_user *users, size_t max, size_t *n, struct err *e);

#endif
