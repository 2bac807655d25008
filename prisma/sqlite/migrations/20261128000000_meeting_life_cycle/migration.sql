-- AlterTable
ALTER TABLE "Attendance" ADD COLUMN "leaveGranted" BOOLEAN;
ALTER TABLE "Attendance" ADD COLUMN "leftAt" DATETIME;
ALTER TABLE "Attendance" ADD COLUMN "markedBy" TEXT;

-- CreateTable
CREATE TABLE "Meeting" (
    "bookingId" TEXT NOT NULL PRIMARY KEY,
    "seriesId" TEXT,
    "delegateId" TEXT,
    "minuteTakerId" TEXT,
    "ccDepartments" TEXT NOT NULL DEFAULT '[]',
    "department" TEXT,
    "nextTopic" TEXT,
    "nextStart" DATETIME,
    "nextEnd" DATETIME,
    "nextRoomId" TEXT,
    "nextBookingId" TEXT,
    "materialsRemindedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "presenterId" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Material" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "uploadedAt" DATETIME NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "Vote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "question" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openedBy" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "result" TEXT
);

-- CreateTable
CREATE TABLE "Ballot" (
    "voteId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("voteId", "userId"),
    CONSTRAINT "Ballot_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "voteId" TEXT,
    "text" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "seriesId" TEXT,
    "decisionId" TEXT,
    "text" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "department" TEXT,
    "deadline" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "plan" TEXT,
    "progress" TEXT NOT NULL DEFAULT '[]',
    "problems" TEXT NOT NULL DEFAULT '[]',
    "report" TEXT,
    "completedAt" DATETIME,
    "evaluation" TEXT,
    "overdueReason" TEXT,
    "remedy" TEXT,
    "analysedAt" DATETIME,
    "overdueNotifiedAt" DATETIME,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Minutes" (
    "bookingId" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "text" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 0,
    "minuteTakerId" TEXT,
    "meetingStart" DATETIME NOT NULL,
    "meetingEnd" DATETIME NOT NULL,
    "draftDue" DATETIME NOT NULL,
    "distributeDue" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "approvedAt" DATETIME,
    "approvedBy" TEXT,
    "returnedReason" TEXT,
    "draftRemindedAt" DATETIME,
    "distributeRemindedAt" DATETIME,
    "draftMissedAt" DATETIME,
    "distributeMissedAt" DATETIME,
    "archive" TEXT,
    "searchText" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MinutesConfirmation" (
    "bookingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "comment" TEXT,

    PRIMARY KEY ("bookingId", "userId"),
    CONSTRAINT "MinutesConfirmation_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Minutes" ("bookingId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Meeting_seriesId_idx" ON "Meeting"("seriesId");

-- CreateIndex
CREATE INDEX "AgendaItem_bookingId_section_position_idx" ON "AgendaItem"("bookingId", "section", "position");

-- CreateIndex
CREATE INDEX "Material_bookingId_idx" ON "Material"("bookingId");

-- CreateIndex
CREATE INDEX "Vote_bookingId_idx" ON "Vote"("bookingId");

-- CreateIndex
CREATE INDEX "Decision_bookingId_idx" ON "Decision"("bookingId");

-- CreateIndex
CREATE INDEX "ActionItem_ownerId_status_idx" ON "ActionItem"("ownerId", "status");

-- CreateIndex
CREATE INDEX "ActionItem_seriesId_idx" ON "ActionItem"("seriesId");

-- CreateIndex
CREATE INDEX "ActionItem_status_deadline_idx" ON "ActionItem"("status", "deadline");

-- CreateIndex
CREATE INDEX "ActionItem_bookingId_idx" ON "ActionItem"("bookingId");

-- CreateIndex
CREATE INDEX "Minutes_status_meetingStart_idx" ON "Minutes"("status", "meetingStart");

-- CreateIndex
CREATE INDEX "Minutes_meetingStart_idx" ON "Minutes"("meetingStart");

-- C8: full-text search of archived minutes. FTS5 with Porter stemming for English; Chinese has no
-- spaces between words, so the hub indexes CJK text one character per token and searches a phrase
-- of characters (hub/domain/search-text.ts): any run of characters is found where it appears.
CREATE VIRTUAL TABLE "MinutesSearch" USING fts5("bookingId" UNINDEXED, "body", tokenize = 'porter unicode61');
