-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'DINAS', 'FACILITATOR', 'GROUP', 'PARTNER', 'PROVINCE');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('id', 'en');

-- CreateEnum
CREATE TYPE "RegionKind" AS ENUM ('KOTA', 'KABUPATEN', 'PROVINSI');

-- CreateEnum
CREATE TYPE "VillageKind" AS ENUM ('DESA', 'KELURAHAN');

-- CreateEnum
CREATE TYPE "GroupType" AS ENUM ('KPM', 'KUBE');

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('PENDING', 'VERIFIED', 'REJECTED');

-- CreateEnum
CREATE TYPE "BusinessKind" AS ENUM ('PRODUKSI', 'JASA');

-- CreateEnum
CREATE TYPE "GroupMemberRole" AS ENUM ('CHAIR', 'SECRETARY', 'TREASURER', 'MEMBER');

-- CreateEnum
CREATE TYPE "PkhStatus" AS ENUM ('ACTIVE', 'GRADUATED', 'NOT_PKH');

-- CreateEnum
CREATE TYPE "PartnerSector" AS ENUM ('HOTEL', 'RESTAURANT', 'TOURISM', 'MUSEUM', 'RETAIL', 'COMPANY_CSR', 'GOVERNMENT');

-- CreateEnum
CREATE TYPE "ProductUnit" AS ENUM ('PCS', 'BOX', 'PACK', 'KG', 'LITER', 'SERVICE');

-- CreateEnum
CREATE TYPE "ProductStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "CertificationKind" AS ENUM ('PIRT', 'HALAL', 'DINKES', 'OWN_BRAND');

-- CreateEnum
CREATE TYPE "SearchOutboxOp" AS ENUM ('UPSERT', 'DELETE');

-- CreateEnum
CREATE TYPE "DemandFrequency" AS ENUM ('ONE_OFF', 'DAILY', 'WEEKLY', 'MONTHLY');

