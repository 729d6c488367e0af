CREATE TABLE "assessment_units" (
	"instance_id" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"on_time" boolean NOT NULL,
	CONSTRAINT "assessment_units_instance_id_org_unit_id_pk" PRIMARY KEY("instance_id","org_unit_id")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"instance_id" text PRIMARY KEY NOT NULL,
	"process_key" text NOT NULL,
	"street_id" text,
	"community_id" text,
	"status" text NOT NULL,
	"level_reached" text NOT NULL,
	"self_resolved" boolean NOT NULL,
	"reworks" integer NOT NULL,
	"satisfaction" text,
	"on_time" boolean NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_units" ADD CONSTRAINT "assessment_units_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_started_idx" ON "assessments" USING btree ("process_key","started_at");