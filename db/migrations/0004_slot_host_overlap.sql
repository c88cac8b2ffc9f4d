-- drizzle-kit cannot express EXCLUDE constraints. A host cannot walk two walk-and-talks at once:
-- the database refuses overlapping active slots of one person, whoever writes them.
ALTER TABLE "slot_hosts" ADD CONSTRAINT "slot_hosts_no_overlap" EXCLUDE USING gist (
  "user_id" WITH =,
  tstzrange("starts_at", "ends_at") WITH &&
) WHERE ("active");
