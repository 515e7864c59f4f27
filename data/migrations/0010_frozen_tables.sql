-- 0010_frozen_tables: a fair that has interviews keeps the table layout it
-- was planned with. Until now a department without a fair_departments row
-- at a fair took its tables from the register, so importing a register
-- with fewer tables hid a held fair's interviews from its timetable. From
-- now on a match writes the rows (FM_SQL_FREEZE_FAIR_TABLES in
-- src/store/store_internal.h); this writes them for the fairs matched
-- before, with at least as many tables as an interview already uses.
INSERT INTO fair_departments(fair_id, department_id, tables)
SELECT fair_id, id, t FROM (
    SELECT f.id AS fair_id, d.id,
           min(100, max(d.tables, coalesce((SELECT max(i.table_no) FROM interviews i
                                            JOIN positions p ON p.id = i.position_id
                                            WHERE i.fair_id = f.id AND p.department_id = d.id), 0))) AS t
    FROM fairs f JOIN departments d
    WHERE EXISTS (SELECT 1 FROM interviews i0 WHERE i0.fair_id = f.id)
      AND EXISTS (SELECT 1 FROM positions p0 WHERE p0.fair_id = f.id AND p0.department_id = d.id)
      AND NOT EXISTS (SELECT 1 FROM fair_departments x
                      WHERE x.fair_id = f.id AND x.department_id = d.id))
WHERE t > 0;
