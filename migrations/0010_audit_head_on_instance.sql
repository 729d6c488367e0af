ALTER TABLE "instances" ADD COLUMN "audit_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "audit_hash" text DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL;--> statement-breakpoint
-- Cases started before this migration take their chain's current head, so their next append links to it.
UPDATE "instances" AS i SET "audit_seq" = h.seq, "audit_hash" = h.hash
  FROM (SELECT DISTINCT ON (instance_id) instance_id, seq, hash FROM "audit_events" ORDER BY instance_id, seq DESC) AS h
  WHERE h.instance_id = i.id;
