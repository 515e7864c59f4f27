-- 0008_store_hardening: a personal number belongs to one seeker (issue 15).
-- The store checks first and names the seeker who holds the number
-- (fm_store_seeker_upsert); these triggers are the backstop for any other
-- writer. Triggers rather than a UNIQUE index: a database that already holds
-- a duplicate must still open and migrate; the organiser then resolves it,
-- and no new duplicate can be written. The partial index makes the check a
-- lookup instead of a scan of every seeker.
CREATE INDEX seekers_personal_number ON seekers(personal_number)
    WHERE personal_number IS NOT NULL;

CREATE TRIGGER seekers_personal_number_insert BEFORE INSERT ON seekers
    WHEN NEW.personal_number IS NOT NULL AND EXISTS (
        SELECT 1 FROM seekers WHERE personal_number = NEW.personal_number AND id <> NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'personal_number: already held by another seeker');
END;

CREATE TRIGGER seekers_personal_number_update BEFORE UPDATE OF personal_number ON seekers
    WHEN NEW.personal_number IS NOT NULL AND EXISTS (
        SELECT 1 FROM seekers WHERE personal_number = NEW.personal_number AND id <> NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'personal_number: already held by another seeker');
END;
