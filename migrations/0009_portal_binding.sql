CREATE TABLE "case_claims" (
	"instance_id" text PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"issued_by" text NOT NULL,
	"issued_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"redeemed_by" text,
	"redeemed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "portal_subjects" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"id_number" text,
	"verified_via" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"verified_by" text NOT NULL,
	"verified_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "party_account_id" text;--> statement-breakpoint
ALTER TABLE "case_claims" ADD CONSTRAINT "case_claims_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_subjects" ADD CONSTRAINT "portal_subjects_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_claims_code_idx" ON "case_claims" USING btree ("code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_subjects_user_code_idx" ON "portal_subjects" USING btree ("user_id","credit_code");--> statement-breakpoint
CREATE INDEX "instances_party_idx" ON "instances" USING btree ("party_account_id");--> statement-breakpoint
-- Written by hand: a case a member of the public filed online stays bound to them (counter filings wait for a claim).
UPDATE "instances" SET "party_account_id" = "started_by" WHERE "started_by" IN (SELECT "id" FROM "users" WHERE "roles" <@ '["applicant"]'::jsonb);
