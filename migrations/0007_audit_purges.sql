CREATE TABLE "audit_purges" (
	"instance_id" text PRIMARY KEY NOT NULL,
	"head_seq" integer NOT NULL,
	"head_hash" text NOT NULL,
	"reason" text NOT NULL,
	"purged_by" text NOT NULL,
	"purged_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"txid" bigint DEFAULT txid_current() NOT NULL
);
