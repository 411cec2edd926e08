/*
 * sawat import / sawat export: person lists from and to files.
 *
 *   sawat import persons FILE [--policy national_id|name_birth_area] [--commit]
 *   sawat export persons FILE.csv|FILE.xlsx [--area CODE] [--need KIND]
 *   sawat export statement|receipt ...   (cli/statement.c)
 *
 * import stages the file and prints the report, errors first (row, column,
 * message in Thai and English), then the counts; with --commit and no
 * errors it commits, in the same transaction as the staging. It exits 1 when any row has an error (nothing is then
 * committed). The command line has no body cap, so large lists go here.
 */
#include <jansson.h>
#include "cli/cmd.h"
#include "lib/csv.h"
#include "lib/sheet.h"
#include "app/import.h"

static int read_file(const char *path, char **out, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t n;

	*out = NULL;
	*len = 0;
	if (!f)
		return err_set(e, ERR_IO, "file", "เปิดแฟ้ม %s ไม่ได้", "cannot open %s", path);
	buf_init(&b, IMPORT_MAX_BYTES);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_add(&b, chunk, n)) {
			fclose(f);
			buf_release(&b);
			return err_set(e, ERR_TOO_LARGE, "file", "แฟ้ม %s ใหญ่เกินไป",
				       "%s is too large", path);
		}
	}
	fclose(f);
	*out = buf_detach(&b, len);
	return 0;
}

/* Prints every error row of the batch, then the counts; 1 when there were errors. */
static int print_report(struct cli *c, int64_t id, struct err *e)
{
	struct import_row_list rows = IMPORT_ROW_LIST_INIT;
	struct import_batch b;
	int64_t after = 0;
	size_t i, k;

	memset(&b, 0, sizeof(b));
	for (;;) {
		if (app_import_get(&c->app, &c->actor, id, IMPORT_ERROR, after, 1000, &b, &rows, e))
			return -1;
		for (i = 0; i < rows.n; i++) {
			json_t *errs = json_loads(rows.items[i].errors ? rows.items[i].errors : "[]", 0,
						  NULL);

			for (k = 0; k < json_array_size(errs); k++) {
				json_t *x = json_array_get(errs, k);

				printf("แถว/row %lld\t%s\t%s / %s\n", (long long)rows.items[i].row_no,
				       json_string_value(json_object_get(x, "column")),
				       json_string_value(json_object_get(x, "message_th")),
				       json_string_value(json_object_get(x, "message_en")));
			}
			json_decref(errs);
		}
		after = rows.n ? rows.items[rows.n - 1].row_no : after;
		k = rows.n;
		import_row_list_release(&rows);
		if (k < 1000)
			break;
		import_batch_release(&b);
	}
	printf("batch %lld (%s, %s): %lld rows: %lld error, %lld new, %lld update, %lld same\n",
	       (long long)b.id, b.policy, b.encoding, (long long)b.n.total, (long long)b.n.error,
	       (long long)b.n.new_, (long long)b.n.update, (long long)b.n.same);
	if (strcmp(b.unknown_columns, "[]"))
		printf("unknown columns (ignored): %s\n", b.unknown_columns);
	k = b.n.error ? 1 : 0;
	import_batch_release(&b);
	return (int)k;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	static const char usage[] =
		"import persons FILE [--policy national_id|name_birth_area] [--commit]";
	const char *policy = cli_opt(&argc, argv, "--policy");
	bool commit = cli_flag(&argc, argv, "--commit"), committed = false;
	struct import_counts w;
	struct err e;
	char *data;
	size_t len;
	int64_t id;
	int r;

	err_init(&e);
	if (argc != 2 || strcmp(argv[0], "persons"))
		return cli_usage(usage);
	if (read_file(argv[1], &data, &len, &e))
		return cli_fail(&e);
	/* An import from the command line may keep the database to itself while it loads. */
	c->app.bulk_journal = true;
	/* With --commit a file without errors is staged and committed at once. */
	if (commit)
		r = app_import_stage_commit(&c->app, &c->actor, data, len, argv[1], policy, &id, &w,
					    &committed, &e);
	else
		r = app_import_stage(&c->app, &c->actor, data, len, argv[1], policy, &id, &e);
	free(data);
	if (r)
		return cli_fail(&e);
	r = print_report(c, id, &e);
	if (r < 0)
		return cli_fail(&e);
	if (r)
		return 1;
	if (!commit) {
		printf("staged; run again with --commit to write it\n");
		return 0;
	}
	if (!committed && app_import_commit(&c->app, &c->actor, id, &w, &e))
		return cli_fail(&e);
	printf("committed batch %lld: %lld inserted, %lld updated\n", (long long)id,
	       (long long)w.new_, (long long)w.update);
	return 0;
}

