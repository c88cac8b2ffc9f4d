ALTER TABLE "memberships" DROP CONSTRAINT "memberships_role_check";--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_org_required";--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "district_id" uuid;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_district_idx" ON "memberships" USING btree ("district_id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_district_admin" CHECK (("memberships"."role" = 'district_admin') = ("memberships"."district_id" is not null) and ("memberships"."role" <> 'district_admin' or "memberships"."organisation_id" is null));--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_check" CHECK ("memberships"."role" in ('pedagogue','principal','pupil_health','police','partner','social_worker','team_lead','district_admin','admin'));--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_org_required" CHECK ("memberships"."role" in ('admin', 'district_admin') or "memberships"."organisation_id" is not null);