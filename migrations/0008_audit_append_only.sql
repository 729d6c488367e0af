-- The audit log is append-only in the database itself (ARCHITECTURE principle 6): UPDATE, DELETE and TRUNCATE on
-- audit_events are refused by triggers, whoever connects, the owner and superusers included (a superuser can still
-- disable a trigger: the signed checkpoints are what catch that, see docs/audit.md). The one exception is the
-- explicit, audited purge of a whole instance: audit_purge_instance() records the purge in audit_purges and deletes
-- the chain in the same transaction, and the trigger lets a DELETE through only when such a record was written by
-- the current transaction. Privileges for a non-owner application role are in docs/audit.md.
CREATE FUNCTION public.audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' AND EXISTS (
    SELECT 1 FROM public.audit_purges WHERE instance_id = OLD.instance_id AND txid = txid_current()
  ) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
    USING ERRCODE = '42501', HINT = 'a whole instance can be purged with audit_purge_instance(instance_id, reason, purged_by)';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON public.audit_events
  FOR EACH ROW EXECUTE FUNCTION public.audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON public.audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION public.audit_events_append_only();
--> statement-breakpoint
CREATE FUNCTION public.audit_purges_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_purges is append-only: % refused', TG_OP USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_purges_no_update_delete BEFORE UPDATE OR DELETE ON public.audit_purges
  FOR EACH ROW EXECUTE FUNCTION public.audit_purges_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_purges_no_truncate BEFORE TRUNCATE ON public.audit_purges
  FOR EACH STATEMENT EXECUTE FUNCTION public.audit_purges_append_only();
--> statement-breakpoint
-- SECURITY DEFINER: an operator may grant EXECUTE on it to a retention role that has no DELETE on audit_events.
CREATE FUNCTION public.audit_purge_instance(p_instance_id text, p_reason text, p_purged_by text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head record;
  deleted integer;
BEGIN
  IF coalesce(btrim(p_reason), '') = '' OR coalesce(btrim(p_purged_by), '') = '' THEN
    RAISE EXCEPTION 'a purge needs a reason and who ordered it' USING ERRCODE = '22023';
  END IF;
  SELECT seq, hash INTO head FROM public.audit_events WHERE instance_id = p_instance_id ORDER BY seq DESC LIMIT 1;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;
  INSERT INTO public.audit_purges (instance_id, head_seq, head_hash, reason, purged_by)
    VALUES (p_instance_id, head.seq, head.hash, p_reason, p_purged_by);
  DELETE FROM public.audit_events WHERE instance_id = p_instance_id;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  RETURN deleted;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.audit_purge_instance(text, text, text) FROM PUBLIC;