/*
 * Writes the export (CSV text with a header row, from the app) to path as
 * CSV or .xlsx, by its extension, through lib/sheet: the file appears whole
 * or not at all, and in .xlsx the birth date is a real date cell.
 */
static int write_sheet(const char *path, const struct buf *text, struct err *e)
{
	struct csv_opts o = { 0 };
	struct sheet_writer *w = NULL;
	struct sheet_col *cols = NULL;
	struct csv_row row;
	struct csv csv;
	size_t i, ncols = 0;
	int r;

	if ((r = csv_init_mem(&csv, text->ptr, text->len, &o, e)))
		return r;
	if ((r = csv_next(&csv, &row, e)) != CSV_ROW) {
		if (r == CSV_END)
			r = err_set(e, ERR_INTERNAL, NULL, "ข้อมูลส่งออกไม่มีหัวตาราง%s",
				    "the export has no header row%s", "");
		goto out;
	}
	ncols = row.n;
	cols = xcalloc(ncols, sizeof(*cols));
	for (i = 0; i < ncols; i++) {
		cols[i].title = xstrndup(row.fields[i].ptr, row.fields[i].len);
		cols[i].type = !strcmp(cols[i].title, "birth_date") ? SHEET_DATE : SHEET_TEXT;
		cols[i].width = 16;
	}
	if ((r = sheet_writer_open(path, sheet_format_of(path), cols, ncols, NULL, &w, e)))
		goto out;
	while ((r = csv_next(&csv, &row, e)) == CSV_ROW)
		if ((r = sheet_writer_row(w, row.fields, row.n, e)))
			break;
	if (r >= 0)
		r = sheet_writer_finish(w, e);
out:
	sheet_writer_free(w);
	for (i = 0; i < ncols; i++)
		free((char *)cols[i].title);
	free(cols);
	csv_release(&csv);
	return r < 0 ? r : 0;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const char usage[] = "export persons FILE.csv|FILE.xlsx [--area CODE] [--need KIND]";
	struct person_export_query q = { 0 };
	struct buf out = BUF_INIT;
	struct err e;
	int64_t count;
	int r;

	err_init(&e);
	if (argc >= 1 && !strcmp(argv[0], "statement"))
		return cmd_export_statement(c, argc, argv);
	if (argc >= 1 && !strcmp(argv[0], "receipt"))
		return cmd_export_receipt(c, argc, argv);
	if (argc >= 1 && !strcmp(argv[0], "orgs"))
		return cmd_export_orgs(c, argc, argv);
	q.area = cli_opt(&argc, argv, "--area");
	q.need = cli_opt(&argc, argv, "--need");
	if (argc != 2 || strcmp(argv[0], "persons"))
		return cli_usage(usage);
	r = app_person_export_list(&c->app, &c->actor, &q, EXPORT_CSV, &out, &count, &e);
	if (!r)
		r = write_sheet(argv[1], &out, &e);
	buf_release(&out);
	if (r)
		return cli_fail(&e);
	printf("%lld people written to %s\n", (long long)count, argv[1]);
	return 0;
}
