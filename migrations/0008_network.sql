-- Civil society: organisations of every kind (core/org.h), with their area.
-- The network's other tables (members, contacts, activities, volunteers,
-- network levels) follow in this file; assemblies (0009) and the grant
-- fund (0010) refer to org(id).

CREATE TABLE org (
	id @ID@,
	kind TEXT NOT NULL,                          -- core/org.h: youth_council, elderly_club, ...
	name_th TEXT NOT NULL,
	name_en TEXT NOT NULL DEFAULT '',
	area TEXT NOT NULL REFERENCES area(code),    -- where it works (village, tambon, district, province, TH)
	province TEXT NOT NULL,                      -- first two digits of area ('' for TH), for scoped lists
	address TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	cert_no TEXT NOT NULL DEFAULT '',            -- public-benefit certificate (Act B.E. 2546), when certified
	cert_date TEXT,
	founded_on TEXT,
	status TEXT NOT NULL DEFAULT 'active',       -- active, dissolved
	note TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX org_area ON org(area, kind);
CREATE INDEX org_kind ON org(kind, province);
