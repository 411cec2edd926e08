-- Withdrawing a registration from a welfare assembly (app/assembly.c,
-- app_assembly_withdraw). The row is kept, marked withdrawn with who, when
-- and why; a withdrawn registration no longer counts against its area's
-- quota, is left off the sign-in sheet and cannot be signed in. Only a
-- registration without recorded attendance is withdrawn.
--
-- The person may register again once withdrawn, so "a person registers
-- once per event" now counts the registrations that stand: the unique
-- index becomes partial (both engines have partial indexes).

ALTER TABLE assembly_registration ADD COLUMN withdrawn_at TEXT;          -- UTC timestamp; NULL while it stands
ALTER TABLE assembly_registration ADD COLUMN withdrawn_by TEXT NOT NULL DEFAULT '';
ALTER TABLE assembly_registration ADD COLUMN withdrawn_reason TEXT NOT NULL DEFAULT '';

DROP INDEX assembly_registration_person;
CREATE UNIQUE INDEX assembly_registration_person ON assembly_registration(assembly_id, person_id)
	WHERE withdrawn_at IS NULL;
