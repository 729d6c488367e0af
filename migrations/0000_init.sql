CREATE TABLE "audit_events" (
	"instance_id" text NOT NULL,
	"seq" integer NOT NULL,
	"event_key" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"actor_role" text,
	"actor_org_unit_id" text,
	"step_id" text,
	"action" text NOT NULL,
	"data" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_events_instance_id_seq_pk" PRIMARY KEY("instance_id","seq")
);
--> statement-breakpoint
CREATE TABLE "catalog_entries" (
	"catalog" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "catalog_entries_catalog_code_pk" PRIMARY KEY("catalog","code")
);
--> statement-breakpoint
CREATE TABLE "counters" (
	"name" text PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instances" (
	"id" text PRIMARY KEY NOT NULL,
	"process_key" text NOT NULL,
	"process_version" integer NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"input" jsonb NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" jsonb NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"outcome" jsonb
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" text,
	"code" text,
	"office_hours" jsonb
);
--> statement-breakpoint
CREATE TABLE "process_definitions" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"current_version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "process_versions" (
	"process_key" text NOT NULL,
	"version" integer NOT NULL,
	"bpmn_xml" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "process_versions_process_key_version_pk" PRIMARY KEY("process_key","version")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"instance_id" text NOT NULL,
	"process_key" text NOT NULL,
	"step_id" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"assignee_id" text,
	"status" text NOT NULL,
	"actions" jsonb NOT NULL,
	"time_limit" jsonb NOT NULL,
	"calendar_version" text NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"remind_at" timestamp (3) with time zone NOT NULL,
	"reminded_at" timestamp (3) with time zone,
	"supervised_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"completed_by" text,
	"outcome_action" text,
	"outcome_data" jsonb,
	"title" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"roles" jsonb NOT NULL,
	"org_unit_id" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_versions" ADD CONSTRAINT "process_versions_process_key_process_definitions_key_fk" FOREIGN KEY ("process_key") REFERENCES "public"."process_definitions"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_key_idx" ON "audit_events" USING btree ("event_key");--> statement-breakpoint
CREATE INDEX "instances_started_idx" ON "instances" USING btree ("started_at","id");--> statement-breakpoint
CREATE INDEX "instances_process_status_idx" ON "instances" USING btree ("process_key","status");--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_code_idx" ON "org_units" USING btree ("code");--> statement-breakpoint
CREATE INDEX "tasks_inbox_idx" ON "tasks" USING btree ("status","role","org_unit_id","due_at","id");--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("assignee_id","status","due_at","id");--> statement-breakpoint
CREATE INDEX "tasks_instance_idx" ON "tasks" USING btree ("instance_id");