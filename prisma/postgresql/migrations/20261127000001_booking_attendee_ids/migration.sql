-- A booking's attendees (the host not included) on its own row, JSON string[], so one
-- query reads a booking whole; the store keeps it with the Attendance rows.
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "attendeeIds" TEXT NOT NULL DEFAULT '[]';

-- Backfill from the Attendance rows.
UPDATE "Booking" b SET "attendeeIds" = COALESCE(
  (SELECT json_agg(a."userId" ORDER BY a."userId")::text FROM "Attendance" a WHERE a."bookingId" = b."id" AND a."role" = 'attendee'),
  '[]');
