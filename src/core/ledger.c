/*
 * The standard chart of accounts of a community welfare fund and the rules
 * of a well-formed journal entry.
 *
 * The chart follows the cash-basis books such funds keep (members'
 * contributions are income when received), with one accrual: a claim the
 * committee approves becomes a liability (benefits payable) until it is
 * paid, so the books show what has been promised but not yet handed over.
 */
#include "core/ledger.h"

static const struct chart_account chart[] = {
	{ ACC_CASH, "เงินสด", "Cash", ACCT_ASSET, false, true },
	{ ACC_BANK, "เงินฝากธนาคาร", "Bank deposits", ACCT_ASSET, false, true },
	{ ACC_BENEFITS_PAYABLE, "สวัสดิการค้างจ่าย", "Benefits payable", ACCT_LIABILITY, false, false },
	{ ACC_CAPITAL, "ทุนกองทุน", "Fund capital", ACCT_EQUITY, false, false },
	{ ACC_SURPLUS, "รายได้สูง(ต่ำ)กว่าค่าใช้จ่ายสะสม", "Accumulated surplus", ACCT_EQUITY, false,
	  false },
	{ ACC_CONTRIBUTIONS, "เงินสมทบจากสมาชิก", "Members' contributions", ACCT_INCOME, false, false },
	{ ACC_JOINING_FEES, "ค่าสมัครสมาชิก", "Joining fees", ACCT_INCOME, false, false },
	{ ACC_MATCH_LOCAL, "เงินสมทบจากองค์กรปกครองส่วนท้องถิ่น", "Matching money: local government",
	  ACCT_INCOME, false, false },
	{ ACC_MATCH_CENTRAL, "เงินสมทบจากรัฐบาล (พอช.)", "Matching money: central government (CODI)",
	  ACCT_INCOME, false, false },
	{ ACC_MATCH_OTHER, "เงินสมทบจากหน่วยงานอื่น", "Matching money: other bodies", ACCT_INCOME, false,
	  false },
	{ ACC_DONATIONS, "เงินบริจาค", "Donations", ACCT_INCOME, false, false },
	{ ACC_INTEREST, "ดอกเบี้ยเงินฝาก", "Interest", ACCT_INCOME, false, false },
	{ ACC_OTHER_INCOME, "รายได้อื่น", "Other income", ACCT_INCOME, false, false },
	{ ACC_BENEFITS_MEMBERS, "สวัสดิการสมาชิก", "Members' benefits", ACCT_EXPENSE, false, false },
	{ ACC_AID_NONMEMBERS, "ช่วยเหลือผู้ที่ไม่ใช่สมาชิก", "Aid to non-members", ACCT_EXPENSE, false,
	  false },
	{ ACC_ADMIN, "ค่าใช้จ่ายในการบริหารจัดการ", "Administration costs", ACCT_EXPENSE, true, false },
	{ ACC_OTHER_EXPENSE, "ค่าใช้จ่ายอื่น", "Other expenses", ACCT_EXPENSE, false, false },
};

const struct chart_account *ledger_chart(size_t *n)
{
	*n = sizeof(chart) / sizeof(chart[0]);
	return chart;
}

static const struct chart_account office_chart[] = {
	{ ACC_OFFICE_BANK, "เงินฝากธนาคาร (บัญชีเบี้ยยังชีพ)", "Bank deposit (allowances)", ACCT_ASSET,
	  false, true },
	{ ACC_ALLOWANCES_PAYABLE, "เบี้ยยังชีพและเงินอุดหนุนค้างจ่าย", "Allowances payable",
	  ACCT_LIABILITY, false, false },
	{ ACC_SUBSIDY, "เงินอุดหนุนจากรัฐบาล", "Government subsidy", ACCT_INCOME, false, false },
	{ ACC_ALLOWANCES, "เบี้ยยังชีพและเงินอุดหนุนที่จ่าย", "Allowances", ACCT_EXPENSE, false,
	  false },
};

const struct chart_account *ledger_office_chart(size_t *n)
{
	*n = sizeof(office_chart) / sizeof(office_chart[0]);
	return office_chart;
}

static const char *const type_names[] = { "", "asset", "liability", "equity", "income", "expense" };

const char *account_type_name(enum account_type t)
{
	return t >= ACCT_ASSET && t <= ACCT_EXPENSE ? type_names[t] : "";
}

enum account_type account_type_parse(const char *s)
{
	for (int t = ACCT_ASSET; t <= ACCT_EXPENSE; t++)
		if (!strcmp(s, type_names[t]))
			return (enum account_type)t;
	return 0;
}

bool account_debit_normal(enum account_type t)
{
	return t == ACCT_ASSET || t == ACCT_EXPENSE;
}

#define LINE_MAX_AMOUNT 1000000000000000LL

int ledger_check(const struct ledger_line *lines, size_t n, int64_t *total, struct err *e)
{
	int64_t dr = 0, cr = 0;

	*total = 0;
	if (n < 2 || n > LEDGER_MAX_LINES)
		return err_set(e, ERR_INVALID, "lines", "รายการบัญชีต้องมี 2 ถึง %d บรรทัด",
			       "a journal entry needs 2 to %d lines", LEDGER_MAX_LINES);
	for (size_t i = 0; i < n; i++) {
		const struct ledger_line *l = &lines[i];
		if (l->account_id <= 0)
			return err_set(e, ERR_INVALID, "lines", "บรรทัดที่ %zu ไม่มีบัญชี",
				       "line %zu has no account", i + 1);
		if (l->debit < 0 || l->credit < 0 || (l->debit > 0) == (l->credit > 0))
			return err_set(e, ERR_INVALID, "lines",
				       "บรรทัดที่ %zu ต้องมีเดบิตหรือเครดิตอย่างใดอย่างหนึ่งที่มากกว่าศูนย์",
				       "line %zu must have exactly one of debit and credit above zero",
				       i + 1);
		if (l->debit > LINE_MAX_AMOUNT || l->credit > LINE_MAX_AMOUNT)
			return err_set(e, ERR_INVALID, "lines", "บรรทัดที่ %zu จำนวนเงินสูงเกินไป",
				       "line %zu: amount too large", i + 1);
		dr += l->debit;
		cr += l->credit;
	}
	if (dr != cr)
		return err_set(e, ERR_INVALID, "lines",
			       "ยอดเดบิต (%lld สตางค์) ไม่เท่ากับยอดเครดิต (%lld สตางค์)",
			       "debits (%lld satang) do not equal credits (%lld satang)",
			       (long long)dr, (long long)cr);
	*total = dr;
	return 0;
}
