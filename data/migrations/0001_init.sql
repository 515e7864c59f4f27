-- 0001_init: the whole domain as of the first release.
-- Dates are TEXT 'YYYY-MM-DD' (sortable, what the imports carry); timestamps
-- are TEXT UTC 'YYYY-MM-DDTHH:MM:SSZ'. Ids are the organisers' own strings.

CREATE TABLE programme (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    goal       INTEGER NOT NULL CHECK (goal >= 0),
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL CHECK (end_date >= start_date)
);

CREATE TABLE departments (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    employees  INTEGER NOT NULL DEFAULT 0 CHECK (employees >= 0),
    tables     INTEGER NOT NULL DEFAULT 1 CHECK (tables BETWEEN 0 AND 100)
);

CREATE TABLE seekers (
    id                TEXT PRIMARY KEY,
    first_name        TEXT,
    last_name         TEXT,
    gender            TEXT NOT NULL CHECK (gender IN ('woman', 'man', 'other')),
    birth_year        INTEGER,
    personal_number   TEXT,          -- never shown in lists, reports or logs
    eligibility       TEXT CHECK (eligibility IN ('jobb_och_utveckling', 'etablering', 'eu_familj')),
    interests         TEXT NOT NULL DEFAULT '',   -- SSYK 2012 codes, '|'-separated, in order of preference
    experience        TEXT NOT NULL DEFAULT '',   -- SSYK codes the seeker has worked in, '|'-separated
    education_level   INTEGER CHECK (education_level BETWEEN 1 AND 5),  -- SUN level
    swedish_level     INTEGER CHECK (swedish_level BETWEEN 0 AND 5),
    driving_licence   INTEGER CHECK (driving_licence IN (0, 1)),
    extent_preference INTEGER CHECK (extent_preference BETWEEN 1 AND 100),  -- percent of full time
    screening         INTEGER CHECK (screening BETWEEN 0 AND 5),  -- the agency's screening grade
    phone             TEXT,
    email             TEXT,
    registered        TEXT,
    purged_at         TEXT            -- set when personal details were removed
);
CREATE INDEX seekers_registered ON seekers(registered);

CREATE TABLE fairs (
    id             TEXT PRIMARY KEY,
    date           TEXT NOT NULL,
    start          TEXT NOT NULL DEFAULT '09:00',
    period_minutes INTEGER NOT NULL DEFAULT 15 CHECK (period_minutes BETWEEN 1 AND 240),
    periods        INTEGER NOT NULL CHECK (periods BETWEEN 1 AND 96),
    name           TEXT,
    place          TEXT,
    status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'matched', 'held'))
);

-- How many tables a department staffs at one fair (default: departments.tables).
CREATE TABLE fair_departments (
    fair_id       TEXT NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
    department_id TEXT NOT NULL REFERENCES departments(id),
    tables        INTEGER NOT NULL CHECK (tables BETWEEN 1 AND 100),
    PRIMARY KEY (fair_id, department_id)
);

CREATE TABLE positions (
    id                       TEXT PRIMARY KEY,
    department_id            TEXT NOT NULL REFERENCES departments(id),
    fair_id                  TEXT NOT NULL REFERENCES fairs(id),
    title                    TEXT NOT NULL DEFAULT '',
    occupation               TEXT NOT NULL DEFAULT '',   -- SSYK 2012, 4 digits
    places                   INTEGER NOT NULL DEFAULT 1 CHECK (places >= 1),
    requires_driving_licence INTEGER NOT NULL DEFAULT 0 CHECK (requires_driving_licence IN (0, 1)),
    min_swedish_level        INTEGER CHECK (min_swedish_level BETWEEN 0 AND 5),
    extent                   REAL CHECK (extent > 0 AND extent <= 100)
);
CREATE INDEX positions_fair ON positions(fair_id, department_id);

-- Who is invited to a fair and whether they came.
CREATE TABLE invitations (
    fair_id    TEXT NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
    seeker_id  TEXT NOT NULL REFERENCES seekers(id),
    attendance TEXT NOT NULL DEFAULT 'invited' CHECK (attendance IN ('invited', 'checked_in', 'no_show')),
    walk_in    INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    PRIMARY KEY (fair_id, seeker_id)
);
CREATE INDEX invitations_seeker ON invitations(seeker_id);

CREATE TABLE interviews (
    id          INTEGER PRIMARY KEY,
    fair_id     TEXT NOT NULL REFERENCES fairs(id) ON DELETE CASCADE,
    seeker_id   TEXT NOT NULL REFERENCES seekers(id),
    position_id TEXT NOT NULL REFERENCES positions(id),
    period      INTEGER,                 -- NULL while unscheduled
    table_no    INTEGER,
    score       REAL,
    why         TEXT,                    -- JSON score breakdown from the matcher
    held        INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1)),
    outcome     TEXT CHECK (outcome IN ('offer', 'reserve', 'no')),
    answer      TEXT CHECK (answer IN ('accepted', 'declined')),
    UNIQUE (fair_id, seeker_id, position_id)
);
CREATE INDEX interviews_position ON interviews(position_id);
CREATE INDEX interviews_seeker ON interviews(seeker_id);

-- The last solver result of a fair, kept for audit and reproduction.
CREATE TABLE fair_solutions (
    fair_id    TEXT PRIMARY KEY REFERENCES fairs(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    created_by TEXT,
    instance   TEXT NOT NULL,
    solution   TEXT NOT NULL
);

CREATE TABLE employments (
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
    status_90     TEXT CHECK (status_90 IN ('work', 'studies', 'unemployed', 'other', 'unknown')),
    extent        REAL CHECK (extent > 0 AND extent <= 100),
    UNIQUE (seeker_id, department_id, decision_date)
);
CREATE INDEX employments_decision ON employments(decision_date, department_id);
CREATE INDEX employments_end ON employments(end_date);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('organiser', 'manager', 'steering')),
    department_id TEXT REFERENCES departments(id),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    CHECK ((role = 'manager') = (department_id IS NOT NULL))
);

-- Sessions are stored so that a restart does not log everyone out; only a
-- hash of the session id is kept, so a copy of the database grants nothing.
CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,         -- unix seconds
    last_seen  INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,             -- UTC
    actor     TEXT NOT NULL,             -- username, or 'cli:<command>'
    action    TEXT NOT NULL,             -- create, update, delete, read, import, login, ...
    entity    TEXT NOT NULL,
    entity_id TEXT,
    detail    TEXT                       -- never a password, session id or personal number
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