-- CreateEnum
CREATE TYPE "DemandStatus" AS ENUM ('DRAFT', 'OPEN', 'PARTLY_AWARDED', 'AWARDED', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('SUBMITTED', 'SHORTLISTED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "MouStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'OUT_FOR_SIGNATURE', 'ACTIVE', 'EXPIRED', 'TERMINATED');

-- CreateEnum
CREATE TYPE "MouVersionStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'OUT_FOR_SIGNATURE', 'SIGNED', 'DECLINED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "SignerParty" AS ENUM ('GROUP', 'PARTNER', 'DINAS');

-- CreateEnum
CREATE TYPE "SignerStatus" AS ENUM ('WAITING', 'NOTIFIED', 'SIGNED', 'DECLINED');

-- CreateEnum
CREATE TYPE "CoachingFrequency" AS ENUM ('ONCE', 'WEEKLY', 'MONTHLY', 'QUARTERLY');

-- CreateEnum
CREATE TYPE "CoachingSessionStatus" AS ENUM ('DUE', 'SCHEDULED', 'RESCHEDULED', 'DELIVERED', 'MISSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CoachingFileKind" AS ENUM ('MATERIAL', 'PHOTO', 'REPORT');

-- CreateEnum
CREATE TYPE "OrderSource" AS ENUM ('CATALOGUE', 'OFFER', 'STANDING');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('PLACED', 'ACCEPTED', 'DECLINED', 'IN_PRODUCTION', 'SHIPPED', 'RECEIVED', 'DISPUTED', 'INVOICED', 'PAID', 'CANCELLED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('ISSUED', 'PAID', 'VOID');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('STRIPE', 'BANK_TRANSFER', 'CASH');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('PENDING', 'CONFIRMED', 'FAILED', 'EXPIRED', 'REFUNDED', 'REJECTED');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "AidKind" AS ENUM ('CAPITAL', 'EQUIPMENT', 'TRAINING');

-- CreateEnum
CREATE TYPE "AidSource" AS ENUM ('APBD', 'APBN', 'CSR');

-- CreateEnum
CREATE TYPE "PayoutAccountStatus" AS ENUM ('PENDING', 'CONFIRMED', 'REJECTED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('WHATSAPP', 'SMS');

-- CreateEnum
CREATE TYPE "TextMessageStatus" AS ENUM ('PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "locale" "Locale" NOT NULL DEFAULT 'id',
    "emailNotifications" BOOLEAN NOT NULL DEFAULT true,
    "dinasOfficeId" TEXT,
    "groupId" TEXT,
    "partnerId" TEXT,
    "title" TEXT,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordResetToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DinasOffice" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "regionKind" "RegionKind" NOT NULL,
    "province" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "regulation" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Jakarta',
    "parentOfficeId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DinasOffice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Kecamatan" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dinasOfficeId" TEXT NOT NULL,

    CONSTRAINT "Kecamatan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Village" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "VillageKind" NOT NULL,
    "kecamatanId" TEXT NOT NULL,

    CONSTRAINT "Village_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "type" "GroupType" NOT NULL,
    "name" TEXT NOT NULL,
    "dinasOfficeId" TEXT NOT NULL,
    "kecamatanId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "address" TEXT,
    "phone" TEXT,
    "businessKind" "BusinessKind" NOT NULL DEFAULT 'PRODUKSI',
    "businessDescription" TEXT NOT NULL,
    "story" TEXT,
    "foundedAt" TIMESTAMP(3),
    "startupCapital" INTEGER,
    "facilitatorId" TEXT,
    "verificationStatus" "VerificationStatus" NOT NULL DEFAULT 'PENDING',
    "verificationNote" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "verifiedById" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "GroupMemberRole" NOT NULL DEFAULT 'MEMBER',
    "phone" TEXT,
    "nikHash" TEXT,
    "nikLast4" TEXT,
    "pkhStatus" "PkhStatus" NOT NULL DEFAULT 'ACTIVE',
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leftAt" TIMESTAMP(3),

    CONSTRAINT "GroupMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Partner" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "legalName" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "sector" "PartnerSector" NOT NULL,
    "nib" TEXT,
    "address" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT,
    "contactEmail" TEXT,
    "description" TEXT,
    "dinasOfficeId" TEXT NOT NULL,
    "verificationStatus" "VerificationStatus" NOT NULL DEFAULT 'PENDING',
    "verificationNote" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "verifiedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductCategory" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "nameId" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "keywords" TEXT NOT NULL DEFAULT '',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProductCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "unit" "ProductUnit" NOT NULL,
    "priceRupiah" INTEGER NOT NULL,
    "minOrderQty" INTEGER NOT NULL DEFAULT 1,
    "weeklyCapacity" INTEGER NOT NULL,
    "leadTimeDays" INTEGER NOT NULL DEFAULT 1,
    "status" "ProductStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductDeliveryArea" (
    "productId" TEXT NOT NULL,
    "kecamatanId" TEXT NOT NULL,

    CONSTRAINT "ProductDeliveryArea_pkey" PRIMARY KEY ("productId","kecamatanId")
);

-- CreateTable
CREATE TABLE "ProductCertification" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "kind" "CertificationKind" NOT NULL,
    "number" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "reminderSentAt" TIMESTAMP(3),

    CONSTRAINT "ProductCertification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductPhoto" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "fileKey" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchOutbox" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "op" "SearchOutboxOp" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "processedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Demand" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "specification" TEXT NOT NULL,
    "qualityRequirements" TEXT,
    "packaging" TEXT,
    "quantity" INTEGER NOT NULL,
    "unit" "ProductUnit" NOT NULL,
    "frequency" "DemandFrequency" NOT NULL,
    "daysOfWeek" TEXT,
    "deliveryAddress" TEXT NOT NULL,
    "deliveryKecamatanId" TEXT,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3),
    "priceMin" INTEGER,
    "priceMax" INTEGER,
    "offerDeadline" TIMESTAMP(3) NOT NULL,
    "allowSplit" BOOLEAN NOT NULL DEFAULT false,
    "status" "DemandStatus" NOT NULL DEFAULT 'DRAFT',
    "awardedQuantity" INTEGER NOT NULL DEFAULT 0,
    "cancelReason" TEXT,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Demand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DemandMessage" (
    "id" TEXT NOT NULL,
    "demandId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DemandMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DemandInvitation" (
    "id" TEXT NOT NULL,
    "demandId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DemandInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Offer" (
    "id" TEXT NOT NULL,
    "demandId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "pricePerUnit" INTEGER NOT NULL,
    "quantityPerPeriod" INTEGER NOT NULL,
    "startDate" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "samplePhotoKey" TEXT,
    "status" "OfferStatus" NOT NULL DEFAULT 'SUBMITTED',
    "acceptedQuantity" INTEGER,
    "declineReason" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mou" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "dinasOfficeId" TEXT NOT NULL,
    "demandId" TEXT,
    "status" "MouStatus" NOT NULL DEFAULT 'DRAFT',
    "currentVersionId" TEXT,
    "activeVersionId" TEXT,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
    "terminationReason" TEXT,
    "renewedFromId" TEXT,
    "expiryNoticeSentAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mou_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MouGroup" (
    "mouId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,

    CONSTRAINT "MouGroup_pkey" PRIMARY KEY ("mouId","groupId")
);

-- CreateTable
CREATE TABLE "MouVersion" (
    "id" TEXT NOT NULL,
    "mouId" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "status" "MouVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "content" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "changeSummary" TEXT,
    "verificationCode" TEXT,
    "pdfKey" TEXT,
    "pdfHash" TEXT,
    "sealedAt" TIMESTAMP(3),
    "sealAttempts" INTEGER NOT NULL DEFAULT 0,
    "sealError" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MouVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MouSigner" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "party" "SignerParty" NOT NULL,
    "groupId" TEXT,
    "partnerId" TEXT,
    "userId" TEXT,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "email" TEXT,
    "status" "SignerStatus" NOT NULL DEFAULT 'WAITING',
    "tokenHash" TEXT,
    "tokenExpiresAt" TIMESTAMP(3),
    "tokenUsedAt" TIMESTAMP(3),
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMP(3),
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "notifiedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "reminderCount" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" TIMESTAMP(3),
    "witnessUserId" TEXT,
    "witnessName" TEXT,
    "witnessTitle" TEXT,
    "assistedMethod" TEXT,
    "viewedAt" TIMESTAMP(3),
    "signedAt" TIMESTAMP(3),
    "typedName" TEXT,
    "signatureImage" TEXT,
    "signedHash" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "declineReason" TEXT,

    CONSTRAINT "MouSigner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoachingCommitment" (
    "id" TEXT NOT NULL,
    "mouId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "sessionsCount" INTEGER NOT NULL,
    "frequency" "CoachingFrequency" NOT NULL,
    "firstDueDate" TIMESTAMP(3) NOT NULL,
    "hoursPerSession" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CoachingCommitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoachingSession" (
    "id" TEXT NOT NULL,
    "commitmentId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "hours" INTEGER NOT NULL,
    "status" "CoachingSessionStatus" NOT NULL DEFAULT 'DUE',
    "scheduledAt" TIMESTAMP(3),
    "place" TEXT,
    "onlineLink" TEXT,
    "trainer" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "rating" INTEGER,
    "comment" TEXT,
    "cancelReason" TEXT,
    "dueReminderAt" TIMESTAMP(3),
    "dayBeforeReminderAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CoachingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoachingAttendance" (
    "sessionId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,

    CONSTRAINT "CoachingAttendance_pkey" PRIMARY KEY ("sessionId","memberId")
);

-- CreateTable
CREATE TABLE "CoachingFile" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "kind" "CoachingFileKind" NOT NULL,
    "fileKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CoachingFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FacilitatorVisit" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "facilitatorId" TEXT NOT NULL,
    "visitDate" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL,
    "attendeeCount" INTEGER NOT NULL,
    "topics" TEXT NOT NULL,
    "problems" TEXT,
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FacilitatorVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitAttendance" (
    "visitId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,

    CONSTRAINT "VisitAttendance_pkey" PRIMARY KEY ("visitId","memberId")
);

-- CreateTable
CREATE TABLE "VisitFollowUp" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "VisitFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitPhoto" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "fileKey" TEXT NOT NULL,

    CONSTRAINT "VisitPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "source" "OrderSource" NOT NULL,
    "mouId" TEXT,
    "offerId" TEXT,
    "periodKey" TEXT,
    "status" "OrderStatus" NOT NULL DEFAULT 'PLACED',
    "deliveryDate" TIMESTAMP(3) NOT NULL,
    "deliveryAddress" TEXT NOT NULL,
    "note" TEXT,
    "reason" TEXT,
    "totalRupiah" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "productId" TEXT,
    "description" TEXT NOT NULL,
    "unit" "ProductUnit" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPrice" INTEGER NOT NULL,
    "acceptedQty" INTEGER,
    "rejectedQty" INTEGER,

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shippedAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3),
    "receivedByName" TEXT,
    "photoKey" TEXT,
    "recordedById" TEXT,
    "disputeDeadline" TIMESTAMP(3),
    "disputedAt" TIMESTAMP(3),
    "disputeReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryLine" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "orderLineId" TEXT NOT NULL,
    "deliveredQty" INTEGER NOT NULL,
    "acceptedQty" INTEGER NOT NULL,
    "rejectedQty" INTEGER NOT NULL,
    "rejectionReason" TEXT,

    CONSTRAINT "DeliveryLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "amountRupiah" INTEGER NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "InvoiceStatus" NOT NULL DEFAULT 'ISSUED',
    "paidAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "amountRupiah" INTEGER NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'PENDING',
    "reference" TEXT,
    "proofKey" TEXT,
    "stripeSessionId" TEXT,
    "stripePaymentIntentId" TEXT,
    "recordedById" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "link" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailMessage" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "kind" TEXT NOT NULL,
    "secrets" TEXT,
    "attachments" TEXT,
    "status" "EmailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT,
    "actingForGroupId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "reason" TEXT,
    "ip" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "WarningFollowUp" (
    "id" TEXT NOT NULL,
    "dinasOfficeId" TEXT NOT NULL,
    "warningKey" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "followedUpById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WarningFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupAid" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "dinasOfficeId" TEXT NOT NULL,
    "kind" "AidKind" NOT NULL,
    "source" "AidSource" NOT NULL,
    "partnerId" TEXT,
    "receivedOn" TIMESTAMP(3) NOT NULL,
    "valueRupiah" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupAid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupAidItem" (
    "id" TEXT NOT NULL,
    "aidId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "valueRupiah" INTEGER NOT NULL,

    CONSTRAINT "GroupAidItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupPayoutAccount" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "bankName" TEXT NOT NULL,
    "accountNumber" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "qrisKey" TEXT,
    "status" "PayoutAccountStatus" NOT NULL DEFAULT 'PENDING',
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "GroupPayoutAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TextMessage" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "to" TEXT NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "template" TEXT,
    "emailSubject" TEXT,
    "fallback" TEXT,
    "secrets" TEXT,
    "status" "TextMessageStatus" NOT NULL DEFAULT 'PENDING',
    "provider" TEXT,
    "providerMessageId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "fallbackFromId" TEXT,
    "sentAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TextMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessagePreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channels" TEXT NOT NULL,

    CONSTRAINT "MessagePreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "dinasOfficeId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "query" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "lastViewedAt" TIMESTAMP(3),
    "viewCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StandingPause" (
    "id" TEXT NOT NULL,
    "mouId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "untilDay" TEXT NOT NULL,
    "reason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resumedAt" TIMESTAMP(3),
    "resumedById" TEXT,

    CONSTRAINT "StandingPause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitoringDaily" (
    "day" TEXT NOT NULL,
    "groupOfficeId" TEXT NOT NULL,
    "kecamatanId" TEXT NOT NULL,
    "groupType" TEXT NOT NULL,
    "partnerOfficeId" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "paymentsCount" INTEGER NOT NULL DEFAULT 0,
    "paymentsRupiah" BIGINT NOT NULL DEFAULT 0,
    "deliveries" INTEGER NOT NULL DEFAULT 0,
    "deliveriesOnTime" INTEGER NOT NULL DEFAULT 0,
    "deliveredQty" INTEGER NOT NULL DEFAULT 0,
    "acceptedQty" INTEGER NOT NULL DEFAULT 0,
    "sessionsPromised" INTEGER NOT NULL DEFAULT 0,
    "sessionsDelivered" INTEGER NOT NULL DEFAULT 0,
    "sessionsMissed" INTEGER NOT NULL DEFAULT 0,
    "sessionsReported" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MonitoringDaily_pkey" PRIMARY KEY ("day","groupOfficeId","kecamatanId","groupType","partnerOfficeId","sector")
);

-- CreateTable
CREATE TABLE "MonitoringDirtyDay" (
    "day" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MonitoringDirtyDay_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_phone_key" ON "User"("phone");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE INDEX "User_groupId_idx" ON "User"("groupId");

-- CreateIndex
CREATE INDEX "User_partnerId_idx" ON "User"("partnerId");

-- CreateIndex
CREATE INDEX "User_dinasOfficeId_idx" ON "User"("dinasOfficeId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordResetToken_tokenHash_key" ON "PasswordResetToken"("tokenHash");

-- CreateIndex
CREATE INDEX "LoginCode_userId_createdAt_idx" ON "LoginCode"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "DinasOffice_parentOfficeId_idx" ON "DinasOffice"("parentOfficeId");

-- CreateIndex
CREATE UNIQUE INDEX "Kecamatan_dinasOfficeId_name_key" ON "Kecamatan"("dinasOfficeId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Village_kecamatanId_name_key" ON "Village"("kecamatanId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Group_slug_key" ON "Group"("slug");

-- CreateIndex
CREATE INDEX "Group_kecamatanId_idx" ON "Group"("kecamatanId");

-- CreateIndex
CREATE INDEX "Group_verificationStatus_idx" ON "Group"("verificationStatus");

-- CreateIndex
CREATE INDEX "Group_facilitatorId_idx" ON "Group"("facilitatorId");

-- CreateIndex
CREATE INDEX "Group_dinasOfficeId_idx" ON "Group"("dinasOfficeId");

-- CreateIndex
CREATE INDEX "GroupMember_groupId_idx" ON "GroupMember"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Partner_slug_key" ON "Partner"("slug");

-- CreateIndex
CREATE INDEX "Partner_verificationStatus_idx" ON "Partner"("verificationStatus");

-- CreateIndex
CREATE INDEX "Partner_dinasOfficeId_idx" ON "Partner"("dinasOfficeId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductCategory_slug_key" ON "ProductCategory"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Product_slug_key" ON "Product"("slug");

-- CreateIndex
CREATE INDEX "Product_groupId_status_idx" ON "Product"("groupId", "status");

-- CreateIndex
CREATE INDEX "Product_categoryId_status_idx" ON "Product"("categoryId", "status");

-- CreateIndex
CREATE INDEX "Product_status_createdAt_idx" ON "Product"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ProductCertification_expiresAt_idx" ON "ProductCertification"("expiresAt");

-- CreateIndex
CREATE INDEX "ProductCertification_productId_idx" ON "ProductCertification"("productId");

-- CreateIndex
CREATE INDEX "ProductPhoto_productId_idx" ON "ProductPhoto"("productId");

-- CreateIndex
CREATE INDEX "SearchOutbox_processedAt_nextAttemptAt_idx" ON "SearchOutbox"("processedAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Demand_status_offerDeadline_idx" ON "Demand"("status", "offerDeadline");

-- CreateIndex
CREATE INDEX "Demand_partnerId_idx" ON "Demand"("partnerId");

-- CreateIndex
CREATE INDEX "DemandMessage_demandId_groupId_idx" ON "DemandMessage"("demandId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "DemandInvitation_demandId_groupId_key" ON "DemandInvitation"("demandId", "groupId");

-- CreateIndex
CREATE INDEX "Offer_groupId_status_idx" ON "Offer"("groupId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Offer_demandId_groupId_key" ON "Offer"("demandId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Mou_number_key" ON "Mou"("number");

-- CreateIndex
CREATE INDEX "Mou_partnerId_idx" ON "Mou"("partnerId");

-- CreateIndex
CREATE INDEX "Mou_status_endDate_idx" ON "Mou"("status", "endDate");

-- CreateIndex
CREATE INDEX "Mou_dinasOfficeId_status_endDate_idx" ON "Mou"("dinasOfficeId", "status", "endDate");

-- CreateIndex
CREATE INDEX "MouGroup_groupId_idx" ON "MouGroup"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "MouVersion_verificationCode_key" ON "MouVersion"("verificationCode");

-- CreateIndex
CREATE UNIQUE INDEX "MouVersion_mouId_versionNumber_key" ON "MouVersion"("mouId", "versionNumber");

-- CreateIndex
CREATE UNIQUE INDEX "MouSigner_tokenHash_key" ON "MouSigner"("tokenHash");

-- CreateIndex
CREATE INDEX "MouSigner_versionId_order_idx" ON "MouSigner"("versionId", "order");

-- CreateIndex
CREATE INDEX "CoachingCommitment_mouId_idx" ON "CoachingCommitment"("mouId");

-- CreateIndex
CREATE INDEX "CoachingSession_groupId_status_idx" ON "CoachingSession"("groupId", "status");

-- CreateIndex
CREATE INDEX "CoachingSession_partnerId_status_idx" ON "CoachingSession"("partnerId", "status");

-- CreateIndex
CREATE INDEX "CoachingSession_status_dueDate_idx" ON "CoachingSession"("status", "dueDate");

-- CreateIndex
CREATE INDEX "CoachingSession_dueDate_idx" ON "CoachingSession"("dueDate");

-- CreateIndex
CREATE INDEX "CoachingSession_groupId_dueDate_sequence_id_idx" ON "CoachingSession"("groupId", "dueDate", "sequence", "id");

-- CreateIndex
CREATE INDEX "CoachingSession_partnerId_dueDate_sequence_id_idx" ON "CoachingSession"("partnerId", "dueDate", "sequence", "id");

-- CreateIndex
CREATE INDEX "CoachingFile_sessionId_kind_idx" ON "CoachingFile"("sessionId", "kind");

-- CreateIndex
CREATE INDEX "FacilitatorVisit_groupId_visitDate_idx" ON "FacilitatorVisit"("groupId", "visitDate");

-- CreateIndex
CREATE INDEX "VisitAttendance_memberId_idx" ON "VisitAttendance"("memberId");

-- CreateIndex
CREATE INDEX "VisitFollowUp_groupId_doneAt_idx" ON "VisitFollowUp"("groupId", "doneAt");

-- CreateIndex
CREATE INDEX "VisitFollowUp_visitId_idx" ON "VisitFollowUp"("visitId");

-- CreateIndex
CREATE UNIQUE INDEX "Order_number_key" ON "Order"("number");

-- CreateIndex
CREATE INDEX "Order_groupId_status_deliveryDate_idx" ON "Order"("groupId", "status", "deliveryDate");

-- CreateIndex
CREATE INDEX "Order_partnerId_status_deliveryDate_idx" ON "Order"("partnerId", "status", "deliveryDate");

-- CreateIndex
CREATE INDEX "Order_groupId_createdAt_idx" ON "Order"("groupId", "createdAt");

-- CreateIndex
CREATE INDEX "Order_partnerId_createdAt_idx" ON "Order"("partnerId", "createdAt");

-- CreateIndex
CREATE INDEX "Order_status_deliveryDate_idx" ON "Order"("status", "deliveryDate");

-- CreateIndex
CREATE UNIQUE INDEX "Order_partnerId_idempotencyKey_key" ON "Order"("partnerId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Order_mouId_periodKey_key" ON "Order"("mouId", "periodKey");

-- CreateIndex
CREATE INDEX "OrderLine_orderId_idx" ON "OrderLine"("orderId");

-- CreateIndex
CREATE INDEX "OrderLine_productId_idx" ON "OrderLine"("productId");

-- CreateIndex
CREATE INDEX "Delivery_orderId_idx" ON "Delivery"("orderId");

-- CreateIndex
CREATE INDEX "Delivery_receivedAt_idx" ON "Delivery"("receivedAt");

-- CreateIndex
CREATE INDEX "DeliveryLine_deliveryId_idx" ON "DeliveryLine"("deliveryId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_orderId_key" ON "Invoice"("orderId");

-- CreateIndex
CREATE INDEX "Invoice_partnerId_status_idx" ON "Invoice"("partnerId", "status");

-- CreateIndex
CREATE INDEX "Invoice_status_dueAt_idx" ON "Invoice"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Invoice_groupId_issuedAt_id_idx" ON "Invoice"("groupId", "issuedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_groupId_year_sequence_key" ON "Invoice"("groupId", "year", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_stripeSessionId_key" ON "Payment"("stripeSessionId");

-- CreateIndex
CREATE INDEX "Payment_invoiceId_idx" ON "Payment"("invoiceId");

-- CreateIndex
CREATE INDEX "Payment_stripePaymentIntentId_idx" ON "Payment"("stripePaymentIntentId");

-- CreateIndex
CREATE INDEX "Payment_status_confirmedAt_idx" ON "Payment"("status", "confirmedAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "EmailMessage_status_createdAt_idx" ON "EmailMessage"("status", "createdAt");

-- CreateIndex
CREATE INDEX "EmailMessage_to_idx" ON "EmailMessage"("to");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_at_idx" ON "AuditEvent"("entityType", "entityId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_id_idx" ON "AuditEvent"("at", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_at_id_idx" ON "AuditEvent"("entityType", "at", "id");

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

-- CreateIndex
CREATE INDEX "WarningFollowUp_dinasOfficeId_createdAt_idx" ON "WarningFollowUp"("dinasOfficeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WarningFollowUp_dinasOfficeId_warningKey_key" ON "WarningFollowUp"("dinasOfficeId", "warningKey");

-- CreateIndex
CREATE INDEX "GroupAid_dinasOfficeId_receivedOn_idx" ON "GroupAid"("dinasOfficeId", "receivedOn");

-- CreateIndex
CREATE INDEX "GroupAid_groupId_receivedOn_idx" ON "GroupAid"("groupId", "receivedOn");

-- CreateIndex
CREATE INDEX "GroupAidItem_aidId_idx" ON "GroupAidItem"("aidId");

-- CreateIndex
CREATE INDEX "GroupPayoutAccount_groupId_status_idx" ON "GroupPayoutAccount"("groupId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "TextMessage_providerMessageId_key" ON "TextMessage"("providerMessageId");

-- CreateIndex
CREATE INDEX "TextMessage_status_createdAt_idx" ON "TextMessage"("status", "createdAt");

-- CreateIndex
CREATE INDEX "TextMessage_userId_idx" ON "TextMessage"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "ShareLink_dinasOfficeId_createdAt_idx" ON "ShareLink"("dinasOfficeId", "createdAt");

-- CreateIndex
CREATE INDEX "StandingPause_mouId_groupId_idx" ON "StandingPause"("mouId", "groupId");

-- CreateIndex
CREATE INDEX "MonitoringDaily_groupOfficeId_day_idx" ON "MonitoringDaily"("groupOfficeId", "day");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordResetToken" ADD CONSTRAINT "PasswordResetToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoginCode" ADD CONSTRAINT "LoginCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DinasOffice" ADD CONSTRAINT "DinasOffice_parentOfficeId_fkey" FOREIGN KEY ("parentOfficeId") REFERENCES "DinasOffice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Kecamatan" ADD CONSTRAINT "Kecamatan_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Village" ADD CONSTRAINT "Village_kecamatanId_fkey" FOREIGN KEY ("kecamatanId") REFERENCES "Kecamatan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_kecamatanId_fkey" FOREIGN KEY ("kecamatanId") REFERENCES "Kecamatan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_facilitatorId_fkey" FOREIGN KEY ("facilitatorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Partner" ADD CONSTRAINT "Partner_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "ProductCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductDeliveryArea" ADD CONSTRAINT "ProductDeliveryArea_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductDeliveryArea" ADD CONSTRAINT "ProductDeliveryArea_kecamatanId_fkey" FOREIGN KEY ("kecamatanId") REFERENCES "Kecamatan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductCertification" ADD CONSTRAINT "ProductCertification_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductPhoto" ADD CONSTRAINT "ProductPhoto_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Demand" ADD CONSTRAINT "Demand_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Demand" ADD CONSTRAINT "Demand_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "ProductCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Demand" ADD CONSTRAINT "Demand_deliveryKecamatanId_fkey" FOREIGN KEY ("deliveryKecamatanId") REFERENCES "Kecamatan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DemandMessage" ADD CONSTRAINT "DemandMessage_demandId_fkey" FOREIGN KEY ("demandId") REFERENCES "Demand"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DemandMessage" ADD CONSTRAINT "DemandMessage_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DemandInvitation" ADD CONSTRAINT "DemandInvitation_demandId_fkey" FOREIGN KEY ("demandId") REFERENCES "Demand"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DemandInvitation" ADD CONSTRAINT "DemandInvitation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_demandId_fkey" FOREIGN KEY ("demandId") REFERENCES "Demand"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mou" ADD CONSTRAINT "Mou_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mou" ADD CONSTRAINT "Mou_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mou" ADD CONSTRAINT "Mou_demandId_fkey" FOREIGN KEY ("demandId") REFERENCES "Demand"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MouGroup" ADD CONSTRAINT "MouGroup_mouId_fkey" FOREIGN KEY ("mouId") REFERENCES "Mou"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MouGroup" ADD CONSTRAINT "MouGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MouVersion" ADD CONSTRAINT "MouVersion_mouId_fkey" FOREIGN KEY ("mouId") REFERENCES "Mou"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MouSigner" ADD CONSTRAINT "MouSigner_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MouVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoachingCommitment" ADD CONSTRAINT "CoachingCommitment_mouId_fkey" FOREIGN KEY ("mouId") REFERENCES "Mou"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoachingSession" ADD CONSTRAINT "CoachingSession_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "CoachingCommitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoachingSession" ADD CONSTRAINT "CoachingSession_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoachingSession" ADD CONSTRAINT "CoachingSession_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoachingAttendance" ADD CONSTRAINT "CoachingAttendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CoachingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoachingAttendance" ADD CONSTRAINT "CoachingAttendance_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "GroupMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoachingFile" ADD CONSTRAINT "CoachingFile_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CoachingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FacilitatorVisit" ADD CONSTRAINT "FacilitatorVisit_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FacilitatorVisit" ADD CONSTRAINT "FacilitatorVisit_facilitatorId_fkey" FOREIGN KEY ("facilitatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitAttendance" ADD CONSTRAINT "VisitAttendance_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "FacilitatorVisit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitAttendance" ADD CONSTRAINT "VisitAttendance_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "GroupMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitFollowUp" ADD CONSTRAINT "VisitFollowUp_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "FacilitatorVisit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitFollowUp" ADD CONSTRAINT "VisitFollowUp_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitPhoto" ADD CONSTRAINT "VisitPhoto_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "FacilitatorVisit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_mouId_fkey" FOREIGN KEY ("mouId") REFERENCES "Mou"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryLine" ADD CONSTRAINT "DeliveryLine_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryLine" ADD CONSTRAINT "DeliveryLine_orderLineId_fkey" FOREIGN KEY ("orderLineId") REFERENCES "OrderLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WarningFollowUp" ADD CONSTRAINT "WarningFollowUp_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupAid" ADD CONSTRAINT "GroupAid_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupAid" ADD CONSTRAINT "GroupAid_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupAid" ADD CONSTRAINT "GroupAid_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupAidItem" ADD CONSTRAINT "GroupAidItem_aidId_fkey" FOREIGN KEY ("aidId") REFERENCES "GroupAid"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupPayoutAccount" ADD CONSTRAINT "GroupPayoutAccount_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_dinasOfficeId_fkey" FOREIGN KEY ("dinasOfficeId") REFERENCES "DinasOffice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StandingPause" ADD CONSTRAINT "StandingPause_mouId_fkey" FOREIGN KEY ("mouId") REFERENCES "Mou"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StandingPause" ADD CONSTRAINT "StandingPause_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

