/*
 * Unit tests for lib/file: a whole-file write appears with mode 0600,
 * replaces an old file only when complete, and leaves nothing behind when
 * it fails.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include "test.h"
#include "lib/file.h"

static char tmpdir[64];

static int files_in_tmp(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void test_write_and_replace(void)
{
	char path[128], got[64] = { 0 };
	struct stat st;
	struct err e;
	FILE *f;

	snprintf(path, sizeof(path), "%s/statement.pdf", tmpdir);
	CHECK_INT(file_write_atomic(path, "%PDF-1.5 one", 12, &e), 0);
	REQUIRE(stat(path, &st) == 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	CHECK_INT(st.st_size, 12);
	CHECK_INT(file_write_atomic(path, "two", 3, &e), 0);
	f = fopen(path, "rb");
	REQUIRE(f);
	CHECK_INT(fread(got, 1, sizeof(got) - 1, f), 3);
	fclose(f);
	CHECK_STR(got, "two");
	CHECK_INT(file_write_atomic(path, "", 0, &e), 0);
	REQUIRE(stat(path, &st) == 0);
	CHECK_INT(st.st_size, 0);
	CHECK_INT(files_in_tmp(), 1);
	unlink(path);
}

static void test_failure(void)
{
	char path[128];
	struct err e;

	snprintf(path, sizeof(path), "%s/no/such/dir/x.xlsx", tmpdir);
	err_init(&e);
	CHECK_INT(file_write_atomic(path, "x", 1, &e), ERR_IO);
	CHECK(strstr(e.en, "no/such/dir/x.xlsx") != NULL);
	CHECK_STR(e.field, "file");
	/* A directory in the way: the rename fails and the temporary file goes. */
	snprintf(path, sizeof(path), "%s/adir", tmpdir);
	REQUIRE(mkdir(path, 0700) == 0);
	CHECK_INT(file_write_atomic(path, "x", 1, &e), ERR_IO);
	CHECK_INT(files_in_tmp(), 1);
	rmdir(path);
}

int main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/t_file.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_write_and_replace);
	RUN(test_failure);
	rmdir(tmpdir);
	return test_summary("file");
}
