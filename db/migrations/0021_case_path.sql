CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_events_kind" CHECK ("kind" in ('report_received', 'investigation_opened', 'investigation_not_opened', 'intervention_offered', 'intervention_accepted', 'intervention_declined', 'intervention_started', 'intervention_completed', 'case_closed', 'check_in_done')),
	CONSTRAINT "case_events_on" CHECK ("case_events"."on" between '2000-01-01' and '2100-12-31')
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_once" ON "case_events" USING btree ("case_id","kind");