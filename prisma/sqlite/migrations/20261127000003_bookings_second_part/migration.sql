-- Issue 10: after-hours approval (R15), recurring series (G1), calendar feeds and mail (contract §5, §7).
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "approvedAt" DATETIME;
ALTER TABLE "Booking" ADD COLUMN "approvedBy" TEXT;
ALTER TABLE "Booking" ADD COLUMN "occurrenceStart" DATETIME;
ALTER TABLE "Booking" ADD COLUMN "seriesId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "locale" TEXT;

-- CreateTable
CREATE TABLE "Series" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roomId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "rrule" TEXT NOT NULL,
    "localStart" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,
    "headcount" INTEGER NOT NULL,
    "attendeeIds" TEXT NOT NULL DEFAULT '[]',
    "private" BOOLEAN NOT NULL DEFAULT false,
    "type" TEXT NOT NULL DEFAULT 'regular',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedFrom" DATETIME
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "token" TEXT NOT NULL PRIMARY KEY,
    "ownerKind" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    "sentAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "lastError" TEXT,
    "skipped" TEXT
);
INSERT INTO "new_Notification" ("at", "data", "id", "kind", "sentAt", "userId") SELECT "at", "data", "id", "kind", "sentAt", "userId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_sentAt_idx" ON "Notification"("sentAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_ownerKind_ownerId_key" ON "CalendarFeed"("ownerKind", "ownerId");

-- CreateIndex
CREATE INDEX "Booking_seriesId_idx" ON "Booking"("seriesId");

-- R15: a booking waiting for approval holds its slot: the no-overlap triggers count it.
DROP TRIGGER "Booking_no_overlap_insert";
DROP TRIGGER "Booking_no_overlap_update";

CREATE TRIGGER "Booking_no_overlap_insert"
BEFORE INSERT ON "Booking"
WHEN NEW."status" IN ('confirmed', 'checked_in', 'pending_approval')
BEGIN
  SELECT RAISE(ABORT, 'booking_overlap')
  WHERE EXISTS (
    SELECT 1 FROM "Booking" b
    WHERE b."roomId" = NEW."roomId"
      AND b."status" IN ('confirmed', 'checked_in', 'pending_approval')
      AND b."start" < NEW."end"
      AND NEW."start" < b."end"
  );
END;

CREATE TRIGGER "Booking_no_overlap_update"
BEFORE UPDATE OF "start", "end", "status", "roomId" ON "Booking"
WHEN NEW."status" IN ('confirmed', 'checked_in', 'pending_approval')
BEGIN
  SELECT RAISE(ABORT, 'booking_overlap')
  WHERE EXISTS (
    SELECT 1 FROM "Booking" b
    WHERE b."id" <> NEW."id"
      AND b."roomId" = NEW."roomId"
      AND b."status" IN ('confirmed', 'checked_in', 'pending_approval')
      AND b."start" < NEW."end"
      AND NEW."start" < b."end"
  );
END;
