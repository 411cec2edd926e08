/*
 * Keeps docs/api.md true: every API route of the server is documented there
 * as "- `METHOD /path`", and every such line names a real route.
 */
#include "test.h"
#include "api/api.h"

static char *doc;

static void load(void)
{
	FILE *f = fopen("docs/api.md", "r");
	long n;

	REQUIRE(f != NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	doc = calloc(1, (size_t)n + 1);
	REQUIRE(fread(doc, 1, (size_t)n, f) == (size_t)n);
	fclose(f);
}

static void test_routes_documented(void)
{
	const struct http_route *r;
	size_t n, i;
	char line[256];

	api_routes(&r, &n);
	REQUIRE(doc && n > 10);
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "- `%s %s`", r[i].method, r[i].pattern);
		if (!strstr(doc, line)) {
			fprintf(stderr, "  undocumented route: %s %s\n", r[i].method, r[i].pattern);
			CHECK(0);
		}
	}
}

static void test_documented_routes_exist(void)
{
	const struct http_route *r;
	const char *p;
	size_t n, i;
	int seen = 0;

	api_routes(&r, &n);
	REQUIRE(doc);
	for (p = doc; (p = strstr(p, "\n- `")); p++) {
		char method[16], path[200];
		bool found = false;

		if (sscanf(p, "\n- `%15s %199[^`]`", method, path) != 2)
			continue;
		seen++;
		for (i = 0; i < n; i++)
			if (!strcmp(r[i].method, method) && !strcmp(r[i].pattern, path))
				found = true;
		if (!found) {
			fprintf(stderr, "  documented but not served: %s %s\n", method, path);
			CHECK(0);
		}
	}
	CHECK_INT(seen, (long long)n);
}

int main(void)
{
	load();
	RUN(test_routes_documented);
	RUN(test_documented_routes_exist);
	free(doc);
	return test_summary("api_doc");
}
