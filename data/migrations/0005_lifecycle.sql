-- 0005_lifecycle: what happens after the yes (issue 13). An employment's
-- life cycle as events on one row: the offer accepted, the agency's
-- decision (the hire), the start, extensions (own table: an extension is
-- never a hire, so every hire count that reads `employments` stays right),
-- the end with its reason, and the status 90, 180 and 365 days after it.
-- status_90 gains subsidised_work and other_programme; SQLite cannot change
-- a CHECK in place, so the table is rebuilt with the same ids and indexes.

CREATE TABLE employments_new (
    id            INTEGER PRIMARY KEY,
    seeker_id     TEXT NOT NULL REFERENCES seekers(id),
    department_id TEXT NOT NULL REFERENCES departments(id),
    position_id   TEXT REFERENCES positions(id),
    interview_id  INTEGER REFERENCES interviews(id),
    decision_date TEXT NOT NULL,
    start_date    TEXT,
    end_date      TEXT,
    end_reason    TEXT CHECK (end_reason IN ('to_work', 'to_studies', 'own_business', 'completed',
        'other_programme', 'illness', 'other_authority', 'not_reachable', 'moved',
        'disability_pension', 'parental_leave', 'change_provider', 'dissatisfied',
        'substance_abuse', 'social_services', 'not_target_group', 'temporary_end',
        'prison_service', 'other')),
    status_90     TEXT CHECK (status_90 IN ('work', 'subsidised_work', 'studies',
        'other_programme', 'unemployed', 'other', 'unknown')),
    extent        REAL CHECK (extent > 0 AND extent <= 100),
    accepted_date TEXT,              -- the seeker said yes (before the agency's decision)
    planned_end   TEXT,              -- as first decided; extensions carry later ones
    status_180    TEXT CHECK (status_180 IN ('work', 'subsidised_work', 'studies',
        'other_programme', 'unemployed', 'other', 'unknown')),
    status_365    TEXT CHECK (status_365 IN ('work', 'subsidised_work', 'studies',
        'other_programme', 'unemployed', 'other', 'unknown')),
    UNIQUE (seeker_id, department_id, decision_date)
);
INSERT INTO employments_new (id, seeker_id, department_id, position_id, interview_id,
        decision_date, start_date, end_date, end_reason, status_90, extent)
    SELECT id, seeker_id, department_id, position_id, interview_id, decision_date, start_date,
        end_date, end_reason, status_90, extent FROM employments;
DROP TABLE employments;
ALTER TABLE employments_new RENAME TO employments;
CREATE INDEX employments_decision ON employments(decision_date, department_id);
CREATE INDEX employments_end ON employments(end_date);
CREATE INDEX employments_seeker_decision ON employments(seeker_id, decision_date);
CREATE INDEX employments_began ON employments(coalesce(start_date, decision_date));
CREATE INDEX employments_position ON employments(position_id);
CREATE INDEX employments_interview ON employments(interview_id);
CREATE INDEX employments_report_scan
    ON employments(decision_date, department_id, seeker_id, start_date, end_date, extent);

-- An extension (förlängning): the agency's decision to continue an
-- employment to a new planned end. Keyed like the import's rows.
CREATE TABLE employment_extensions (
    id            INTEGER PRIMARY KEY,
    employment_id INTEGER NOT NULL REFERENCES employments(id) ON DELETE CASCADE,
    decision_date TEXT NOT NULL,
    planned_end   TEXT,
    UNIQUE (employment_id, decision_date)
);

-- A follow-up done (seed 004 §7.1, seed 000 §11): at 3, 6 or 12 months in
-- the job, or the status 90, 180 or 365 days after the end. Recording one
-- takes the employment off the worklist for that milestone.
CREATE TABLE follow_ups (
    id            INTEGER PRIMARY KEY,
    employment_id INTEGER NOT NULL REFERENCES employments(id) ON DELETE CASCADE,
    milestone     TEXT NOT NULL CHECK (milestone IN ('3m', '6m', '12m', 'status_90',
        'status_180', 'status_365')),
    done_on       TEXT NOT NULL,
    done_by       TEXT NOT NULL,
    status        TEXT CHECK (status IN ('work', 'subsidised_work', 'studies',
        'other_programme', 'unemployed', 'other', 'unknown', 'employed')),
    note          TEXT,
    UNIQUE (employment_id, milestone)
);

-- When the seeker said yes; the decision is a separate, later event.
ALTER TABLE interviews ADD COLUMN accepted_date TEXT;
