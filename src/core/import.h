/*
 * The pure rules of importing person lists: which columns a list may have
 * and how its header names them (Thai or English, in any letter case, with
 * or without spaces and underscores), which are required under each
 * matching policy, yes/no cells, and reading legacy Thai text.
 *
 * A header cell maps to a column when its normalised text (ASCII letters
 * lowered; spaces, tabs, no-break and zero-width spaces, '_', '-', '.' and
 * '/' removed) equals the normalised form of one of the column's names.
 * "National ID", "national_id" and "เลขประจำตัว ประชาชน" all map.
 *
 * Pure: no I/O, no allocation that outlives a call except what the caller
 * is told to free.
 */
#ifndef SAWAT_CORE_IMPORT_H
#define SAWAT_CORE_IMPORT_H

#include "lib/buf.h"
#include "lib/err.h"

enum import_col {
	ICOL_NONE = -1,
	ICOL_NATIONAL_ID = 0,
	ICOL_TITLE,
	ICOL_GIVEN_NAME,
	ICOL_FAMILY_NAME,
	ICOL_GIVEN_NAME_LATIN,
	ICOL_FAMILY_NAME_LATIN,
	ICOL_SEX,
	ICOL_BIRTH_DATE,
	ICOL_NATIONALITY,
	ICOL_REG_STATUS,
	ICOL_AREA,
	ICOL_HOUSE_NO,
	ICOL_PHONE,
	/* needs */
	ICOL_DISABILITY_TYPE,
	ICOL_DISABILITY_CARD_NO,
	ICOL_WELFARE_CARD,
	ICOL_COUNT
};

/* The matching policy: how a row finds the person it is about. */
enum import_policy {
	IMPORT_BY_NATIONAL_ID = 0, /* by ID; rows without one by name + birth + tambon */
	IMPORT_BY_NAME_BIRTH_AREA  /* by name key + birth date + tambon */
};

/* The column's code: its canonical English header ("national_id", ...). */
const char *import_col_code(enum import_col c);
/* Its Thai header ("เลขประจำตัวประชาชน", ...). */
const char *import_col_thai(enum import_col c);
/* The column a header cell names, or ICOL_NONE. */
enum import_col import_col_parse(const char *s, size_t n);

/* "national_id" / "name_birth_area"; -1 for anything else (NULL or "" give the default, by ID). */
int import_policy_parse(const char *s);
const char *import_policy_code(enum import_policy p);

/* The header of a file, mapped. */
struct import_map {
	int col_of[ICOL_COUNT];      /* the file column of each import column, -1 when absent */
	enum import_col *cols;       /* the import column of each file column (owned) */
	size_t ncols;
	size_t *unknown;             /* file columns no name matched (owned) */
	size_t nunknown;
};

void import_map_release(struct import_map *m);

/*
 * Maps a header row of n cells into *m (overwritten, not freed; free it
 * with import_map_release). A column named
 * twice, or a required column missing (given_name and area always;
 * national_id under IMPORT_BY_NATIONAL_ID; birth_date under
 * IMPORT_BY_NAME_BIRTH_AREA), is ERR_INVALID with e->field the column's
 * code; m is then empty. Unknown columns are not an error: they are listed
 * in m->unknown for the report.
 */
int import_map_header(const struct slice *cells, size_t n, enum import_policy policy,
		      struct import_map *m, struct err *e);

/* A yes/no cell: 1 for yes/y/true/1/ใช่/มี, 0 for no/n/false/0/ไม่/ไม่ใช่/ไม่มี/"", -1 otherwise. */
int import_yes_no(const char *s);


#endif
