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

-- Who to call at an organisation (not necessarily in the registry).
CREATE TABLE org_contact (
	id @ID@,
	org_id BIGINT NOT NULL REFERENCES org(id),
	name TEXT NOT NULL,
	position TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE INDEX org_contact_org ON org_contact(org_id, id);

-- Members are registry people with a role, from since until until (NULL:
-- still a member). One open membership of a person in an organisation.
CREATE TABLE org_member (
	id @ID@,
	org_id BIGINT NOT NULL REFERENCES org(id),
	person_id BIGINT NOT NULL REFERENCES person(id),
	role TEXT NOT NULL,                          -- chair, vice_chair, secretary, treasurer, committee, advisor, member
	since TEXT NOT NULL,
	until TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX org_member_org ON org_member(org_id, until, person_id);
CREATE INDEX org_member_person ON org_member(person_id, org_id);
-- At most one open-ended membership of a person in an organisation, even
-- when two writers race (the use case checks first and says why).
CREATE UNIQUE INDEX org_member_one_open ON org_member(org_id, person_id) WHERE until IS NULL;

-- What an organisation did: a meeting, a camp, a home visit day.
CREATE TABLE org_activity (
	id @ID@,
	org_id BIGINT NOT NULL REFERENCES org(id),
	title TEXT NOT NULL,
	held_on TEXT NOT NULL,
	area TEXT NOT NULL REFERENCES area(code),
	participants BIGINT NOT NULL DEFAULT 0,
	note TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX org_activity_org ON org_activity(org_id, held_on);

-- Social development volunteers (อพม.): a registry person serving an area
-- (district, tambon or village), optionally with a login of role volunteer.
CREATE TABLE volunteer (
	id @ID@,
	person_id BIGINT NOT NULL UNIQUE REFERENCES person(id),
	username TEXT UNIQUE REFERENCES app_user(username),
	area TEXT NOT NULL REFERENCES area(code),
	province TEXT NOT NULL,
	registered_on TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'active',       -- active, inactive, ended
	note TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX volunteer_area ON volunteer(area, status);

-- The villages or households a volunteer looks after (exactly one of them).
CREATE TABLE volunteer_assignment (
	id @ID@,
	volunteer_id BIGINT NOT NULL REFERENCES volunteer(id),
	area TEXT REFERENCES area(code),
	household_id BIGINT REFERENCES household(id),
	since TEXT NOT NULL,
	until TEXT,
	created_at TEXT NOT NULL,
	CHECK ((area IS NULL) <> (household_id IS NULL))
);
CREATE INDEX volunteer_assignment_vol ON volunteer_assignment(volunteer_id, until);
CREATE INDEX volunteer_assignment_area ON volunteer_assignment(area, until);
CREATE UNIQUE INDEX volunteer_assignment_one_area ON volunteer_assignment(volunteer_id, area)
	WHERE until IS NULL AND area IS NOT NULL;
CREATE UNIQUE INDEX volunteer_assignment_one_house ON volunteer_assignment(volunteer_id, household_id)
	WHERE until IS NULL AND household_id IS NOT NULL;

-- Networks: tambon, district, province, cluster (a provincial cluster code,
-- C01..C18) or national ('TH'), each inside its parent's area. Member
-- organisations and people; the roll-up follows parent_id down.
CREATE TABLE network (
	id @ID@,
	level TEXT NOT NULL,                         -- tambon, district, province, cluster, national
	area TEXT NOT NULL,                          -- DOPA code, cluster code or 'TH'
	province TEXT NOT NULL DEFAULT '',           -- for scoped lists; '' for cluster and national
	name TEXT NOT NULL,
	parent_id BIGINT REFERENCES network(id),
	founded_on TEXT,
	note TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX network_area ON network(area, level);
CREATE INDEX network_parent ON network(parent_id);

CREATE TABLE network_org (
	id @ID@,
	network_id BIGINT NOT NULL REFERENCES network(id),
	org_id BIGINT NOT NULL REFERENCES org(id),
	joined_on TEXT NOT NULL,
	left_on TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX network_org_net ON network_org(network_id, left_on, org_id);
CREATE INDEX network_org_org ON network_org(org_id);
CREATE UNIQUE INDEX network_org_one_open ON network_org(network_id, org_id) WHERE left_on IS NULL;

CREATE TABLE network_person (
	id @ID@,
	network_id BIGINT NOT NULL REFERENCES network(id),
	person_id BIGINT NOT NULL REFERENCES person(id),
	role TEXT NOT NULL DEFAULT 'member',         -- coordinator, committee, member
	joined_on TEXT NOT NULL,
	left_on TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX network_person_net ON network_person(network_id, left_on, person_id);
CREATE UNIQUE INDEX network_person_one_open ON network_person(network_id, person_id) WHERE left_on IS NULL;
