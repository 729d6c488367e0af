CREATE TABLE "idempotency_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"request_hash" text NOT NULL,
	"instance_id" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
