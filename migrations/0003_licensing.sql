CREATE TABLE "alerts" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"instance_id" text,
	"message" text NOT NULL,
	"data" jsonb NOT NULL,
	"raised_at" timestamp (3) with time zone NOT NULL,
	"cleared_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "credit_records" (
	"id" text PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"instance_id" text,
	"licence_no" text,
	"recorded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licences" (
	"id" text PRIMARY KEY NOT NULL,
	"licence_no" text NOT NULL,
	"instance_id" text NOT NULL,
	"item_code" text NOT NULL,
	"holder_name" text NOT NULL,
	"credit_code" text NOT NULL,
	"route" text NOT NULL,
	"status" text NOT NULL,
	"issued_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"revocation_reason" text,
	CONSTRAINT "licences_licence_no_unique" UNIQUE("licence_no"),
	CONSTRAINT "licences_instance_id_unique" UNIQUE("instance_id")
);
--> statement-breakpoint
CREATE TABLE "push_receipts" (
	"licence_id" text NOT NULL,
	"target" text NOT NULL,
	"instance_id" text NOT NULL,
	"attempts" integer NOT NULL,
	"last_error" text,
	"receipt_id" text,
	"acknowledged_at" timestamp (3) with time zone,
	CONSTRAINT "push_receipts_licence_id_target_pk" PRIMARY KEY("licence_id","target")
);
--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_receipts" ADD CONSTRAINT "push_receipts_licence_id_licences_id_fk" FOREIGN KEY ("licence_id") REFERENCES "public"."licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alerts_open_idx" ON "alerts" USING btree ("cleared_at","raised_at");--> statement-breakpoint
CREATE INDEX "credit_records_code_idx" ON "credit_records" USING btree ("credit_code","kind");