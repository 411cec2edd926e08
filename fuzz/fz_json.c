/*
 * libFuzzer target for the JSON body path: http_json_parse, the step
 * http_json_body runs on every request body before a handler sees it. It
 * checks the contract as well as memory safety: success gives an object no
 * deeper than HTTP_JSON_MAX_DEPTH; failure gives NULL and a message in both
 * languages that names a line and column (or the depth).
 */
#include <assert.h>
#include "api/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int depth(const json_t *j)
{
	int d = 0, sub;

	if (json_is_object(j)) {
		const char *k;
		json_t *v;

		json_object_foreach((json_t *)j, k, v) {
			sub = depth(v);
			if (sub > d)
				d = sub;
		}
		return d + 1;
	}
	if (json_is_array(j)) {
		size_t i;
		json_t *v;

		json_array_foreach(j, i, v) {
			sub = depth(v);
			if (sub > d)
				d = sub;
		}
		return d + 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *j = NULL;
	struct err e;
	int rc;

	/* The server never passes more than max_body (1 MiB by default). */
	if (size > (1u << 20))
		return 0;
	err_init(&e);
	rc = http_json_parse((const char *)data, size, &j, &e);
	if (rc == 0) {
		assert(j && json_is_object(j));
		assert(depth(j) <= HTTP_JSON_MAX_DEPTH);
		json_decref(j);
	} else {
		assert(rc == ERR_INVALID && e.code == ERR_INVALID && !j);
		assert(e.th[0] && e.en[0]);
		assert(strstr(e.en, "line ") || strstr(e.en, "object"));
	}
	return 0;
}
