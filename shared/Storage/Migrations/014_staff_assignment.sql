-- The roles of the people who work with the system (FR011, SEC014), per election and, for the
-- bureau roles, per bureau. A person is known by a keyed hash of the national number in a context
-- of its own (SEC003): never the number, and not joinable with the voter table. Every change is
-- audited; the segregation of duties is decided in Domain (StaffRules) under a lock on the person.
CREATE TABLE staff_assignment (
    person       bytea NOT NULL,
    role         text  NOT NULL CHECK (role IN ('reception-operator', 'counting-typist', 'president', 'organiser', 'auditor', 'operator')),
    election_id  text  NOT NULL REFERENCES election(id),
    bureau_id    text  REFERENCES bureau(id),
    assigned_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((role IN ('reception-operator', 'counting-typist', 'president')) = (bureau_id IS NOT NULL))
);

CREATE UNIQUE INDEX staff_assignment_unique ON staff_assignment (person, role, election_id, coalesce(bureau_id, ''));
