-- DropIndex
DROP INDEX "WaitlistEntry_shopId_status_postscriptSync_idx";

-- AlterTable
ALTER TABLE "WaitlistEntry" ADD COLUMN     "consent" "ConsentState";

-- CreateIndex
CREATE INDEX "WaitlistEntry_shopId_status_postscriptSync_consent_createdA_idx" ON "WaitlistEntry"("shopId", "status", "postscriptSync", "consent", "createdAt");

-- A signup and a consent for the same phone, in transactions running at the same time, would each miss the other's
-- uncommitted row; one of 1,024 advisory locks, picked by shop and phone, orders them (signups share it, a consent change
-- holds it alone), and each statement below reads what committed before it got the lock.
CREATE FUNCTION "waitlist_entry_consent"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.phone IS NULL THEN
    NEW."consent" := NULL;
  ELSIF TG_OP = 'INSERT' OR NEW.phone IS DISTINCT FROM OLD.phone OR NEW."shopId" IS DISTINCT FROM OLD."shopId" THEN
    PERFORM pg_advisory_xact_lock_shared(72707370, hashtext(NEW."shopId" || ' ' || NEW.phone) & 1023);
    NEW."consent" := (SELECT state FROM "SubscriberConsent" WHERE "shopId" = NEW."shopId" AND phone = NEW.phone);
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION "subscriber_consent_to_waitlist"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed "SubscriberConsent"%ROWTYPE := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  consent_state "ConsentState" := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.state END;
BEGIN
  PERFORM pg_advisory_xact_lock(72707370, hashtext(changed."shopId" || ' ' || changed.phone) & 1023);
  UPDATE "WaitlistEntry" SET "consent" = consent_state
   WHERE "shopId" = changed."shopId" AND phone = changed.phone AND "consent" IS DISTINCT FROM consent_state;
  RETURN NULL;
END $$;

-- The triggers lock both tables against writes until this migration commits, so the copy below misses none.
CREATE TRIGGER "WaitlistEntry_consent" BEFORE INSERT OR UPDATE OF phone, "shopId" ON "WaitlistEntry"
  FOR EACH ROW EXECUTE FUNCTION "waitlist_entry_consent"();
CREATE TRIGGER "SubscriberConsent_to_waitlist" AFTER INSERT OR UPDATE OF state OR DELETE ON "SubscriberConsent"
  FOR EACH ROW EXECUTE FUNCTION "subscriber_consent_to_waitlist"();

UPDATE "WaitlistEntry" e SET "consent" = c.state
  FROM "SubscriberConsent" c WHERE c."shopId" = e."shopId" AND c.phone = e.phone;
