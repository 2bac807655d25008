-- Issue 9: the administration office's rooms, faults and safety inspections.
-- CreateTable
CREATE TABLE "InspectionPlan" (
    "roomId" TEXT NOT NULL PRIMARY KEY,
    "everyDays" INTEGER NOT NULL DEFAULT 30,
    "checklist" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "InspectionPlan_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roomId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "by" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "notes" TEXT,
    CONSTRAINT "Inspection_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Fault" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roomId" TEXT NOT NULL,
    "equipment" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'reported',
    "reportedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "assignee" TEXT,
    "outOfService" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME,
    "history" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "Fault_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- R9: faults were "open" until now; the life cycle starts at "reported".
INSERT INTO "new_Fault" ("createdAt", "description", "equipment", "id", "reportedBy", "resolvedAt", "roomId", "status") SELECT "createdAt", "description", "equipment", "id", "reportedBy", "resolvedAt", "roomId", CASE "status" WHEN 'open' THEN 'reported' ELSE "status" END FROM "Fault";
DROP TABLE "Fault";
ALTER TABLE "new_Fault" RENAME TO "Fault";
CREATE INDEX "Fault_roomId_status_idx" ON "Fault"("roomId", "status");
-- "Room" only gains columns: ALTER TABLE, not a rebuild.
ALTER TABLE "Room" ADD COLUMN "building" TEXT;
ALTER TABLE "Room" ADD COLUMN "floor" TEXT;
ALTER TABLE "Room" ADD COLUMN "privateByDefault" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Room" ADD COLUMN "archivedAt" DATETIME;
ALTER TABLE "Room" ADD COLUMN "openFaults" TEXT NOT NULL DEFAULT '[]';
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Inspection_roomId_at_idx" ON "Inspection"("roomId", "at");

-- The rooms' open faults, as the room state shows them.
UPDATE "Room" SET "openFaults" = COALESCE(
  (SELECT json_group_array(json_object('id', f."id", 'equipment', f."equipment", 'status', f."status", 'outOfService', json(CASE WHEN f."outOfService" THEN 'true' ELSE 'false' END)))
   FROM (SELECT * FROM "Fault" WHERE "roomId" = "Room"."id" AND "status" IN ('reported', 'acknowledged', 'in_repair') ORDER BY "createdAt") f),
  '[]');
