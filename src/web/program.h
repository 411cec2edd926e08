/*
 * What the welfare program pages (web/program.c: the catalogue and the
 * enrolments) and the payroll pages (web/payroll.c) share: the context
 * every such page starts from (the section tabs and the notice of a
 * redirect), the catalogue of one request, and how programs, months,
 * statuses and offices read in the page's language.
 *
 * The small forms' errors go into the context as the fund pages' do
 * (web/fund.h: web_fund_form_error), so the templates read them the same way.
 */
#ifndef SAWAT_WEB_PROGRAM_H
#define SAWAT_WEB_PROGRAM_H

#include "web/fund.h"
#include "app/program.h"

/*
 * The context of a program page (a new object, caller owns it):
 * nav_programs, title, heading, tabs [{href, label, current}] for the
 * sections "catalogue", "enrolments", "payrolls", "coverage" and "outreach"
 * (section current),
 * today_be (B.E. d/m/yyyy), and a notice chosen by the query's ?done=
 * from a fixed set.
 */
json_t *web_program_ctx(struct http_req *req, const struct actor *who, const char *section,
			const char *title);

/* The catalogue as one request reads it (every user may). On failure the
 * list is empty and e says why. Release with program_list_release. */
int web_programs_load(struct http_req *req, const struct actor *who, struct program_list *l,
		      struct err *e);
/* The program with id (or code, when code is non-NULL) in l, or NULL. */
const struct program *web_program_find(const struct program_list *l, int64_t id,
				       const char *code);
/* A program's name in the page's language ("" for NULL). */
const char *web_program_name(struct http_req *req, const struct program *p);
/* Select options [{id, name, selected}] of the catalogue's programs. */
json_t *web_program_options(struct http_req *req, const struct program_list *l,
			    int64_t selected);

/* "2026-05" as people read it: "พฤษภาคม 2569" / "May 2026" (as given
 * when it does not read as a month). */
const char *web_month_text(struct http_req *req, const char *month);

/* True when the actor's role decides enrolments and payrolls (the app
 * checks again): national, province, district and local officers. */
bool web_program_officer(const struct actor *who);

/* The office a list is about: ?office= when given, else the actor's area. */
const char *web_program_office(struct http_req *req, const struct actor *who);

/* The paying office a form starts with: the actor's area when it is a
 * tambon or a district, else "". */
const char *web_program_default_office(const struct actor *who);

/* A person's enrolments for the person page (web/person.c), newest first,
 * each: href, program, office, applied, status_name, ok / warn / dead
 * (badge colour), paid_through. Empty when the user may not see them. */
json_t *web_person_enrolments(struct http_req *req, const struct actor *who, int64_t person_id);

#endif
