-- A booking's attendees (the host not included) on its own row, JSON string[], so one
-- query reads a booking whole; the store keeps it with the Attendance rows.
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "attendeeIds" TEXT NOT NULL DEFAULT '[]';

-- Backfill from the Attendance rows.
UPDATE "Booking" SET "attendeeIds" = COALESCE(
  (SELECT json_group_array("userId") FROM (SELECT "userId" FROM "Attendance" a WHERE a."bookingId" = "Booking"."id" AND a."role" = 'attendee' ORDER BY "userId")),
  '[]');
