/*
 * The situation picture use case: access and date checks, the counts from
 * store/report, the child areas' names from store/geo, and small-cell
 * suppression (see app/report.h).
 */
#include "app/report.h"
#include "core/geo.h"

void situation_release(struct situation *s)
{
	size_t i;

	geo_area_release(&s->area);
	for (i = 0; i < s->n; i++) {
		free(s->children[i].name_th);
		free(s->children[i].name_en);
	}
	free(s->children);
	memset(s, 0, sizeof(*s));
}

/* Today in Bangkok, by the app's clock. */
static struct date today(const struct app *app)
{
	struct date d = { 1970, 1, 1 };
	int sec;

	date_from_time((time_t)app_time(app), DATE_BANGKOK_OFFSET, &d, &sec, NULL);
	return d;
}

/*
 * The j-th cell that small-cell suppression applies to, or NULL past the
 * last: the sensitive need kinds, then disabled without a card, the
 * disadvantaged group and those without support.
 */
static int64_t *sensitive_cell(struct situation_counts *c, size_t j)
{
	int k;

	for (k = 1; k < NEED_COUNT; k++)
		if (need_kind_sensitive((enum need_kind)k) && j-- == 0)
			return &c->needs[k];
	switch (j) {
	case 0:
		return &c->disabled_no_card;
	case 1:
		return &c->groups[3];
	case 2:
		return &c->no_support;
	default:
		return NULL;
	}
}

static bool small(int64_t v)
{
	return v > 0 && v < REPORT_MIN_CELL;
}

static void suppress(struct situation *s)
{
	int64_t *total;
	size_t i, j;

	s->suppressed = true;
	for (j = 0; (total = sensitive_cell(&s->all, j)); j++) {
		size_t hidden = 0, smallest = SIZE_MAX;

		for (i = 0; i < s->n; i++) {
			int64_t *v = sensitive_cell(&s->children[i].c, j);

			if (small(*v)) {
				*v = -1;
				hidden++;
			}
		}
		/* One hidden cell is the total minus the others: hide the next smallest too. */
		if (hidden == 1) {
			for (i = 0; i < s->n; i++) {
				int64_t v = *sensitive_cell(&s->children[i].c, j);

				if (v > 0 && (smallest == SIZE_MAX ||
					      v < *sensitive_cell(&s->children[smallest].c, j)))
					smallest = i;
			}
			if (smallest != SIZE_MAX)
				*sensitive_cell(&s->children[smallest].c, j) = -1;
		}
		if (small(*total))
			*total = -1;
	}
}

int app_situation(struct app *app, const struct actor *a, const char *code, const char *date,
		  struct situation *out, struct err *e)
{
	struct geo_area_list kids = GEO_AREA_LIST_INIT;
	struct situation_rows rows = SITUATION_ROWS_INIT;
	struct db *db;
	size_t i, k;
	int r;

	situation_release(out);
	if ((r = geo_code_check(code, "code", e)) || (r = actor_check(a, PERM_READ, code, e)))
		return r;
	if (date && *date) {
		if ((r = date_parse(date, 0, &out->on, "date", e)))
			return r;
	} else {
		out->on = today(app);
	}
	if (!(db = app_db(app, e)))
		return ERR_DB;
	if ((r = geo_area_get(db, code, &out->area, e)))
		goto fail;
	if (out->area.level < GEO_VILLAGE && (r = geo_children(db, code, GEO_ORDER_CODE, &kids, e)))
		goto fail;
	if ((r = report_situation(db, code, out->on, out->area.level < GEO_VILLAGE, &rows, e)))
		goto fail;
	out->all = rows.all;
	/* Every child area, zeros included, then any codes that are not areas of their own
	 * (people registered at the tambon itself when villages are listed). */
	out->children = xcalloc(kids.n + rows.n + 1, sizeof(*out->children));
	for (i = 0; i < kids.n; i++) {
		struct situation_child *c = &out->children[out->n++];

		snprintf(c->c.code, sizeof(c->c.code), "%s", kids.items[i].code);
		c->name_th = kids.items[i].name_th;
		c->name_en = kids.items[i].name_en;
		kids.items[i].name_th = kids.items[i].name_en = NULL;
	}
	for (k = 0; k < rows.n; k++) {
		struct situation_child *c = NULL;

		for (i = 0; i < kids.n; i++)
			if (!strcmp(out->children[i].c.code, rows.children[k].code))
				c = &out->children[i];
		if (!c) {
			c = &out->children[out->n++];
			c->name_th = xstrdup(!strcmp(rows.children[k].code, code)
						     ? "ไม่ระบุพื้นที่ย่อย"
						     : rows.children[k].code);
			c->name_en = xstrdup(!strcmp(rows.children[k].code, code)
						     ? "No smaller area recorded"
						     : rows.children[k].code);
		}
		c->c = rows.children[k];
	}
	if (!role_can(a->role, PERM_SENSITIVE_READ))
		suppress(out);
	geo_area_list_release(&kids);
	situation_rows_release(&rows);
	return 0;
fail:
	geo_area_list_release(&kids);
	situation_rows_release(&rows);
	situation_release(out);
	return r;
}
