-- 0009_replan: stable re-planning (issue 16). A re-plan is first a
-- proposal the organiser reads and confirms; a confirmed re-plan keeps the
-- list of what it changed, to print and send to the people concerned.
-- Names are not copied here: they are joined from seekers at read time, so
-- a purge blanks them here too.

-- The fair's pending proposal (at most one): the plan it would store, and
-- the state it was computed from (base), so a stale one is refused.
CREATE TABLE replan_proposals (
    fair_id     TEXT PRIMARY KEY REFERENCES fairs(id) ON DELETE CASCADE,
    token       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT,
    from_period INTEGER NOT NULL,
    base        TEXT NOT NULL,
    instance    TEXT NOT NULL,
    solution    TEXT              -- NULL: nothing changed, nothing was solved
);

CREATE TABLE replan_proposal_rows (
    fair_id     TEXT NOT NULL REFERENCES replan_proposals(fair_id) ON DELETE CASCADE,
    seeker_id   TEXT NOT NULL,
    position_id TEXT NOT NULL,
    period      INTEGER NOT NULL,
    table_no    INTEGER NOT NULL,
    score       REAL,
    why         TEXT
);
CREATE INDEX replan_proposal_rows_fair ON replan_proposal_rows(fair_id);

-- Every re-plan that was saved, with its counts.
CREATE TABLE replans (
    id          INTEGER PRIMARY KEY,
    fair_id     TEXT NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    created_by  TEXT,
    from_period INTEGER NOT NULL,
    moved       INTEGER NOT NULL,
    gained      INTEGER NOT NULL,
    lost        INTEGER NOT NULL,
    kept        INTEGER NOT NULL
);
CREATE INDEX replans_fair ON replans(fair_id, id);

-- What one re-plan changed: an interview moved, gained or lost.
CREATE TABLE replan_changes (
    replan_id   INTEGER NOT NULL REFERENCES replans(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('moved', 'gained', 'lost')),
    seeker_id   TEXT NOT NULL,
    position_id TEXT NOT NULL,
    old_period  INTEGER,
    old_table   INTEGER,
    new_period  INTEGER,
    new_table   INTEGER,
    PRIMARY KEY (replan_id, seq)
);
