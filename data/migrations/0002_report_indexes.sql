-- 0002_report_indexes: indexes for the monthly report (src/store/report_repo.c),
-- chosen with bench/report/run.sh (100,000 employments, 50,000 seekers).
-- Hires by month, department and gender: the date range and the seeker come
-- from the index alone, the gender from a covering index on seekers.
CREATE INDEX employments_report ON employments(decision_date, department_id, seeker_id);
CREATE INDEX seekers_gender ON seekers(id, gender);
-- The pool: "no hire decided before the month" is one probe per seeker.
CREATE INDEX employments_seeker_decision ON employments(seeker_id, decision_date);
-- Follow-ups due: employments that began in a 13-month window.
CREATE INDEX employments_began ON employments(coalesce(start_date, decision_date));
-- The fair pipeline's "hired": employments of a fair's positions or interviews.
CREATE INDEX employments_position ON employments(position_id);
CREATE INDEX employments_interview ON employments(interview_id);
