-- Each Dinas office has a time zone (decision 079); existing offices are WIB.
ALTER TABLE "DinasOffice" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'Asia/Jakarta';
