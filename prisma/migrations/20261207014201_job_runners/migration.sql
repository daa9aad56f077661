-- CreateTable
CREATE TABLE "JobRunner" (
    "id" TEXT NOT NULL,
    "names" TEXT[],
    "affinity" TEXT,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobRunner_pkey" PRIMARY KEY ("id")
);

