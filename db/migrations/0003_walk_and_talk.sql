CREATE TABLE "school_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"booking_required" boolean DEFAULT false NOT NULL,
	CONSTRAINT "school_periods_kind" CHECK ("school_periods"."kind" in ('term','break')),
	CONSTRAINT "school_periods_period" CHECK ("school_periods"."ends_on" >= "school_periods"."starts_on"),
	CONSTRAINT "school_periods_required_only_terms" CHECK (not "school_periods"."booking_required" or "school_periods"."kind" = 'term')
);
--> statement-breakpoint
CREATE TABLE "slot_hosts" (
	"slot_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "slot_hosts_slot_id_user_id_pk" PRIMARY KEY("slot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "slot_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text DEFAULT 'walk_and_talk' NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"interval_weeks" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"location" text NOT NULL,
	"capacity" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slot_series_weekday" CHECK ("slot_series"."weekday" between 1 and 7),
	CONSTRAINT "slot_series_period" CHECK ("slot_series"."ends_on" >= "slot_series"."starts_on"),
	CONSTRAINT "slot_series_kind" CHECK ("slot_series"."kind" in ('walk_and_talk','on_site'))
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid,
	"organisation_id" uuid NOT NULL,
	"kind" text DEFAULT 'walk_and_talk' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" text NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slots_time" CHECK ("slots"."ends_at" > "slots"."starts_at"),
	CONSTRAINT "slots_capacity" CHECK ("slots"."booked" >= 0 and "slots"."booked" <= "slots"."capacity"),
	CONSTRAINT "slots_kind" CHECK ("slots"."kind" in ('walk_and_talk','on_site'))
);
--> statement-breakpoint
CREATE TABLE "booking_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"sent_by" uuid,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dismissed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" uuid NOT NULL,
	"booker_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'booked' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"cancel_reason" text,
	"cancelled_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_topic" CHECK ("bookings"."topic" in ('unsure_report','advice_referral','plan_report','acute_protection','known_child','general_question')),
	CONSTRAINT "bookings_status" CHECK ("bookings"."status" in ('booked','cancelled','attended','no_show')),
	CONSTRAINT "bookings_note_length" CHECK ("bookings"."note" is null or char_length("bookings"."note") <= 1000)
);
--> statement-breakpoint
ALTER TABLE "school_periods" ADD CONSTRAINT "school_periods_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_hosts" ADD CONSTRAINT "slot_hosts_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_hosts" ADD CONSTRAINT "slot_hosts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_series" ADD CONSTRAINT "slot_series_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_series" ADD CONSTRAINT "slot_series_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_series_id_slot_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."slot_series"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_reminders" ADD CONSTRAINT "booking_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_reminders" ADD CONSTRAINT "booking_reminders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_reminders" ADD CONSTRAINT "booking_reminders_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_booker_id_users_id_fk" FOREIGN KEY ("booker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "school_periods_org_idx" ON "school_periods" USING btree ("organisation_id","starts_on");--> statement-breakpoint
CREATE INDEX "slot_hosts_user_idx" ON "slot_hosts" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "slots_org_time_idx" ON "slots" USING btree ("organisation_id","starts_at");--> statement-breakpoint
CREATE INDEX "slots_series_idx" ON "slots" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "booking_reminders_user_idx" ON "booking_reminders" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_per_person" ON "bookings" USING btree ("slot_id","booker_id") WHERE "bookings"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "bookings_booker_idx" ON "bookings" USING btree ("booker_id","created_at");