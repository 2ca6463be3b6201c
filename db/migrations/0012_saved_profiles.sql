CREATE TABLE "saved_profiles" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_code" text NOT NULL,
	"municipality_name" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"profile" jsonb NOT NULL,
	"headers" jsonb NOT NULL,
	"header_signature" text NOT NULL,
	"saved_by" text NOT NULL,
	"saved_by_user_id" text,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "saved_profiles_name_version" ON "saved_profiles" USING btree ("municipality_code","name","version");--> statement-breakpoint
CREATE INDEX "saved_profiles_signature" ON "saved_profiles" USING btree ("header_signature");--> statement-breakpoint
-- A saved profile decides how the next upload is read: a data table like the others (0005).
CREATE TRIGGER "record_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "saved_profiles"
  FOR EACH STATEMENT EXECUTE FUNCTION "hyoka_record_data_change"();
