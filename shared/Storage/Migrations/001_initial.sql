-- Elections, constituencies (contests), lists and bureaus (FR001, TR002).
CREATE TABLE election (
    id              text PRIMARY KEY,
    event_id        text NOT NULL,
    name            text NOT NULL,
    issue_from      timestamptz NOT NULL,
    issue_until     timestamptz NOT NULL,
    in_person_close timestamptz NOT NULL,
    validated_at    timestamptz NOT NULL
);

CREATE TABLE bureau (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    address      text NOT NULL,
    election_id  text NOT NULL REFERENCES election(id),
    contest_id   text NOT NULL,
    key_hash     bytea UNIQUE
);

CREATE TABLE contest (
    election_id     text NOT NULL REFERENCES election(id),
    id              text NOT NULL,
    name            text NOT NULL,
    languages       text NOT NULL,            -- e.g. 'fr', 'nl', 'fr+nl'
    seats           int  NOT NULL,
    main_bureau_id  text,
    PRIMARY KEY (election_id, id)
);

CREATE TABLE candidate_list (
    election_id  text NOT NULL,
    contest_id   text NOT NULL,
    number       int  NOT NULL,
    name         text NOT NULL,
    PRIMARY KEY (election_id, contest_id, number),
    FOREIGN KEY (election_id, contest_id) REFERENCES contest(election_id, id)
);

CREATE TABLE candidate (
    election_id  text NOT NULL,
    contest_id   text NOT NULL,
    list_number  int  NOT NULL,
    position     int  NOT NULL,
    substitute   boolean NOT NULL,
    name         text NOT NULL,
    PRIMARY KEY (election_id, contest_id, list_number, substitute, position),
    FOREIGN KEY (election_id, contest_id, list_number) REFERENCES candidate_list(election_id, contest_id, number)
);

-- Voters are keyed by a keyed hash of the national number; label data is sealed (ARCHITECTURE §3).
CREATE TABLE voter (
    voter_key    bytea PRIMARY KEY,
    language     text  NOT NULL,
    name_sealed  bytea NOT NULL
);

-- One row per voter and election: label, prints and the envelope status (FR008).
CREATE TABLE envelope (
    voter_key          bytea NOT NULL REFERENCES voter(voter_key),
    election_id        text  NOT NULL,
    contest_id         text  NOT NULL,
    label_token_hash   bytea UNIQUE,
    label_token_sealed bytea,
    print_count        int   NOT NULL DEFAULT 0,
    status             smallint NOT NULL DEFAULT 0,
    received_at        timestamptz,
    bureau_id          text,
    duplicates         int   NOT NULL DEFAULT 0,
    voted_in_person    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (voter_key, election_id),
    FOREIGN KEY (election_id, contest_id) REFERENCES contest(election_id, id)
);

-- Every receipt a scanner sent, kept for reconciliation; the idempotency key makes retries harmless.
CREATE TABLE receipt (
    id               bigserial PRIMARY KEY,
    bureau_id        text NOT NULL REFERENCES bureau(id),
    idempotency_key  text NOT NULL,
    label_token_hash bytea NOT NULL,
    scanned_at       timestamptz NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    outcome          text,
    UNIQUE (bureau_id, idempotency_key)
);

-- The queue itself: pending receipts, claimed with FOR UPDATE SKIP LOCKED (ARCHITECTURE §4).
CREATE TABLE receipt_queue (
    receipt_id  bigint PRIMARY KEY REFERENCES receipt(id),
    enqueued_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE receipt_reject (
    receipt_id  bigint PRIMARY KEY REFERENCES receipt(id),
    reason      text NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT now()
);

-- Counted ballots, known only by a keyed hash of the K-code; first registration wins.
CREATE TABLE registered_ballot (
    kcode_hash     bytea PRIMARY KEY,
    election_id    text NOT NULL REFERENCES election(id),
    contest_id     text NOT NULL,
    bureau_id      text NOT NULL REFERENCES bureau(id),
    classification text NOT NULL,
    registered_on  date NOT NULL,
    copies         int  NOT NULL DEFAULT 1
);

-- Append-only, hash-chained audit trail (TR008, SEC007). Never a K-code.
CREATE TABLE audit_event (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL,
    actor     text NOT NULL,
    action    text NOT NULL,
    subject   text NOT NULL,
    details   text NOT NULL DEFAULT '{}',       -- JSON, kept verbatim so the chain hash can be recomputed
    prev_hash bytea NOT NULL,
    hash      bytea NOT NULL
);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END $$;

CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

-- ASP.NET Core Data Protection key ring shared by every replica (session cookies).
CREATE TABLE data_protection_key (
    friendly_name text PRIMARY KEY,
    xml           text NOT NULL
);
