-- Sent emails keep no live secret: the secrets of a pending message are listed here and redacted on delivery.
ALTER TABLE "EmailMessage" ADD COLUMN "secrets" TEXT;
