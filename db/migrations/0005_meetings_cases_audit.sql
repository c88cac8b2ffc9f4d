CREATE TABLE "meeting_workers" (
	"meeting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "meeting_workers_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"requested_by" uuid,
	"label" text NOT NULL,
	"age_band" text,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"guardians_informed" boolean NOT NULL,
	"guardians_attending" boolean,
	"place" text DEFAULT 'school' NOT NULL,
	"proposed_times" jsonb NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"sequence" integer DEFAULT 0 NOT NULL,
	"change_reason" text,
	"cancelled_by" uuid,
	"report_filed" boolean,
	"outcome_notes" text,
	"outcome_by" uuid,
	"case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scheduled_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_type" CHECK ("meetings"."type" in ('report_meeting','application_meeting','mapping_meeting','follow_up','police_collaboration','staff_visit')),
	CONSTRAINT "meetings_status" CHECK ("meetings"."status" in ('requested','scheduled','held','not_held','cancelled')),
	CONSTRAINT "meetings_time" CHECK ("meetings"."ends_at" is null or "meetings"."ends_at" > "meetings"."starts_at"),
	CONSTRAINT "meetings_scheduled_has_time" CHECK ("meetings"."status" in ('requested','cancelled') or "meetings"."starts_at" is not null),
	CONSTRAINT "meetings_label_length" CHECK (char_length("meetings"."label") between 1 and 80),
	CONSTRAINT "meetings_notes_length" CHECK ("meetings"."outcome_notes" is null or char_length("meetings"."outcome_notes") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "case_organisations" (
	"case_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reporter" boolean DEFAULT true NOT NULL,
	CONSTRAINT "case_organisations_case_id_organisation_id_pk" PRIMARY KEY("case_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "case_worker_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"reason" text,
	"continuity_overridden" boolean DEFAULT false NOT NULL,
	CONSTRAINT "case_worker_changes_override_reason" CHECK (not "case_worker_changes"."continuity_overridden" or "case_worker_changes"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "case_workers" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"responsible" boolean DEFAULT false NOT NULL,
	CONSTRAINT "case_workers_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"label" text NOT NULL,
	"report_meeting_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_label_length" CHECK (char_length("cases"."label") between 1 and 80)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"actor_role" text,
	"organisation_id" uuid,
	"organisation_name" text,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"case_id" uuid,
	"address" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting_workers" ADD CONSTRAINT "meeting_workers_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_workers" ADD CONSTRAINT "meeting_workers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_team_id_organisations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_outcome_by_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_organisations" ADD CONSTRAINT "case_organisations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_organisations" ADD CONSTRAINT "case_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_worker_changes" ADD CONSTRAINT "case_worker_changes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_worker_changes" ADD CONSTRAINT "case_worker_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_workers" ADD CONSTRAINT "case_workers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_workers" ADD CONSTRAINT "case_workers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_team_id_organisations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_report_meeting_id_meetings_id_fk" FOREIGN KEY ("report_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_workers_user_idx" ON "meeting_workers" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "meetings_team_status_idx" ON "meetings" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "meetings_org_idx" ON "meetings" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "meetings_case_idx" ON "meetings" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_organisations_org_idx" ON "case_organisations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "case_worker_changes_case_idx" ON "case_worker_changes" USING btree ("case_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_workers_one_responsible" ON "case_workers" USING btree ("case_id") WHERE "case_workers"."responsible";--> statement-breakpoint
CREATE INDEX "case_workers_user_idx" ON "case_workers" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_report_meeting_uq" ON "cases" USING btree ("report_meeting_id");--> statement-breakpoint
CREATE INDEX "cases_team_idx" ON "cases" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "audit_log_case_idx" ON "audit_log" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_id","id");