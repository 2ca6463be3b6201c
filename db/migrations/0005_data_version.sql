CREATE TABLE "data_changes" (
	"xid" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Every write to the data tables records its transaction once (statement-level, so a 100,000-row
-- COPY costs one insert, not 100,000). Readers see the row only when the writer commits, which
-- is what makes (count, max xid) a version the page cache can trust (db/queries/data-version.ts).
-- The auth tables are left out: a login must not throw away every cached page.
CREATE FUNCTION "hyoka_record_data_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "data_changes" ("xid") VALUES (pg_current_xact_id()::text::bigint) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['departments', 'evaluation_rollups', 'evaluations', 'import_batches', 'import_files',
    'import_replaced', 'indicator_values', 'indicators', 'municipalities', 'municipality_populations', 'policy_nodes',
    'projects', 'rating_criteria', 'rating_grades', 'rating_schemes', 'ratings', 'sections']
  LOOP
    EXECUTE format('CREATE TRIGGER "record_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION "hyoka_record_data_change"()', t);
  END LOOP;
END
$$;
--> statement-breakpoint
-- The migration itself is a change: a freshly migrated database has a version of its own.
INSERT INTO "data_changes" ("xid") VALUES (pg_current_xact_id()::text::bigint);
