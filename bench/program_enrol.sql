-- Enrolments in the three state programs for a realistic share of a
-- population made by `sawat gen` (bench/program.sh runs this with the
-- sqlite3 shell, @M1@ replaced by the first day of the benchmark's month).
-- Written straight into the table, not through the use cases: benchmark
-- data, with no audit entries and no steps. The reference check
-- (tests/reference) enrols its people through the use cases instead.
--
-- Who, with h = a fixed hash of the person's id in 0..999:
--   old_age        88% of those aged 60 or more by the month (dead ones
--                  too: their deaths were recorded without ending the
--                  enrolment, so the roll stops them), applying in the
--                  months after their 60th birthday (from October 2009),
--                  so those who turned 60 from 12 Aug 2023 face the income
--                  test; 2% of them non-Thai or outside a house register
--                  (enrolled in error); 0.2% enrolled again at the district
--                  (two offices), 0.14% at another tambon (moved away)
--   disability     85% of the card holders, 10% of the disabled without a
--                  card (the card lapsed or never came)
--   child_support  70% of children up to 6 (those who turned 7 since are
--                  still enrolled: no longer eligible)
-- Statuses: 97.8% active (paid through last month; 2% approved late, with
-- arrears), 1% applied, 0.5% verified, 0.5% suspended.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TEMP TABLE bench_month AS SELECT '@M1@' AS m1, date('@M1@', '-1 month') AS prev;

CREATE TEMP TABLE cand AS
SELECT p.id AS person_id, p.area, p.province,
       (p.id * 2654435761) % 1000 AS h,
       g.code AS program,
       CASE g.code
         WHEN 'old_age' THEN max('2009-10-01', date(p.birth_date, '+60 years',
                                  '+' || ((p.id * 7) % 240) || ' days'))
         WHEN 'disability' THEN max('2020-10-01', (SELECT min(n.observed_on) FROM person_need n
                                     WHERE n.person_id = p.id AND n.kind = 'disability'))
         ELSE max('2019-10-01', date(p.birth_date, '+' || ((p.id * 7) % 90) || ' days'))
       END AS applied
FROM person p
JOIN program g ON g.code IN ('old_age', 'disability', 'child_support')
CROSS JOIN bench_month b
WHERE p.merged_into IS NULL AND p.birth_date IS NOT NULL
  AND CASE g.code
    WHEN 'old_age' THEN p.birth_date <= date(b.m1, '-60 years')
      AND ((p.nationality = 'TH' AND p.reg_status = 'house' AND (p.id * 2654435761) % 1000 < 880)
        OR (p.id * 2654435761) % 1000 < 20)
      AND (p.death_date IS NULL OR p.death_date >= date(b.m1, '-3 months'))
    WHEN 'disability' THEN p.death_date IS NULL AND EXISTS (SELECT 1 FROM person_need n
        WHERE n.person_id = p.id AND n.kind = 'disability' AND n.ended_on IS NULL
          AND ((n.card_no IS NOT NULL AND (p.id * 2654435761) % 1000 < 850)
            OR (n.card_no IS NULL AND (p.id * 2654435761) % 1000 < 100)))
    ELSE p.death_date IS NULL AND p.birth_date > date(b.m1, '-8 years')
      AND p.nationality = 'TH' AND (p.id * 2654435761) % 1000 < 700
  END;

-- Late approvals apply three months ago; nobody applies after last month.
UPDATE cand SET applied = date((SELECT m1 FROM bench_month), '-3 months',
                               '+' || (h % 28) || ' days')
WHERE h % 50 = 0;
UPDATE cand SET applied = date((SELECT m1 FROM bench_month), '-2 months', '+' || (h % 28) || ' days')
WHERE applied >= date((SELECT m1 FROM bench_month), '-1 month');

INSERT INTO enrolment (program_id, person_id, office, province, status, applied_on, active_from,
                       paid_through, created_by, created_at, updated_at)
SELECT g.id, c.person_id,
       CASE WHEN c.h % 700 = 3 AND c.program = 'old_age'
            THEN coalesce((SELECT a.code FROM area a WHERE a.code > substr(c.area, 1, 6)
                           AND length(a.code) = 6 ORDER BY a.code LIMIT 1), substr(c.area, 1, 6))
            ELSE substr(c.area, 1, 6) END,
       c.province,
       CASE WHEN c.h % 200 < 2 THEN 'applied' WHEN c.h % 200 = 2 THEN 'verified'
            WHEN c.h % 200 = 3 THEN 'suspended' ELSE 'active' END,
       c.applied,
       CASE WHEN c.h % 200 < 3 THEN NULL ELSE date(c.applied, 'start of month', '+1 month') END,
       CASE WHEN c.h % 200 < 3 OR c.h % 50 = 0 THEN NULL ELSE b.prev END,
       'bench', c.applied || 'T00:00:00Z', c.applied || 'T00:00:00Z'
FROM cand c JOIN program g ON g.code = c.program CROSS JOIN bench_month b
ORDER BY c.person_id, g.id;

-- Two offices: the district's enrolment came later (the tambon's is paid).
INSERT INTO enrolment (program_id, person_id, office, province, status, applied_on, active_from,
                       paid_through, created_by, created_at, updated_at)
SELECT g.id, c.person_id, substr(c.area, 1, 4), c.province, 'active', c.applied,
       date(c.applied, 'start of month', '+1 month'), b.prev, 'bench',
       c.applied || 'T00:00:00Z', c.applied || 'T00:00:00Z'
FROM cand c JOIN program g ON g.code = c.program CROSS JOIN bench_month b
WHERE c.program = 'old_age' AND c.h % 500 = 1 AND c.h % 200 >= 3
ORDER BY c.person_id;

COMMIT;
SELECT g.code, x.status, count(*) FROM enrolment x JOIN program g ON g.id = x.program_id
GROUP BY 1, 2 ORDER BY 1, 2;
