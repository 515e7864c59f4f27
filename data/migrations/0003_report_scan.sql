-- 0003_report_scan: the report reads every employment once, in decision
-- order, for the hires since the start, the pool and the people employed
-- at the month's end (src/store/report_people.c). This index covers that
-- read, so it never touches the table rows; chosen with bench/report/run.sh
-- (100,000 employments). It replaces 0002's employments_report, a prefix
-- of it.
DROP INDEX IF EXISTS employments_report;
CREATE INDEX employments_report_scan
    ON employments(decision_date, department_id, seeker_id, start_date, end_date, extent);
