-- Community welfare funds: the fund and its people, its statute, members,
-- contributions and receipts, benefits claimed, matching money and other
-- income; and double-entry ledgers ("books"), one per fund here, and later
-- one per paying office (allowances) and per grant channel.
--
-- Money is BIGINT satang. Every row that moves money names the journal
-- entry it posted (entry_id), written in the same transaction. Every money
-- write first touches its fund row (fund.lock_seq), which serialises writes
-- to one fund on PostgreSQL as BEGIN IMMEDIATE does on SQLite: caps,
-- receipt numbers and closed periods are then judged on settled data.

-- A set of books: its own chart of accounts, journal and closed period.
CREATE TABLE ledger_book (
	id @ID@,
	kind TEXT NOT NULL,                          -- fund, office, grant
	area TEXT NOT NULL,                          -- the owner's area ('TH' for the nation)
	name TEXT NOT NULL,
	closed_through TEXT,                         -- last day of the last closed period (ISO)
	next_entry_no BIGINT NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL
);

CREATE TABLE fund (
	id @ID@,
	book_id BIGINT NOT NULL UNIQUE REFERENCES ledger_book(id),
	area TEXT NOT NULL REFERENCES area(code),    -- the tambon (or municipality's tambon)
	province TEXT NOT NULL,
	name TEXT NOT NULL,
	reg_no TEXT NOT NULL DEFAULT '',             -- registration number with CODI / the province
	founded_on TEXT NOT NULL,
	juristic BIGINT NOT NULL DEFAULT 0,          -- a juristic person (registered legal entity)
	juristic_no TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	next_member_no BIGINT NOT NULL DEFAULT 1,
	next_receipt_no BIGINT NOT NULL DEFAULT 1,
	next_claim_no BIGINT NOT NULL DEFAULT 1,
	members_active BIGINT NOT NULL DEFAULT 0,    -- kept in step with fund_member
	lock_seq BIGINT NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX fund_area ON fund(area, id);

-- Some funds run a branch per village; members pay at their branch's meeting.
CREATE TABLE fund_branch (
	id @ID@,
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	area TEXT NOT NULL REFERENCES area(code),    -- usually a village
	name TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (fund_id, name)
);

-- The committee: elected people with roles and terms.
CREATE TABLE fund_committee (
	id @ID@,
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	person_id BIGINT NOT NULL REFERENCES person(id),
	role TEXT NOT NULL,                          -- chair, vice_chair, treasurer, secretary, auditor, member
	term_start TEXT NOT NULL,
	term_end TEXT NOT NULL,
	elected_on TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX fund_committee_fund ON fund_committee(fund_id, term_end);

-- The statute (rules the members set), versioned by the date it takes effect.
CREATE TABLE fund_statute (
	id @ID@,
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	effective_from TEXT NOT NULL,
	rules TEXT NOT NULL,                         -- JSON, core/fund.h
	approved_on TEXT,                            -- the members' meeting that adopted it
	note TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (fund_id, effective_from)
);

-- The chart of accounts of each book (core/ledger.c makes a fund's).
CREATE TABLE ledger_account (
	id @ID@,
	book_id BIGINT NOT NULL REFERENCES ledger_book(id),
	code TEXT NOT NULL,
	name_th TEXT NOT NULL,
	name_en TEXT NOT NULL,
	type TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
	admin BIGINT NOT NULL DEFAULT 0,             -- an administration cost (statute limit)
	cash BIGINT NOT NULL DEFAULT 0,              -- cash or bank: appears in the cash book
	balance BIGINT NOT NULL DEFAULT 0,           -- debits minus credits, kept in step with journal_line
	UNIQUE (book_id, code)
);
-- Cash and bank balances of every book without reading the other accounts
-- (the national roll-up sums them over thousands of funds).
CREATE INDEX ledger_account_cash ON ledger_account(book_id, cash, balance);

CREATE TABLE fund_bank_account (
	id @ID@,
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	bank TEXT NOT NULL,
	branch TEXT NOT NULL DEFAULT '',
	account_no TEXT NOT NULL,
	account_name TEXT NOT NULL,
	ledger_account_id BIGINT NOT NULL REFERENCES ledger_account(id),
	opened_on TEXT NOT NULL,
	closed_on TEXT,
	created_at TEXT NOT NULL,
	UNIQUE (fund_id, account_no)
);

CREATE TABLE journal_entry (
	id @ID@,
	book_id BIGINT NOT NULL REFERENCES ledger_book(id),
	entry_no BIGINT NOT NULL,
	posted_on TEXT NOT NULL,
	description TEXT NOT NULL,
	source TEXT NOT NULL,                        -- contribution, receipt, claim, income, expense, transfer, opening, reversal
	source_id BIGINT,
	reverses BIGINT REFERENCES journal_entry(id),
	reversed_by BIGINT REFERENCES journal_entry(id),
	total BIGINT NOT NULL,                       -- sum of debits (= sum of credits)
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (book_id, entry_no)
);
CREATE INDEX journal_entry_date ON journal_entry(book_id, posted_on, id);

CREATE TABLE journal_line (
	id @ID@,
	entry_id BIGINT NOT NULL REFERENCES journal_entry(id),
	book_id BIGINT NOT NULL,
	account_id BIGINT NOT NULL REFERENCES ledger_account(id),
	posted_on TEXT NOT NULL,                     -- the entry's, for dated balances by index
	debit BIGINT NOT NULL CHECK (debit >= 0),
	credit BIGINT NOT NULL CHECK (credit >= 0),
	memo TEXT NOT NULL DEFAULT '',
	CHECK ((debit = 0) <> (credit = 0))
);
CREATE INDEX journal_line_account ON journal_line(account_id, posted_on, entry_id, debit, credit);
CREATE INDEX journal_line_entry ON journal_line(entry_id);

-- Closing a period is recorded; ledger_book.closed_through is what postings check.
CREATE TABLE ledger_close (
	id @ID@,
	book_id BIGINT NOT NULL REFERENCES ledger_book(id),
	closed_through TEXT NOT NULL,
	closed_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);

-- Members. status is the membership's life (active, resigned, deceased,
-- transferred); arrears and suspension are computed from the statute and the
-- contributions as of a date (core/fund.c fund_standing).
CREATE TABLE fund_member (
	id @ID@,
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	person_id BIGINT NOT NULL REFERENCES person(id),
	member_no BIGINT NOT NULL,
	branch_id BIGINT REFERENCES fund_branch(id),
	joined_on TEXT NOT NULL,
	seniority_from TEXT NOT NULL,                -- join date at the first fund (carried on transfer)
	joining_fee BIGINT NOT NULL,
	beneficiary_name TEXT NOT NULL DEFAULT '',
	beneficiary_person_id BIGINT REFERENCES person(id),
	beneficiary_relation TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL,                        -- active, resigned, deceased, transferred
	ended_on TEXT,
	end_reason TEXT NOT NULL DEFAULT '',
	transferred_from BIGINT REFERENCES fund_member(id),
	transferred_to BIGINT REFERENCES fund_member(id),
	paid_total BIGINT NOT NULL DEFAULT 0,        -- contributions received, kept in step
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (fund_id, member_no)
);
CREATE INDEX fund_member_person ON fund_member(person_id, status);
CREATE INDEX fund_member_fund ON fund_member(fund_id, status, branch_id, member_no);

-- A membership's life, dated: joined, resigned, deceased, transferred, reinstated.
CREATE TABLE fund_member_event (
	id @ID@,
	member_id BIGINT NOT NULL REFERENCES fund_member(id),
	status TEXT NOT NULL,
	on_date TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX fund_member_event_member ON fund_member_event(member_id, id);

-- Receipts: numbered per fund, one per payment (a payment may cover a
-- joining fee and contributions). A voided receipt is reversed in the ledger.
CREATE TABLE receipt (
	id @ID@,
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	receipt_no BIGINT NOT NULL,
	issued_on TEXT NOT NULL,
	member_id BIGINT REFERENCES fund_member(id),
	payer_name TEXT NOT NULL,
	total BIGINT NOT NULL CHECK (total > 0),
	method TEXT NOT NULL,                        -- cash, transfer
	entry_id BIGINT NOT NULL REFERENCES journal_entry(id),
	voided_on TEXT,
	void_reason TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (fund_id, receipt_no)
);

CREATE TABLE contribution (
	id @ID@,
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	member_id BIGINT NOT NULL REFERENCES fund_member(id),
	receipt_id BIGINT NOT NULL REFERENCES receipt(id),
	kind TEXT NOT NULL,                          -- contribution, joining_fee
	amount BIGINT NOT NULL,                      -- negative for the reversal of a voided receipt
	paid_on TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX contribution_member ON contribution(member_id, paid_on);
CREATE INDEX contribution_fund ON contribution(fund_id, paid_on);

-- Benefit claims, by members and (as aid) non-members.
--   submitted -> checked -> approved -> paid
--        \          \--> rejected (may be resubmitted as a new claim)
--         \--> rejected
CREATE TABLE claim (
	id @ID@,
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	claim_no BIGINT NOT NULL,
	member_id BIGINT REFERENCES fund_member(id), -- NULL: aid to a non-member
	person_id BIGINT NOT NULL REFERENCES person(id),
	benefit TEXT NOT NULL,
	event_date TEXT NOT NULL,
	units BIGINT NOT NULL DEFAULT 0,
	note TEXT NOT NULL DEFAULT '',
	statute_id BIGINT NOT NULL REFERENCES fund_statute(id),
	amount BIGINT NOT NULL DEFAULT 0,            -- as computed at the last step
	calc TEXT NOT NULL DEFAULT '[]',             -- JSON lines of the computation
	status TEXT NOT NULL,
	decision_note TEXT NOT NULL DEFAULT '',
	resubmits BIGINT REFERENCES claim(id),
	approve_entry_id BIGINT REFERENCES journal_entry(id),
	pay_entry_id BIGINT REFERENCES journal_entry(id),
	paid_on TEXT,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (fund_id, claim_no)
);
CREATE INDEX claim_fund ON claim(fund_id, status, id);
CREATE INDEX claim_person ON claim(person_id, benefit, status);

CREATE TABLE claim_step (
	id @ID@,
	claim_id BIGINT NOT NULL REFERENCES claim(id),
	status TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	actor TEXT NOT NULL,
	at TEXT NOT NULL
);
CREATE INDEX claim_step_claim ON claim_step(claim_id, id);

-- Matching money promised (pledges) by local government, central government
-- (CODI) and others, against the members' contributions of a period.
CREATE TABLE fund_pledge (
	id @ID@,
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	source TEXT NOT NULL,                        -- local_gov, central_gov, other
	source_name TEXT NOT NULL,
	amount BIGINT NOT NULL CHECK (amount > 0),
	pledged_on TEXT NOT NULL,
	match_from TEXT NOT NULL,                    -- the contributions it matches
	match_to TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);

-- Money in other than members' payments: matching money, donations, interest.
CREATE TABLE fund_income (
	id @ID@,
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	kind TEXT NOT NULL,                          -- local_gov, central_gov, other_match, donation, interest, other
	source_name TEXT NOT NULL,
	pledge_id BIGINT REFERENCES fund_pledge(id),
	amount BIGINT NOT NULL CHECK (amount > 0),
	received_on TEXT NOT NULL,
	account_id BIGINT NOT NULL REFERENCES ledger_account(id), -- where it went (cash or bank)
	entry_id BIGINT NOT NULL REFERENCES journal_entry(id),
	note TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX fund_income_fund ON fund_income(fund_id, received_on);

-- Money out other than benefits: administration and other expenses, and
-- transfers between the fund's own cash and bank accounts.
CREATE TABLE fund_expense (
	id @ID@,
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	kind TEXT NOT NULL,                          -- admin, other, transfer
	description TEXT NOT NULL,
	amount BIGINT NOT NULL CHECK (amount > 0),
	paid_on TEXT NOT NULL,
	from_account_id BIGINT NOT NULL REFERENCES ledger_account(id),
	to_account_id BIGINT REFERENCES ledger_account(id),       -- transfers
	entry_id BIGINT NOT NULL REFERENCES journal_entry(id),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);

-- Yearly totals per fund, kept in step with the records, for area roll-ups
-- that must not scan millions of rows.
CREATE TABLE fund_year (
	fund_id BIGINT NOT NULL REFERENCES fund(id),
	year BIGINT NOT NULL,
	area TEXT NOT NULL,
	contributions BIGINT NOT NULL DEFAULT 0,
	matching BIGINT NOT NULL DEFAULT 0,
	donations BIGINT NOT NULL DEFAULT 0,
	other_income BIGINT NOT NULL DEFAULT 0,       -- interest and other
	benefits_members BIGINT NOT NULL DEFAULT 0,
	benefits_nonmembers BIGINT NOT NULL DEFAULT 0,
	admin_expense BIGINT NOT NULL DEFAULT 0,
	other_expense BIGINT NOT NULL DEFAULT 0,
	helped_members BIGINT NOT NULL DEFAULT 0,    -- distinct people paid in the year
	helped_nonmembers BIGINT NOT NULL DEFAULT 0,
	claims_paid BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (fund_id, year)
);
CREATE INDEX fund_year_area ON fund_year(year, area, fund_id);

-- Money-moving API calls carry an idempotency key: a repeat returns the
-- first call's result and moves nothing.
CREATE TABLE idempotency (
	actor_id BIGINT NOT NULL,
	idem_key TEXT NOT NULL,
	operation TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	result_id BIGINT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (actor_id, idem_key)
);
