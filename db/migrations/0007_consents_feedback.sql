CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"scopes" text[] NOT NULL,
	"parties" jsonb NOT NULL,
	"form" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawal_reason" text,
	CONSTRAINT "consents_scopes_check" CHECK (cardinality("consents"."scopes") between 1 and 4 and "consents"."scopes" <@ array['intervention_progress','school_observations','attendance','meeting_invitations']),
	CONSTRAINT "consents_form_check" CHECK ("consents"."form" in ('written','verbal')),
	CONSTRAINT "consents_period_check" CHECK ("consents"."valid_until" >= "consents"."valid_from" and "consents"."valid_until" <= "consents"."valid_from" + interval '12 months'),
	CONSTRAINT "consents_parties_check" CHECK (jsonb_typeof("consents"."parties") = 'array' and jsonb_array_length("consents"."parties") between 1 and 3),
	CONSTRAINT "consents_withdrawal_check" CHECK (("consents"."withdrawn_at" is null) = ("consents"."withdrawal_reason" is null) and char_length(coalesce("consents"."withdrawal_reason", 'x')) between 1 and 300)
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"author_side" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	CONSTRAINT "feedback_scope_check" CHECK ("feedback"."scope" in ('intervention_progress','school_observations','attendance','meeting_invitations')),
	CONSTRAINT "feedback_body_length" CHECK (char_length("feedback"."body") between 1 and 2000),
	CONSTRAINT "feedback_side_check" CHECK ("feedback"."author_side" in ('team','school'))
);
--> statement-breakpoint
CREATE TABLE "statutory_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"status" text NOT NULL,
	"given_by" uuid,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statutory_feedback_once" UNIQUE("case_id","organisation_id"),
	CONSTRAINT "statutory_feedback_status_check" CHECK ("statutory_feedback"."status" in ('investigation_opened','investigation_not_opened','already_ongoing'))
);
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_team_id_organisations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_case_organisation_fk" FOREIGN KEY ("case_id","organisation_id") REFERENCES "public"."case_organisations"("case_id","organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_team_id_organisations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_case_organisation_fk" FOREIGN KEY ("case_id","organisation_id") REFERENCES "public"."case_organisations"("case_id","organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statutory_feedback" ADD CONSTRAINT "statutory_feedback_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statutory_feedback" ADD CONSTRAINT "statutory_feedback_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statutory_feedback" ADD CONSTRAINT "statutory_feedback_team_id_organisations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statutory_feedback" ADD CONSTRAINT "statutory_feedback_given_by_users_id_fk" FOREIGN KEY ("given_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statutory_feedback" ADD CONSTRAINT "statutory_feedback_case_organisation_fk" FOREIGN KEY ("case_id","organisation_id") REFERENCES "public"."case_organisations"("case_id","organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_case_org_idx" ON "consents" USING btree ("case_id","organisation_id");--> statement-breakpoint
CREATE INDEX "consents_team_idx" ON "consents" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "feedback_thread_idx" ON "feedback" USING btree ("case_id","organisation_id","scope","created_at");--> statement-breakpoint
CREATE INDEX "statutory_feedback_org_idx" ON "statutory_feedback" USING btree ("organisation_id");