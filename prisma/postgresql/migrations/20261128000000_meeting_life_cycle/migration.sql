-- AlterTable
ALTER TABLE "Attendance" ADD COLUMN     "leaveGranted" BOOLEAN,
ADD COLUMN     "leftAt" TIMESTAMP(3),
ADD COLUMN     "markedBy" TEXT;

-- CreateTable
CREATE TABLE "Meeting" (
    "bookingId" TEXT NOT NULL,
    "seriesId" TEXT,
    "delegateId" TEXT,
    "minuteTakerId" TEXT,
    "ccDepartments" TEXT NOT NULL DEFAULT '[]',
    "department" TEXT,
    "nextTopic" TEXT,
    "nextStart" TIMESTAMP(3),
    "nextEnd" TIMESTAMP(3),
    "nextRoomId" TEXT,
    "nextBookingId" TEXT,
    "materialsRemindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("bookingId")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "presenterId" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Material" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Material_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vote" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "question" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openedBy" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "result" TEXT,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "voteId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("voteId","userId")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "agendaItemId" TEXT,
    "voteId" TEXT,
    "text" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "seriesId" TEXT,
    "decisionId" TEXT,
    "text" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "department" TEXT,
    "deadline" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "plan" TEXT,
    "progress" TEXT NOT NULL DEFAULT '[]',
    "problems" TEXT NOT NULL DEFAULT '[]',
    "report" TEXT,
    "completedAt" TIMESTAMP(3),
    "evaluation" TEXT,
    "overdueReason" TEXT,
    "remedy" TEXT,
    "analysedAt" TIMESTAMP(3),
    "overdueNotifiedAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Minutes" (
    "bookingId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "text" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 0,
    "minuteTakerId" TEXT,
    "meetingStart" TIMESTAMP(3) NOT NULL,
    "meetingEnd" TIMESTAMP(3) NOT NULL,
    "draftDue" TIMESTAMP(3) NOT NULL,
    "distributeDue" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "approvedBy" TEXT,
    "returnedReason" TEXT,
    "draftRemindedAt" TIMESTAMP(3),
    "distributeRemindedAt" TIMESTAMP(3),
    "draftMissedAt" TIMESTAMP(3),
    "distributeMissedAt" TIMESTAMP(3),
    "archive" TEXT,
    "searchText" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Minutes_pkey" PRIMARY KEY ("bookingId")
);

-- CreateTable
CREATE TABLE "MinutesConfirmation" (
    "bookingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "comment" TEXT,

    CONSTRAINT "MinutesConfirmation_pkey" PRIMARY KEY ("bookingId","userId")
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

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinutesConfirmation" ADD CONSTRAINT "MinutesConfirmation_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Minutes"("bookingId") ON DELETE CASCADE ON UPDATE CASCADE;

-- C8: full-text search of archived minutes: the English configuration (stemming); CJK text is
-- indexed one character per token and searched as a phrase (hub/domain/search-text.ts).
CREATE INDEX "Minutes_search_idx" ON "Minutes" USING GIN (to_tsvector('english', coalesce("searchText", '')));
