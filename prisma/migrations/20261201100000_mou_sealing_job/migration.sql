-- Sealing the MoU PDF runs as a retryable job after the last signature commits.
ALTER TABLE "MouVersion" ADD COLUMN "sealAttempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "MouVersion" ADD COLUMN "sealError" TEXT;
