CREATE TABLE "districts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_kind_check";--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_role_check";--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "district_id" uuid;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "districts_name_unique" ON "districts" USING btree (lower("name"));--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisations_district_idx" ON "organisations" USING btree ("district_id");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_kind_check" CHECK ("organisations"."kind" in ('school','preschool_unit','preschool','police','social_services','child_health','health_care','youth_services','social_services_unit','other'));--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_check" CHECK ("memberships"."role" in ('pedagogue','principal','pupil_health','police','partner','social_worker','team_lead','admin'));