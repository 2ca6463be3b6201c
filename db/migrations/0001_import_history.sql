ALTER TYPE "public"."import_status" ADD VALUE 'pending' BEFORE 'running';--> statement-breakpoint
CREATE TABLE "import_files" (
	"batch_id" integer PRIMARY KEY NOT NULL,
	"gzipped" "bytea" NOT NULL,
	"byte_length" integer NOT NULL,
	"mapping" jsonb
);
--> statement-breakpoint
CREATE TABLE "import_replaced" (
	"batch_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"previous" jsonb,
	CONSTRAINT "import_replaced_batch_id_project_id_fiscal_year_pk" PRIMARY KEY("batch_id","project_id","fiscal_year")
);
--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "import_files" ADD CONSTRAINT "import_files_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_replaced" ADD CONSTRAINT "import_replaced_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE cascade ON UPDATE no action;