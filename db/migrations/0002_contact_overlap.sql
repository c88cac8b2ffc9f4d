-- drizzle-kit cannot express EXCLUDE constraints. One person cannot be named twice for the same
-- organisation and section over overlapping periods (a replacement closes the old period).
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "contact_assignments" ADD CONSTRAINT "contact_assignments_no_overlap" EXCLUDE USING gist (
  "organisation_id" WITH =,
  (coalesce("section_id", '00000000-0000-0000-0000-000000000000'::uuid)) WITH =,
  "user_id" WITH =,
  daterange("starts_on", "ends_on", '[]') WITH &&
);
