-- No double booking, enforced by the database (issue 2, R3).
-- Prisma cannot express an exclusion constraint, so it is added here by hand:
-- two active bookings of one room may not intersect ([start, end) ranges).
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE "Booking"
  ADD CONSTRAINT "Booking_valid_interval" CHECK ("end" > "start");

ALTER TABLE "Booking"
  ADD CONSTRAINT "Booking_no_overlap"
  EXCLUDE USING gist ("roomId" WITH =, tsrange("start", "end", '[)') WITH &&)
  WHERE ("status" IN ('confirmed', 'checked_in'));
