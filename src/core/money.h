/*
 * Money: amounts are int64_t satang (1 baht = 100 satang) everywhere, from
 * INT64_MIN to INT64_MAX; no floating point. This module formats amounts
 * (1,234,567.89), parses what people type into satang exactly, and writes
 * amounts in Thai words for receipts and cheques (bahttext).
 *
 * Bahttext rule (Royal Institute dictionary, Excel BAHTTEXT): a units digit
 * 1 is read เอ็ด whenever a higher digit of the same number is non-zero, in
 * whichever six-digit (ล้าน) group it stands; otherwise หนึ่ง. So 1 หนึ่ง, 11
 * สิบเอ็ด, 21 ยี่สิบเอ็ด, 101 หนึ่งร้อยเอ็ด, 1,000,001 หนึ่งล้านเอ็ด, 10,000,001
 * สิบล้านเอ็ด, 11,000,000 สิบเอ็ดล้าน, but 1,000,000 หนึ่งล้าน. The npm
 * package bahttext reads 101 as หนึ่งร้อยหนึ่ง and 10,000,001 as สิบล้านหนึ่ง
 * (DOMAIN.md rule 9); Sawat follows the dictionary. Baht and satang are
 * separate numbers: 1.01 is หนึ่งบาทหนึ่งสตางค์, 0.21 ยี่สิบเอ็ดสตางค์.
 * Tens: 10 สิบ, 20 ยี่สิบ. Whole amounts end in บาทถ้วน; amounts under one
 * baht are only สตางค์; negative amounts start with ลบ; 0 is ศูนย์บาทถ้วน;
 * groups of six digits are joined by ล้าน (10^12 is หนึ่งล้านล้าน).
 */
#ifndef SAWAT_CORE_MONEY_H
#define SAWAT_CORE_MONEY_H

#include "lib/buf.h"
#include "lib/err.h"

#define MONEY_BAHT_SIGN 1u   /* ฿1,234.50 (after the minus sign: -฿1,234.50) */
#define MONEY_THAI_DIGITS 2u /* ๑,๒๓๔.๕๐ */
#define MONEY_NO_GROUPING 4u /* 1234.50, for CSV and form values */

/*
 * Appends satang as baht with two decimals: 1,234,567.89; -0.50; 0.00.
 * Returns 0, or ERR_TOO_LARGE when out's cap is reached (out unchanged).
 */
int money_format(int64_t satang, unsigned flags, struct buf *out, struct err *e);

/*
 * Parses an amount of baht into *satang. Accepted, with ASCII white space
 * around it: an optional sign (- or U+2212 minus, or +), an optional ฿
 * before or after the sign, digits (ASCII or Thai), either no commas or
 * commas between every group of three (1,234,567), an optional decimal
 * point with one or two digits (1.5 is 150 satang), and an optional word บาท
 * at the end. "-0" is 0.
 * Returns 0, or ERR_INVALID with e->field = field and a message for: empty
 * input, other characters, bad grouping, more than two decimals, a point
 * without digits on both sides (.5, 5.), or an amount outside int64_t
 * satang. *satang is 0 on failure.
 */
int money_parse(const char *s, int64_t *satang, const char *field, struct err *e);

/*
 * Appends the amount in Thai words by the rule above: 101.00 ->
 * หนึ่งร้อยเอ็ดบาทถ้วน, 0.50 -> ห้าสิบสตางค์. Works for the whole int64_t
 * range. Returns 0, or ERR_TOO_LARGE when out's cap is reached (out
 * unchanged).
 */
int money_bahttext(int64_t satang, struct buf *out, struct err *e);

#endif
