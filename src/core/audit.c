/*
 * Audit chain hashing with libsodium's BLAKE2b (crypto_generichash): a pure
 * computation over the entry's fields; see audit.h for the layout.
 */
#include <sodium.h>
#include "core/audit.h"
#include "lib/util.h"

const char audit_genesis[AUDIT_HASH_HEX] =
	"0000000000000000000000000000000000000000000000000000000000000000";

static void field(crypto_generichash_state *st, const char *s)
{
	unsigned char len[9];
	uint64_t n;
	int i;

	if (!s) {
		len[0] = 0; /* absent */
		crypto_generichash_update(st, len, 1);
		return;
	}
	n = strlen(s);
	len[0] = 1;
	for (i = 0; i < 8; i++)
		len[1 + i] = (unsigned char)(n >> (8 * i));
	crypto_generichash_update(st, len, sizeof(len));
	crypto_generichash_update(st, (const unsigned char *)s, n);
}

void audit_hash(const struct audit_entry *a, char out[AUDIT_HASH_HEX])
{
	static const char hex[] = "0123456789abcdef";
	crypto_generichash_state st;
	unsigned char h[32];
	char seq[24];
	int i;

	snprintf(seq, sizeof(seq), "%lld", (long long)a->seq);
	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	field(&st, "sawat-audit-v1");
	field(&st, a->prev_hash);
	field(&st, seq);
	field(&st, a->at);
	field(&st, a->actor);
	field(&st, a->action);
	field(&st, a->entity);
	field(&st, a->entity_id);
	field(&st, a->area);
	field(&st, a->before);
	field(&st, a->after);
	crypto_generichash_final(&st, h, sizeof(h));
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = '\0';
}
