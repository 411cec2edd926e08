/*
 * The demo: a believable province (Phayao, 56: real geography) with villages
 * in its capital district and one user for every role, so that a new
 * installation shows a working system at once. People, funds and programs
 * are added by their own modules as they come.
 */
#ifndef SAWAT_APP_DEMO_H
#define SAWAT_APP_DEMO_H

#include "app/app.h"

#define DEMO_PROVINCE "56"

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
