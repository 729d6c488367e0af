ALTER TABLE "tasks" ADD COLUMN "acknowledge_by" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "acknowledged_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "parked_at" timestamp (3) with time zone;