CREATE TABLE "inspection_results" (
	"instance_id" text NOT NULL,
	"credit_code" text NOT NULL,
	"subject_name" text NOT NULL,
	"matter" text NOT NULL,
	"plan_title" text NOT NULL,
	"outcome" text NOT NULL,
	"inspected_at" timestamp (3) with time zone NOT NULL,
	"inspected_on" text NOT NULL,
	"publish_by" timestamp (3) with time zone NOT NULL,
	"published_at" timestamp (3) with time zone,
	"published_on" text,
	"penalty_instance_id" text,
	CONSTRAINT "inspection_results_instance_id_credit_code_pk" PRIMARY KEY("instance_id","credit_code")
);
--> statement-breakpoint
CREATE TABLE "inspector_conflicts" (
	"user_id" text NOT NULL,
	"grid_code" text NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "inspector_conflicts_user_id_grid_code_pk" PRIMARY KEY("user_id","grid_code")
);
--> statement-breakpoint
CREATE TABLE "market_subjects" (
	"credit_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"grid_code" text NOT NULL,
	"credit_grade" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "random_draws" (
	"instance_id" text PRIMARY KEY NOT NULL,
	"seed" text NOT NULL,
	"algorithm" text NOT NULL,
	"registry_hash" text NOT NULL,
	"plan" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"drawn_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_conflicts" ADD CONSTRAINT "inspector_conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "random_draws" ADD CONSTRAINT "random_draws_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_results_published_idx" ON "inspection_results" USING btree ("published_on","credit_code");--> statement-breakpoint
CREATE INDEX "market_subjects_grid_idx" ON "market_subjects" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "market_subjects_name_idx" ON "market_subjects" USING btree ("name");