-- CreateTable
CREATE TABLE "WaitlistCount" (
    "id" BIGSERIAL NOT NULL,
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "status" "WaitlistStatus" NOT NULL,
    "channel" TEXT NOT NULL,
    "postscriptSync" "SyncStatus" NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "WaitlistCount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WaitlistCount_shopId_idx" ON "WaitlistCount"("shopId");

-- Every statement that changes WaitlistEntry appends its net change per key: +1 per row it adds to a key, -1 per row
-- it takes away. Appending (no counter row updated in place) keeps concurrent signups from waiting on each other,
-- and the sum stays exact whatever commits or rolls back, since the rows go with the statement's transaction.
CREATE FUNCTION "waitlist_count_append"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "WaitlistCount" ("shopId", "variantId", "status", "channel", "postscriptSync", "n")
    SELECT "shopId", "variantId", "status", "channel", "postscriptSync", count(*)
      FROM new_rows GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "WaitlistCount" ("shopId", "variantId", "status", "channel", "postscriptSync", "n")
    SELECT "shopId", "variantId", "status", "channel", "postscriptSync", -count(*)
      FROM old_rows GROUP BY 1, 2, 3, 4, 5;
  ELSE
    INSERT INTO "WaitlistCount" ("shopId", "variantId", "status", "channel", "postscriptSync", "n")
    SELECT "shopId", "variantId", "status", "channel", "postscriptSync", sum(d)
      FROM (SELECT "shopId", "variantId", "status", "channel", "postscriptSync", 1 AS d FROM new_rows
            UNION ALL
            SELECT "shopId", "variantId", "status", "channel", "postscriptSync", -1 FROM old_rows) c
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0;
  END IF;
  RETURN NULL;
END $$;

-- The triggers lock WaitlistEntry against writes until this migration commits, so the count below misses none.
CREATE TRIGGER "WaitlistEntry_count_insert" AFTER INSERT ON "WaitlistEntry"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "waitlist_count_append"();
CREATE TRIGGER "WaitlistEntry_count_update" AFTER UPDATE ON "WaitlistEntry"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "waitlist_count_append"();
CREATE TRIGGER "WaitlistEntry_count_delete" AFTER DELETE ON "WaitlistEntry"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "waitlist_count_append"();

INSERT INTO "WaitlistCount" ("shopId", "variantId", "status", "channel", "postscriptSync", "n")
SELECT "shopId", "variantId", "status", "channel", "postscriptSync", count(*)
  FROM "WaitlistEntry" GROUP BY 1, 2, 3, 4, 5;
