-- No double booking, enforced by the database (issue 2, R3).
-- SQLite has no exclusion constraints: these triggers abort any insert or
-- update that would make two active bookings of one room intersect. SQLite
-- runs each statement inside a write transaction that holds the database's
-- write lock, so the check and the write cannot interleave with another writer.
-- Times are stored as integer epoch milliseconds (timestampFormat unixepoch-ms),
-- so the comparisons are numeric. Overlap = any intersection of [start, end).

CREATE TRIGGER "Booking_no_overlap_insert"
BEFORE INSERT ON "Booking"
WHEN NEW."status" IN ('confirmed', 'checked_in')
BEGIN
  SELECT RAISE(ABORT, 'booking_overlap')
  WHERE EXISTS (
    SELECT 1 FROM "Booking" b
    WHERE b."roomId" = NEW."roomId"
      AND b."status" IN ('confirmed', 'checked_in')
      AND b."start" < NEW."end"
      AND NEW."start" < b."end"
  );
END;

CREATE TRIGGER "Booking_no_overlap_update"
BEFORE UPDATE OF "start", "end", "status", "roomId" ON "Booking"
WHEN NEW."status" IN ('confirmed', 'checked_in')
BEGIN
  SELECT RAISE(ABORT, 'booking_overlap')
  WHERE EXISTS (
    SELECT 1 FROM "Booking" b
    WHERE b."id" <> NEW."id"
      AND b."roomId" = NEW."roomId"
      AND b."status" IN ('confirmed', 'checked_in')
      AND b."start" < NEW."end"
      AND NEW."start" < b."end"
  );
END;

CREATE TRIGGER "Booking_valid_interval"
BEFORE INSERT ON "Booking"
WHEN NEW."end" <= NEW."start"
BEGIN
  SELECT RAISE(ABORT, 'booking_invalid_interval');
END;
