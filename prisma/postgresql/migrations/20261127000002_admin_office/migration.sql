-- Issue 9: the administration office's rooms, faults and safety inspections.
-- AlterTable
ALTER TABLE "Fault" ADD COLUMN     "assignee" TEXT,
ADD COLUMN     "history" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "outOfService" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "updatedAt" TIMESTAMP(3),
ALTER COLUMN "status" SET DEFAULT 'reported';

-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "openFaults" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "building" TEXT,
ADD COLUMN     "floor" TEXT,
ADD COLUMN     "privateByDefault" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "InspectionPlan" (
    "roomId" TEXT NOT NULL,
    "everyDays" INTEGER NOT NULL DEFAULT 30,
    "checklist" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InspectionPlan_pkey" PRIMARY KEY ("roomId")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "by" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "notes" TEXT,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Inspection_roomId_at_idx" ON "Inspection"("roomId", "at");

-- AddForeignKey
ALTER TABLE "InspectionPlan" ADD CONSTRAINT "InspectionPlan_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- R9: faults were "open" until now; the life cycle starts at "reported".
UPDATE "Fault" SET "status" = 'reported' WHERE "status" = 'open';

-- The rooms' open faults, as the room state shows them.
UPDATE "Room" r SET "openFaults" = COALESCE(
  (SELECT json_agg(json_build_object('id', f."id", 'equipment', f."equipment", 'status', f."status", 'outOfService', f."outOfService") ORDER BY f."createdAt")::text
   FROM "Fault" f WHERE f."roomId" = r."id" AND f."status" IN ('reported', 'acknowledged', 'in_repair')),
  '[]');
