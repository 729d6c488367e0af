CREATE TABLE "hotline_dispatches" (
	"instance_id" text NOT NULL,
	"seq" integer NOT NULL,
	"unit_id" text NOT NULL,
	"dispatched_at" timestamp (3) with time zone NOT NULL,
	"contact_due_at" timestamp (3) with time zone NOT NULL,
	"contacted_at" timestamp (3) with time zone,
	"objection" text,
	"ruling" text,
	CONSTRAINT "hotline_dispatches_instance_id_seq_pk" PRIMARY KEY("instance_id","seq")
);
--> statement-breakpoint
CREATE TABLE "hotline_orders" (
	"instance_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"urgent" boolean NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"unit_id" text,
	"linked_case_id" text,
	"handle_due_at" timestamp (3) with time zone,
	"reported_at" timestamp (3) with time zone,
	"extensions" integer DEFAULT 0 NOT NULL,
	"reopened" boolean DEFAULT false NOT NULL,
	"visited_at" timestamp (3) with time zone,
	"resolved" boolean,
	"satisfaction" text
);
--> statement-breakpoint
CREATE INDEX "hotline_dispatches_due_idx" ON "hotline_dispatches" USING btree ("contact_due_at");--> statement-breakpoint
CREATE INDEX "hotline_orders_visited_idx" ON "hotline_orders" USING btree ("visited_at");