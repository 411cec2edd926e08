-- The state programs' payroll and coverage gaps in plain SQL: an
-- implementation independent of Sawat's rules language and columnar loader,
-- written from the rules as the shared domain notes and docs/rules.md state
-- them. One text for two engines: PostgreSQL over Sawat's own tables
-- (through psql), and DuckDB over an export of them (the columns the rules
-- read, as CSV files loaded into tables of the same names by duckdb.mjs).
-- tests/reference/run.sh holds each engine's output equal, line for line,
-- to what Sawat writes and finds on the same data; bench/program.sh times
-- both.
--
-- Parameters, replaced as text by the drivers: @M1@ the first day of the
-- payroll's month, @ON@ the day of the gap analysis, @AREA@ its area (a
-- DOPA prefix; '' for the nation); @IDIV@ integer division, "/" in
-- PostgreSQL and "//" in DuckDB (whose "/" divides into a double).
--
-- Each query returns one text column of comma-separated lines:
--   pay,OFFICE,PROGRAM,PERSON,STATUS,REASON,AMOUNT,ARREARS,ARREARS_MONTHS
--   gap,PROGRAM,PERSON,REASON,AMOUNT
--   cov,PROGRAM,PEOPLE,ELIGIBLE,ENROLLED,ENROLLED_NOT_ELIGIBLE,GAPS,NEVER_APPLIED,
--       PENDING,NO_CARD,NO_REGISTRATION,NO_STATUS,DECLINED
-- Amounts are satang. Dates are ISO text in the store, so they compare as
-- text; ages come from their digits.
--
-- The rules (core/program.c's texts), requirement codes in order:
--   old_age        alive; age >= 60; thai; house (in a house register);
--                  area (registered in the paying office's area); from
--                  2023-08-12: income (registered before 2023-08-12, or
--                  household income at most 100,000 baht a person a year).
--                  600 / 700 / 800 / 1,000 baht at 60 / 70 / 80 / 90.
--   disability     alive; disabled (a disability need); card (a valid
--                  disability card); thai; house; area; institution (never
--                  recorded: always met). 1,000 baht under 18, else 800.
--   child_support  alive; age 0 to 6; thai; income (under 100,000 baht a
--                  person a year). 600 baht.
-- A value not known (no birth date, no income) fails the requirement that
-- reads it (SQL's NULL is the same three-valued logic; "IS NOT TRUE").
-- Age: completed years; born 29 February, a year older on 1 March in
-- common years ((month, day) pairs compare that way by themselves).
-- Income per person per year: the household's monthly income times 12,
-- over its members alive and not merged into another record, in whole
-- baht (satang dropped).

-- @query payroll
-- Every office's roll for the month: each active enrolment paid from the
-- month or before. Stopped, in this order: dead before the month
-- (deceased), registered outside the office's area (moved), an earlier
-- active enrolment in the program at another office (two_offices), the
-- rules not met on the month's first day (not_eligible:CODE). Paid: the
-- month's amount, and for an enrolment never rolled (no paid-through month)
-- the months from its first month to the last one, each by its rules, at
-- most 120 months that qualify.
WITH RECURSIVE
params AS (
	SELECT '@M1@'::text AS m1,
	       CAST(substr('@M1@', 1, 4) AS int) * 12 + CAST(substr('@M1@', 6, 2) AS int) - 1 AS m1i
),
members AS (
	SELECT household_id, count(*) AS n FROM person
	WHERE death_date IS NULL AND merged_into IS NULL AND household_id IS NOT NULL
	GROUP BY household_id
),
facts AS (
	SELECT p.id, p.birth_date AS birth, p.death_date AS death, p.nationality, p.reg_status,
	       p.area,
	       CAST(substr(p.birth_date, 1, 4) AS int) AS by,
	       CAST(substr(p.birth_date, 6, 2) AS int) * 100 + CAST(substr(p.birth_date, 9, 2) AS int) AS bmd,
	       h.monthly_income * 12 @IDIV@ greatest(coalesce(m.n, 0), 1) @IDIV@ 100 AS income
	FROM person p
	LEFT JOIN household h ON h.id = p.household_id
	LEFT JOIN members m ON m.household_id = p.household_id
),
needs AS (
	SELECT n.person_id,
	       bool_or(n.kind = 'disability') AS disabled,
	       bool_or(n.kind = 'disability' AND coalesce(n.card_no, '') <> ''
	               AND (n.card_expires IS NULL OR n.card_expires >= params.m1)) AS card
	FROM person_need n, params
	WHERE n.observed_on <= params.m1 AND (n.ended_on IS NULL OR n.ended_on > params.m1)
	GROUP BY n.person_id
),
entry AS (
	SELECT x.id, x.person_id, x.office, g.code AS program, x.applied_on, x.active_from,
	       x.paid_through,
	       EXISTS (SELECT 1 FROM enrolment y WHERE y.person_id = x.person_id
	               AND y.program_id = x.program_id AND y.office <> x.office
	               AND y.status = 'active' AND y.active_from <= params.m1 AND y.id < x.id) AS two
	FROM enrolment x JOIN program g ON g.id = x.program_id, params
	WHERE x.status = 'active' AND x.active_from <= params.m1
),
-- The months of arrears of enrolments never rolled.
months AS (
	SELECT e.id, CAST(substr(e.active_from, 1, 4) AS int) * 12
	       + CAST(substr(e.active_from, 6, 2) AS int) - 1 AS mi
	FROM entry e, params
	WHERE e.paid_through IS NULL AND e.active_from < params.m1
	UNION ALL
	SELECT mo.id, mo.mi + 1 FROM months mo, params WHERE mo.mi + 1 < params.m1i
),
-- What to judge: each entry on the month's first day (k = 0), and each
-- month of arrears (k = 1), with the day's text and digits.
req AS (
	SELECT r.id, r.k, r.mi,
	       lpad(CAST(r.mi @IDIV@ 12 AS text), 4, '0') || '-' || lpad(CAST(r.mi % 12 + 1 AS text), 2, '0')
	       || '-01' AS d,
	       r.mi @IDIV@ 12 AS y, (r.mi % 12 + 1) * 100 + 1 AS md
	FROM (
		SELECT e.id, 0 AS k, params.m1i AS mi FROM entry e, params
		UNION ALL
		SELECT mo.id, 1, mo.mi FROM months mo
	) r
),
judged AS (
	SELECT q.id, q.k, q.mi, q.death, q.area,
	       CASE q.program
	       WHEN 'old_age' THEN CASE
		       WHEN NOT q.alive THEN 'alive'
		       WHEN (q.age >= 60) IS NOT TRUE THEN 'age'
		       WHEN (q.nationality = 'TH') IS NOT TRUE THEN 'thai'
		       WHEN (q.reg_status = 'house') IS NOT TRUE THEN 'house'
		       WHEN (substr(q.area, 1, length(q.office)) = q.office) IS NOT TRUE THEN 'area'
		       WHEN q.d >= '2023-08-12' AND (q.applied_on < '2023-08-12'
			       OR q.income <= 100000) IS NOT TRUE THEN 'income'
		       END
	       WHEN 'disability' THEN CASE
		       WHEN NOT q.alive THEN 'alive'
		       WHEN coalesce(q.disabled, false) IS NOT TRUE THEN 'disabled'
		       WHEN coalesce(q.card, false) IS NOT TRUE THEN 'card'
		       WHEN (q.nationality = 'TH') IS NOT TRUE THEN 'thai'
		       WHEN (q.reg_status = 'house') IS NOT TRUE THEN 'house'
		       WHEN (substr(q.area, 1, length(q.office)) = q.office) IS NOT TRUE THEN 'area'
		       END
	       WHEN 'child_support' THEN CASE
		       WHEN NOT q.alive THEN 'alive'
		       WHEN (q.age >= 0 AND q.age <= 6) IS NOT TRUE THEN 'age'
		       WHEN (q.nationality = 'TH') IS NOT TRUE THEN 'thai'
		       WHEN (q.income < 100000) IS NOT TRUE THEN 'income'
		       END
	       ELSE 'unknown_program' END AS fail,
	       CASE q.program
	       WHEN 'old_age' THEN CASE WHEN q.age >= 90 THEN 100000 WHEN q.age >= 80 THEN 80000
			       WHEN q.age >= 70 THEN 70000 ELSE 60000 END
	       WHEN 'disability' THEN CASE WHEN q.age < 18 THEN 100000 ELSE 80000 END
	       ELSE 60000 END AS amount
	FROM (
		SELECT r.id, r.k, r.mi, r.d, e.program, e.office, e.applied_on, f.death, f.area,
		       f.nationality, f.reg_status, f.income, nd.disabled, nd.card,
		       (f.birth IS NULL OR f.birth <= r.d) AND (f.death IS NULL OR f.death > r.d) AS alive,
		       CASE WHEN f.birth IS NULL OR f.birth > r.d THEN NULL
			    ELSE r.y - f.by - CASE WHEN r.md < f.bmd THEN 1 ELSE 0 END END AS age
		FROM req r
		JOIN entry e ON e.id = r.id
		JOIN facts f ON f.id = e.person_id
		LEFT JOIN needs nd ON nd.person_id = e.person_id
	) q
),
arrears AS (
	SELECT id, sum(amount) AS amount, count(*) AS months FROM (
		SELECT id, amount, row_number() OVER (PARTITION BY id ORDER BY mi) AS nth
		FROM judged WHERE k = 1 AND fail IS NULL
	) a WHERE nth <= 120 GROUP BY id
),
line AS (
	SELECT e.office, e.program, e.person_id, j.fail,
	       CASE WHEN j.death IS NOT NULL AND j.death < params.m1 THEN 'deceased'
		    WHEN substr(j.area, 1, length(e.office)) <> e.office THEN 'moved'
		    WHEN e.two THEN 'two_offices'
		    WHEN j.fail IS NOT NULL THEN 'not_eligible:' || j.fail
		    ELSE '' END AS reason,
	       j.amount, coalesce(a.amount, 0) AS arrears, coalesce(a.months, 0) AS months
	FROM entry e JOIN judged j ON j.id = e.id AND j.k = 0
	LEFT JOIN arrears a ON a.id = e.id, params
)
SELECT 'pay,' || office || ',' || program || ',' || CAST(person_id AS text) || ','
       || CASE WHEN reason = '' THEN 'pay,,' || CAST(amount AS text) || ',' || CAST(arrears AS text)
	       || ',' || CAST(months AS text)
	  ELSE 'stopped,' || reason || ',0,0,0' END AS line
FROM line;

-- @query gaps
-- The coverage of each program in the area on the day: everyone alive and
-- not merged, registered there, judged with their own tambon paying (so the
-- area requirement holds for anyone whose area is known) and as of their
-- application when they have an open one (the best standing: active 3,
-- suspended 2, applied or verified 1; the earliest of equals), else as if
-- applying that day. Active and not eligible: not_eligible:CODE. Eligible
-- and not active: pending (an application waits) or never_applied. Failing
-- first on a document or registration (card, house, area, thai) with no
-- application, and eligible once it is supplied (the card for the need,
-- a house register, Thai nationality): no_card, no_registration,
-- no_status. Those who told a volunteer they do not want it (an outreach
-- case in the area closed not_interested) are counted as declined instead.
WITH
params AS (
	SELECT '@ON@'::text AS d, CAST(substr('@ON@', 1, 4) AS int) AS y,
	       CAST(substr('@ON@', 6, 2) AS int) * 100 + CAST(substr('@ON@', 9, 2) AS int) AS md,
	       '@AREA@'::text AS area
),
members AS (
	SELECT household_id, count(*) AS n FROM person
	WHERE death_date IS NULL AND merged_into IS NULL AND household_id IS NOT NULL
	GROUP BY household_id
),
people AS (
	SELECT p.id, p.nationality, p.reg_status, p.area,
	       (p.birth_date IS NULL OR p.birth_date <= params.d) AS alive,
	       CASE WHEN p.birth_date IS NULL OR p.birth_date > params.d THEN NULL
		    ELSE params.y - CAST(substr(p.birth_date, 1, 4) AS int)
			 - CASE WHEN params.md < CAST(substr(p.birth_date, 6, 2) AS int) * 100
				+ CAST(substr(p.birth_date, 9, 2) AS int) THEN 1 ELSE 0 END END AS age,
	       h.monthly_income * 12 @IDIV@ greatest(coalesce(m.n, 0), 1) @IDIV@ 100 AS income
	FROM person p
	LEFT JOIN household h ON h.id = p.household_id
	LEFT JOIN members m ON m.household_id = p.household_id, params
	WHERE p.death_date IS NULL AND p.merged_into IS NULL
	  AND substr(p.area, 1, length(params.area)) = params.area
),
needs AS (
	SELECT n.person_id,
	       bool_or(n.kind = 'disability') AS disabled,
	       bool_or(n.kind = 'disability' AND coalesce(n.card_no, '') <> ''
	               AND (n.card_expires IS NULL OR n.card_expires >= params.d)) AS card
	FROM person_need n, params
	WHERE n.observed_on <= params.d AND (n.ended_on IS NULL OR n.ended_on > params.d)
	GROUP BY n.person_id
),
prog AS (
	SELECT id, code FROM program WHERE code IN ('old_age', 'disability', 'child_support')
),
standing AS (
	SELECT person_id, program_id, rank, applied_on FROM (
		SELECT person_id, program_id, rank, applied_on,
		       row_number() OVER (PARTITION BY person_id, program_id
					  ORDER BY rank DESC, applied_on) AS nth
		FROM (
			SELECT person_id, program_id, applied_on,
			       CASE status WHEN 'active' THEN 3 WHEN 'suspended' THEN 2
				    WHEN 'applied' THEN 1 WHEN 'verified' THEN 1 ELSE 0 END AS rank
			FROM enrolment
		) s0 WHERE rank > 0
	) s1 WHERE nth = 1
),
declined AS (
	SELECT DISTINCT o.person_id, o.program_id FROM outreach_case o, params
	WHERE o.status = 'closed' AND o.outcome = 'not_interested'
	  AND substr(o.area, 1, length(params.area)) = params.area
),
-- Each person and program, judged as they are (fail), and as if the
-- documents were there (fail_fixed: the card for the disability, a house
-- register, Thai nationality), which only the gap reasons read.
judged AS (
	SELECT q.*,
	       CASE q.program
	       WHEN 'old_age' THEN CASE
		       WHEN NOT q.alive THEN 'alive'
		       WHEN (q.age >= 60) IS NOT TRUE THEN 'age'
		       WHEN (q.nationality = 'TH') IS NOT TRUE THEN 'thai'
		       WHEN (q.reg_status = 'house') IS NOT TRUE THEN 'house'
		       WHEN (q.area <> '') IS NOT TRUE THEN 'area'
		       WHEN q.d >= '2023-08-12' AND (q.registered < '2023-08-12'
			       OR q.income <= 100000) IS NOT TRUE THEN 'income'
		       END
	       WHEN 'disability' THEN CASE
		       WHEN NOT q.alive THEN 'alive'
		       WHEN (q.disabled) IS NOT TRUE THEN 'disabled'
		       WHEN (q.card) IS NOT TRUE THEN 'card'
		       WHEN (q.nationality = 'TH') IS NOT TRUE THEN 'thai'
		       WHEN (q.reg_status = 'house') IS NOT TRUE THEN 'house'
		       WHEN (q.area <> '') IS NOT TRUE THEN 'area'
		       END
	       WHEN 'child_support' THEN CASE
		       WHEN NOT q.alive THEN 'alive'
		       WHEN (q.age >= 0 AND q.age <= 6) IS NOT TRUE THEN 'age'
		       WHEN (q.nationality = 'TH') IS NOT TRUE THEN 'thai'
		       WHEN (q.income < 100000) IS NOT TRUE THEN 'income'
		       END
	       END AS fail,
	       CASE q.program
	       WHEN 'old_age' THEN CASE
		       WHEN NOT q.alive THEN 'alive'
		       WHEN (q.age >= 60) IS NOT TRUE THEN 'age'
		       WHEN (q.area <> '') IS NOT TRUE THEN 'area'
		       WHEN q.d >= '2023-08-12' AND (q.registered < '2023-08-12'
			       OR q.income <= 100000) IS NOT TRUE THEN 'income'
		       END
	       WHEN 'disability' THEN CASE
		       WHEN NOT q.alive THEN 'alive'
		       WHEN (q.disabled) IS NOT TRUE THEN 'disabled'
		       WHEN (q.area <> '') IS NOT TRUE THEN 'area'
		       END
	       WHEN 'child_support' THEN CASE
		       WHEN NOT q.alive THEN 'alive'
		       WHEN (q.age >= 0 AND q.age <= 6) IS NOT TRUE THEN 'age'
		       WHEN (q.income < 100000) IS NOT TRUE THEN 'income'
		       END
	       END AS fail_fixed,
	       CASE q.program
	       WHEN 'old_age' THEN CASE WHEN q.age >= 90 THEN 100000 WHEN q.age >= 80 THEN 80000
			       WHEN q.age >= 70 THEN 70000 ELSE 60000 END
	       WHEN 'disability' THEN CASE WHEN q.age < 18 THEN 100000 ELSE 80000 END
	       ELSE 60000 END AS amount
	FROM (
		SELECT p.id, g.id AS program_id, g.code AS program, params.d, p.alive, p.age,
		       p.income, p.area, p.nationality, p.reg_status, coalesce(s.rank, 0) AS rank,
		       CASE WHEN s.rank IS NOT NULL THEN s.applied_on ELSE params.d END AS registered,
		       coalesce(nd.disabled, false) AS disabled, coalesce(nd.card, false) AS card,
		       dc.person_id IS NOT NULL AS declined
		FROM people p
		CROSS JOIN prog g
		CROSS JOIN params
		LEFT JOIN standing s ON s.person_id = p.id AND s.program_id = g.id
		LEFT JOIN needs nd ON nd.person_id = p.id
		LEFT JOIN declined dc ON dc.person_id = p.id AND dc.program_id = g.id
	) q
),
verdict AS (
	SELECT id, program, fail, rank, declined,
	       CASE WHEN rank = 3 THEN CASE WHEN fail IS NOT NULL THEN 'not_eligible:' || fail END
		    WHEN fail IS NULL THEN CASE WHEN rank = 1 THEN 'pending' ELSE 'never_applied' END
		    WHEN rank = 0 AND fail_fixed IS NULL AND fail IN ('card', 'house', 'area', 'thai')
			 THEN CASE fail WHEN 'card' THEN 'no_card' WHEN 'thai' THEN 'no_status'
				   ELSE 'no_registration' END
		    END AS reason,
	       amount
	FROM judged
)
SELECT 'gap,' || program || ',' || CAST(id AS text) || ',' || reason || ','
       || CAST(CASE WHEN reason LIKE 'not_eligible:%' THEN 0 ELSE amount END AS text) AS line
FROM verdict
WHERE reason IS NOT NULL AND (reason LIKE 'not_eligible:%' OR NOT declined)
UNION ALL
SELECT 'cov,' || program || ',' || CAST(count(*) AS text)
       || ',' || CAST(count(*) FILTER (WHERE fail IS NULL) AS text)
       || ',' || CAST(count(*) FILTER (WHERE rank = 3) AS text)
       || ',' || CAST(count(*) FILTER (WHERE rank = 3 AND fail IS NOT NULL) AS text)
       || ',' || CAST(count(*) FILTER (WHERE reason IS NOT NULL AND reason NOT LIKE 'not_eligible:%'
				      AND NOT declined) AS text)
       || ',' || CAST(count(*) FILTER (WHERE reason = 'never_applied' AND NOT declined) AS text)
       || ',' || CAST(count(*) FILTER (WHERE reason = 'pending' AND NOT declined) AS text)
       || ',' || CAST(count(*) FILTER (WHERE reason = 'no_card' AND NOT declined) AS text)
       || ',' || CAST(count(*) FILTER (WHERE reason = 'no_registration' AND NOT declined) AS text)
       || ',' || CAST(count(*) FILTER (WHERE reason = 'no_status' AND NOT declined) AS text)
       || ',' || CAST(count(*) FILTER (WHERE reason IS NOT NULL AND reason NOT LIKE 'not_eligible:%'
				      AND declined) AS text)
FROM verdict GROUP BY program;
