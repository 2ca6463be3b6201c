CREATE TABLE "activity_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"user_id" text,
	"user_name" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_rate_limits" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"count" integer NOT NULL,
	"last_request" bigint NOT NULL,
	CONSTRAINT "auth_rate_limits_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "auth_sign_in_failures" (
	"email" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "created_by_user_id" text;--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "rolled_back_by_user_id" text;--> statement-breakpoint
CREATE INDEX "activity_log_at" ON "activity_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "activity_log_kind_at" ON "activity_log" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "activity_log_user_at" ON "activity_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "auth_users_name_key" ON "auth_users" USING btree (lower(normalize("name", NFKC)));