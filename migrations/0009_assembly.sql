-- Welfare assemblies and forums (สมัชชาสวัสดิการ): the event, its organisers,
-- invitation quotas per area, registrations (registry people or named
-- guests) and attendance per day, the agenda, the proposals written in the
-- breakout groups and what came of each of them, and the strategies and
-- commitments signed at the event (core/assembly.h, app/assembly.c).

CREATE TABLE assembly (
	id @ID@,
	title TEXT NOT NULL,
	level TEXT NOT NULL,                         -- tambon, district, province, cluster, region, national
	area TEXT NOT NULL,                           -- the tambon/district/province; 'TH' (not a row of area) for cluster, region, national
	group_code TEXT NOT NULL DEFAULT '',         -- the cluster (C16) or region (north) for those levels
	province TEXT NOT NULL,                      -- first two digits of area ('' for TH)
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	venue TEXT NOT NULL DEFAULT '',
	budget BIGINT NOT NULL DEFAULT 0,            -- satang
	status TEXT NOT NULL DEFAULT 'planned',      -- planned, held, cancelled
	note TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX assembly_area ON assembly(area, starts_on);

-- Who organises it: an organisation of the network, or a name in free text.
CREATE TABLE assembly_organiser (
	id @ID@,
	assembly_id BIGINT NOT NULL REFERENCES assembly(id),
	org_id BIGINT REFERENCES org(id),
	name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assembly_organiser_event ON assembly_organiser(assembly_id);

-- Invitations: at most quota people whose area of origin lies in area.
CREATE TABLE assembly_quota (
	id @ID@,
	assembly_id BIGINT NOT NULL REFERENCES assembly(id),
	area TEXT NOT NULL,
	quota BIGINT NOT NULL,
	UNIQUE (assembly_id, area)
);

-- A participant: a registry person (name copied at registration) or a guest.
CREATE TABLE assembly_registration (
	id @ID@,
	assembly_id BIGINT NOT NULL REFERENCES assembly(id),
	person_id BIGINT REFERENCES person(id),
	name TEXT NOT NULL,
	organisation TEXT NOT NULL DEFAULT '',
	origin TEXT NOT NULL REFERENCES area(code),  -- tambon (or other area) of origin
	role TEXT NOT NULL DEFAULT 'participant',    -- participant, speaker, organiser, observer
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX assembly_registration_event ON assembly_registration(assembly_id, origin);
CREATE UNIQUE INDEX assembly_registration_person ON assembly_registration(assembly_id, person_id);

CREATE TABLE assembly_attendance (
	id @ID@,
	registration_id BIGINT NOT NULL REFERENCES assembly_registration(id),
	day TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (registration_id, day)
);

CREATE TABLE assembly_agenda (
	id @ID@,
	assembly_id BIGINT NOT NULL REFERENCES assembly(id),
	kind TEXT NOT NULL,                          -- lecture, panel, breakout, other
	title TEXT NOT NULL,
	day TEXT NOT NULL,
	starts_at TEXT NOT NULL DEFAULT '',          -- HH:MM
	ends_at TEXT NOT NULL DEFAULT '',
	speakers TEXT NOT NULL DEFAULT '',
	target_group TEXT NOT NULL DEFAULT '',       -- breakouts: child_youth, working_age, elderly, disadvantaged
	pillar TEXT NOT NULL DEFAULT ''              -- or by pillar: assistance, services, insurance, partnership
);
CREATE INDEX assembly_agenda_event ON assembly_agenda(assembly_id, day, starts_at);

-- A proposal written in a group, and where it stands:
--   proposed -> submitted -> adopted -> funded -> implemented
--        \           \           \         \--> declined (with the reason)
CREATE TABLE proposal (
	id @ID@,
	assembly_id BIGINT NOT NULL REFERENCES assembly(id),
	agenda_id BIGINT REFERENCES assembly_agenda(id),
	area TEXT NOT NULL,                           -- the event's area or one inside it ('TH' too)
	group_name TEXT NOT NULL DEFAULT '',
	target_group TEXT NOT NULL,
	pillar TEXT NOT NULL,
	problem TEXT NOT NULL,
	recommendation TEXT NOT NULL,
	body TEXT NOT NULL,                          -- who is asked to act
	endorsements BIGINT NOT NULL DEFAULT 0,
	endorsed_by TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'proposed',
	adopted_into TEXT NOT NULL DEFAULT '',       -- provincial_plan, local_ordinance
	funded_amount BIGINT NOT NULL DEFAULT 0,     -- satang
	proposed_on TEXT NOT NULL,
	status_on TEXT NOT NULL,                     -- date of the latest step
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX proposal_event ON proposal(assembly_id);
CREATE INDEX proposal_area ON proposal(area, proposed_on);

CREATE TABLE proposal_step (
	id @ID@,
	proposal_id BIGINT NOT NULL REFERENCES proposal(id),
	status TEXT NOT NULL,
	on_date TEXT NOT NULL,
	evidence TEXT NOT NULL DEFAULT '',
	reference TEXT NOT NULL DEFAULT '',
	actor TEXT NOT NULL,
	at TEXT NOT NULL
);
CREATE INDEX proposal_step_of ON proposal_step(proposal_id);

-- Strategies agreed and commitments signed at the event.
CREATE TABLE assembly_commitment (
	id @ID@,
	assembly_id BIGINT NOT NULL REFERENCES assembly(id),
	kind TEXT NOT NULL,                          -- strategy, commitment
	text TEXT NOT NULL,
	signed_by TEXT NOT NULL DEFAULT '',
	signed_on TEXT,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX assembly_commitment_event ON assembly_commitment(assembly_id);
