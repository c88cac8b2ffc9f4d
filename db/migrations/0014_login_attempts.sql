-- Attempts, not failures: each is written before its password is checked, and marked when it was
-- right (see db/schema/sessions.ts).
ALTER TABLE "login_failures" RENAME TO "login_attempts";
--> statement-breakpoint
ALTER SEQUENCE "login_failures_id_seq" RENAME TO "login_attempts_id_seq";
--> statement-breakpoint
ALTER TABLE "login_attempts" RENAME CONSTRAINT "login_failures_pkey" TO "login_attempts_pkey";
--> statement-breakpoint
ALTER INDEX "login_failures_email_idx" RENAME TO "login_attempts_email_idx";
--> statement-breakpoint
ALTER INDEX "login_failures_address_idx" RENAME TO "login_attempts_address_idx";
--> statement-breakpoint
ALTER TABLE "login_attempts" ADD COLUMN "device" text;
--> statement-breakpoint
ALTER TABLE "login_attempts" ADD COLUMN "succeeded" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE INDEX "login_attempts_device_idx" ON "login_attempts" USING btree ("device","at");
