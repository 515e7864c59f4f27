-- 0006_steering: what the steering group's report compares the women's
-- share of hires with. target_group holds the agency's monthly figures of
-- the target group (seed 003: about 60/40 men/women at the start, 50/50 at
-- the end of 2018), imported with `fairmatch import targetgroup FILE`;
-- total may include people of other or unknown gender. steering_target
-- holds the programme's own target for the women's share of hires
-- (`fairmatch programme set --women-target 0.40`), one row or none.
CREATE TABLE target_group (
    month TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    women INTEGER NOT NULL CHECK (women >= 0),
    men   INTEGER NOT NULL CHECK (men >= 0),
    total INTEGER NOT NULL CHECK (total >= women + men)
) WITHOUT ROWID;
CREATE TABLE steering_target (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    women_share REAL NOT NULL CHECK (women_share >= 0 AND women_share <= 1)
);
-- A goal for the hires decided within one calendar year (seed 003: 500
-- in 2018), for the forecast (`programme set --year-goal 2018=500`).
CREATE TABLE steering_year_goal (
    year INTEGER PRIMARY KEY CHECK (year BETWEEN 1 AND 9999),
    goal INTEGER NOT NULL CHECK (goal >= 0)
);
