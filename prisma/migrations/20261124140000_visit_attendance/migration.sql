-- CreateTable
CREATE TABLE "VisitAttendance" (
    "visitId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,

    PRIMARY KEY ("visitId", "memberId"),
    CONSTRAINT "VisitAttendance_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "FacilitatorVisit" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VisitAttendance_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "GroupMember" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "VisitAttendance_memberId_idx" ON "VisitAttendance"("memberId");

