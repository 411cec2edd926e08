-- Welfare programs: the catalogue under the four pillars, versioned rules
-- (core/rules.h), enrolments with their guarded workflow, monthly payrolls
-- per paying office with their lines and bank results, and the outreach
-- cases that coverage gaps become.

CREATE TABLE program (
	id @ID@,
	code TEXT NOT NULL UNIQUE,                   -- [a-z0-9_]: old_age_allowance, ...
	name_th TEXT NOT NULL,
	name_en TEXT NOT NULL,
	pillar TEXT NOT NULL,                        -- assistance, services, insurance, partnership (core/program.h)
	owner_area TEXT NOT NULL,                    -- 'TH' for state programs; a province or local area for local ones
	period TEXT NOT NULL DEFAULT 'month',        -- payment period
	documents TEXT NOT NULL DEFAULT '[]',        -- JSON list of required documents {code, th, en}
	source TEXT NOT NULL DEFAULT '',             -- where its rules come from
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE program_version (
	id @ID@,
	program_id BIGINT NOT NULL REFERENCES program(id),
	effective_from TEXT NOT NULL,
	rules TEXT NOT NULL,                         -- the rules language, compiled when used
	note TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (program_id, effective_from)
);

-- An enrolment of a person in a program, paid by an office (a local
-- government's area: a tambon, or a district for a municipality).
--   applied -> verified -> approved -> active -> suspended -> active
--      \          \           \          \---> ended (death, moved, not eligible, withdrawn)
--       \----------\-----------\--> rejected
CREATE TABLE enrolment (
	id @ID@,
	program_id BIGINT NOT NULL REFERENCES program(id),
	person_id BIGINT NOT NULL REFERENCES person(id),
	office TEXT NOT NULL REFERENCES area(code),
	province TEXT NOT NULL,
	status TEXT NOT NULL,
	applied_on TEXT NOT NULL,
	documents TEXT NOT NULL DEFAULT '[]',        -- JSON: the required documents seen
	active_from TEXT,                            -- first month paid (first day of month)
	ended_on TEXT,
	end_reason TEXT NOT NULL DEFAULT '',
	paid_through TEXT,                           -- last month paid (first day of month), for arrears
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX enrolment_person ON enrolment(person_id, program_id, status);
CREATE INDEX enrolment_office ON enrolment(office, program_id, status, person_id);

CREATE TABLE enrolment_step (
	id @ID@,
	enrolment_id BIGINT NOT NULL REFERENCES enrolment(id),
	status TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	actor TEXT NOT NULL,
	at TEXT NOT NULL
);
CREATE INDEX enrolment_step_enrolment ON enrolment_step(enrolment_id, id);

-- The books of a paying office (allowances owed and paid), one per office.
CREATE TABLE office_book (
	office TEXT PRIMARY KEY REFERENCES area(code),
	book_id BIGINT NOT NULL UNIQUE REFERENCES ledger_book(id)
);

-- A month's roll for a paying office, generated from a frozen snapshot.
--   generated -> approved -> exported -> reconciled
CREATE TABLE payroll (
	id @ID@,
	office TEXT NOT NULL REFERENCES area(code),
	month TEXT NOT NULL,                         -- YYYY-MM
	status TEXT NOT NULL,
	lines BIGINT NOT NULL DEFAULT 0,
	total BIGINT NOT NULL DEFAULT 0,             -- satang to pay (arrears included)
	stopped BIGINT NOT NULL DEFAULT 0,           -- lines stopped by the checks
	approve_entry_id BIGINT REFERENCES journal_entry(id),
	generated_by TEXT NOT NULL,
	generated_at TEXT NOT NULL,
	approved_by TEXT,
	approved_at TEXT,
	UNIQUE (office, month)
);

CREATE TABLE payroll_line (
	id @ID@,
	payroll_id BIGINT NOT NULL REFERENCES payroll(id),
	enrolment_id BIGINT NOT NULL REFERENCES enrolment(id),
	person_id BIGINT NOT NULL REFERENCES person(id),
	program_id BIGINT NOT NULL REFERENCES program(id),
	national_id TEXT NOT NULL DEFAULT '',        -- PromptPay key
	name TEXT NOT NULL,
	amount BIGINT NOT NULL,                      -- this month
	arrears BIGINT NOT NULL DEFAULT 0,           -- earlier months owed (late approvals)
	arrears_months BIGINT NOT NULL DEFAULT 0,
	status TEXT NOT NULL,                        -- pay, stopped, paid, failed
	reason TEXT NOT NULL DEFAULT '',             -- why stopped or failed
	bank_ref TEXT NOT NULL DEFAULT '',
	pay_entry_id BIGINT REFERENCES journal_entry(id),
	UNIQUE (payroll_id, enrolment_id)
);
CREATE INDEX payroll_line_person ON payroll_line(person_id);

-- Outreach: a person a coverage gap found, assigned to a volunteer.
--   open -> assigned -> visited -> closed (applied, not_interested, moved, deceased, not_found)
CREATE TABLE outreach_case (
	id @ID@,
	program_id BIGINT NOT NULL REFERENCES program(id),
	person_id BIGINT NOT NULL REFERENCES person(id),
	area TEXT NOT NULL,                          -- the person's village or tambon
	reason TEXT NOT NULL,                        -- the gap's reason code
	status TEXT NOT NULL,
	assigned_to TEXT,                            -- a volunteer's username
	outcome TEXT,
	note TEXT NOT NULL DEFAULT '',
	visited_on TEXT,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX outreach_area ON outreach_case(area, status, program_id);
CREATE UNIQUE INDEX outreach_open ON outreach_case(program_id, person_id) WHERE status <> 'closed';
