-- The Social Welfare Promotion Fund (กองทุนส่งเสริมการจัดสวัสดิการสังคม):
-- calls for proposals on the national channel and each province's channel,
-- applications by eligible organisations with budget lines and indicators,
-- screening, review by a sub-committee with declared conflicts and a
-- scoring rubric, decisions, agreements with a tranche plan, disbursements
-- posted to the channel's book (ledger_book kind 'grant'), progress and
-- final reports, and awards with certificates. app/grant.c keeps the rules.

-- A call: one channel's round of a year. area is 'TH' for the national
-- channel, the province code for a provincial one.
CREATE TABLE grant_call (
	id @ID@,
	channel TEXT NOT NULL,                       -- national, provincial
	area TEXT NOT NULL,                          -- 'TH' or a province code
	year INTEGER NOT NULL,                       -- fiscal year, C.E.
	title TEXT NOT NULL,
	opens_on TEXT NOT NULL,
	closes_on TEXT NOT NULL,
	budget BIGINT NOT NULL,                      -- satang
	tiers TEXT NOT NULL,                         -- allowed size tiers: "small,medium,large" (core/grant.h)
	min_reviews INTEGER NOT NULL DEFAULT 2,      -- complete scores a decision needs
	status TEXT NOT NULL DEFAULT 'open',         -- open, closed
	allocation_entry_id BIGINT,                  -- the budget's entry in the channel's book
	lock_seq BIGINT NOT NULL DEFAULT 0,          -- bumped to serialise money moves within a call
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX grant_call_area ON grant_call(area, year);

-- Each channel's books: the nation ('TH') and each province.
CREATE TABLE grant_book (
	area TEXT PRIMARY KEY,
	book_id BIGINT NOT NULL UNIQUE REFERENCES ledger_book(id)
);

--   draft -> submitted -> screened -> under_review -> approved -> agreement_signed
--     -> in_progress -> reported -> closed;  screened out or declined -> declined
CREATE TABLE grant_app (
	id @ID@,
	call_id BIGINT NOT NULL REFERENCES grant_call(id),
	org_id BIGINT NOT NULL REFERENCES org(id),
	area TEXT NOT NULL,                          -- where the project runs (inside the call's area)
	province TEXT NOT NULL,
	title TEXT NOT NULL,
	summary TEXT NOT NULL DEFAULT '',
	target_groups TEXT NOT NULL,                 -- comma list: children_youth, working_age, elderly, disabled_disadvantaged
	pillar TEXT NOT NULL,                        -- services, assistance, insurance, partnership
	requested BIGINT NOT NULL,                   -- satang: the sum of the budget lines
	tier TEXT NOT NULL,                          -- small, medium, large: from requested
	status TEXT NOT NULL DEFAULT 'draft',
	screen_complete INTEGER NOT NULL DEFAULT 0,
	screen_eligible INTEGER NOT NULL DEFAULT 0,
	screen_note TEXT NOT NULL DEFAULT '',
	approved BIGINT NOT NULL DEFAULT 0,          -- satang
	conditions TEXT NOT NULL DEFAULT '',
	decision_note TEXT NOT NULL DEFAULT '',      -- the reason when declined
	decided_on TEXT,
	agreement_no TEXT NOT NULL DEFAULT '',
	signed_on TEXT,
	commit_entry_id BIGINT,                      -- the commitment's entry at signing
	disbursed BIGINT NOT NULL DEFAULT 0,         -- satang, sum of the paid tranches
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX grant_app_call ON grant_app(call_id, status);
CREATE INDEX grant_app_area ON grant_app(area, status);

CREATE TABLE grant_line (
	app_id BIGINT NOT NULL REFERENCES grant_app(id),
	line_no INTEGER NOT NULL,
	item TEXT NOT NULL,
	amount BIGINT NOT NULL,                      -- satang
	PRIMARY KEY (app_id, line_no)
);

CREATE TABLE grant_indicator (
	app_id BIGINT NOT NULL REFERENCES grant_app(id),
	line_no INTEGER NOT NULL,
	name TEXT NOT NULL,
	unit TEXT NOT NULL DEFAULT '',
	target BIGINT NOT NULL,
	actual BIGINT,                               -- from the latest report
	PRIMARY KEY (app_id, line_no)
);

CREATE TABLE grant_step (
	id @ID@,
	app_id BIGINT NOT NULL REFERENCES grant_app(id),
	status TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	actor TEXT NOT NULL,
	at TEXT NOT NULL
);
CREATE INDEX grant_step_app ON grant_step(app_id, id);

-- A reviewer's declaration for one application, made before any score.
CREATE TABLE grant_reviewer (
	app_id BIGINT NOT NULL REFERENCES grant_app(id),
	reviewer TEXT NOT NULL,                      -- username
	has_conflict INTEGER NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	declared_at TEXT NOT NULL,
	PRIMARY KEY (app_id, reviewer)
);

CREATE TABLE grant_score (
	app_id BIGINT NOT NULL REFERENCES grant_app(id),
	reviewer TEXT NOT NULL,
	criterion TEXT NOT NULL,                     -- core/grant.h rubric
	score INTEGER NOT NULL,
	comment TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	PRIMARY KEY (app_id, reviewer, criterion)
);

-- The agreement's tranche plan; a tranche is paid once, in order.
CREATE TABLE grant_tranche (
	app_id BIGINT NOT NULL REFERENCES grant_app(id),
	tranche_no INTEGER NOT NULL,
	amount BIGINT NOT NULL,                      -- satang
	paid_on TEXT,
	entry_id BIGINT,
	PRIMARY KEY (app_id, tranche_no)
);

CREATE TABLE grant_report (
	id @ID@,
	app_id BIGINT NOT NULL REFERENCES grant_app(id),
	kind TEXT NOT NULL,                          -- progress, final
	report_on TEXT NOT NULL,
	body TEXT NOT NULL,
	outcomes TEXT NOT NULL DEFAULT '[]',         -- JSON: [{line_no, actual}]
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX grant_report_app ON grant_report(app_id, id);

CREATE TABLE grant_award (
	id @ID@,
	app_id BIGINT NOT NULL UNIQUE REFERENCES grant_app(id),
	title TEXT NOT NULL,
	cert_no TEXT NOT NULL UNIQUE,
	awarded_on TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
