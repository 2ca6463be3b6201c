CREATE TYPE "public"."rating_band" AS ENUM('good', 'middle', 'poor', 'not_comparable');--> statement-breakpoint
CREATE TYPE "public"."import_status" AS ENUM('running', 'committed', 'failed', 'rolled_back');--> statement-breakpoint
CREATE TYPE "public"."indicator_direction" AS ENUM('higher', 'lower');--> statement-breakpoint
CREATE TYPE "public"."indicator_kind" AS ENUM('activity', 'outcome');--> statement-breakpoint
CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_id" integer NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"import_batch_id" integer,
	"previous_policy" text,
	"implementation_method" text,
	"activities" text,
	"project_cost" numeric(18, 3),
	"national_prefectural" numeric(18, 3),
	"local_bonds" numeric(18, 3),
	"other_specific" numeric(18, 3),
	"general_funds" numeric(18, 3),
	"regular_staff_fte" numeric(12, 2),
	"regular_staff_hours" numeric(12, 2),
	"regular_staff_cost" numeric(18, 3),
	"other_staff_fte" numeric(12, 2),
	"other_staff_hours" numeric(12, 2),
	"other_staff_cost" numeric(18, 3),
	"staff_cost" numeric(18, 3),
	"total_cost_stated" numeric(18, 3),
	"target_definition" text,
	"target_count" numeric(20, 4),
	"target_unit" text,
	"unit_cost_stated_yen" numeric(20, 4),
	"review" text,
	"direction" text
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"encoding" text NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	"inserted_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"unchanged_count" integer DEFAULT 0 NOT NULL,
	"rejected_count" integer DEFAULT 0 NOT NULL,
	"warning_count" integer DEFAULT 0 NOT NULL,
	"status" "import_status" DEFAULT 'running' NOT NULL,
	"created_by" text NOT NULL,
	"report" jsonb,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"indicator_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"target" numeric(20, 4),
	"actual" numeric(20, 4),
	"import_batch_id" integer,
	CONSTRAINT "indicator_values_indicator_id_fiscal_year_pk" PRIMARY KEY("indicator_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	"kind" "indicator_kind" DEFAULT 'outcome' NOT NULL,
	"direction" "indicator_direction" DEFAULT 'higher' NOT NULL,
	"cumulative" boolean DEFAULT false NOT NULL,
	"baseline_value" numeric(20, 4),
	"baseline_fiscal_year" smallint
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	CONSTRAINT "municipalities_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "municipality_populations" (
	"municipality_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"population" integer NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "municipality_populations_municipality_id_fiscal_year_pk" PRIMARY KEY("municipality_id","fiscal_year"),
	CONSTRAINT "population_positive" CHECK ("municipality_populations"."population" > 0)
);
--> statement-breakpoint
CREATE TABLE "policy_nodes" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_id" integer NOT NULL,
	"parent_id" integer,
	"level" smallint NOT NULL,
	"number" text,
	"name" text NOT NULL,
	"path" text NOT NULL,
	CONSTRAINT "policy_level_range" CHECK ("policy_nodes"."level" between 0 and 4)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"policy_node_id" integer,
	"department_id" integer,
	"section_id" integer,
	"start_fiscal_year" smallint,
	"end_fiscal_year" smallint,
	"administrative_type" text,
	"legal_basis" text,
	"budget_names" text,
	"related_laws" text,
	"national_plans" text,
	"individual_plans" text,
	"background" text,
	"purpose" text,
	"target_description" text,
	"content" text,
	"import_batch_id" integer
);
--> statement-breakpoint
CREATE TABLE "rating_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"scheme_id" integer NOT NULL,
	"key" text NOT NULL,
	"label_ja" text NOT NULL,
	"label_en" text NOT NULL,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_grades" (
	"id" serial PRIMARY KEY NOT NULL,
	"criterion_id" integer NOT NULL,
	"code" text NOT NULL,
	"label_ja" text NOT NULL,
	"label_en" text NOT NULL,
	"position" smallint NOT NULL,
	"band" "rating_band" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_schemes" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_id" integer NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "rating_schemes_municipality_id_unique" UNIQUE("municipality_id")
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"evaluation_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"grade_id" integer,
	"reason" text,
	CONSTRAINT "ratings_evaluation_id_criterion_id_pk" PRIMARY KEY("evaluation_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"id" serial PRIMARY KEY NOT NULL,
	"department_id" integer NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_populations" ADD CONSTRAINT "municipality_populations_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_nodes" ADD CONSTRAINT "policy_nodes_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_nodes" ADD CONSTRAINT "policy_nodes_parent_id_policy_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."policy_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_policy_node_id_policy_nodes_id_fk" FOREIGN KEY ("policy_node_id") REFERENCES "public"."policy_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_criteria" ADD CONSTRAINT "rating_criteria_scheme_id_rating_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."rating_schemes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_grades" ADD CONSTRAINT "rating_grades_criterion_id_rating_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."rating_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_schemes" ADD CONSTRAINT "rating_schemes_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_criterion_id_rating_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."rating_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_grade_id_rating_grades_id_fk" FOREIGN KEY ("grade_id") REFERENCES "public"."rating_grades"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "departments_municipality_name" ON "departments" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_project_year" ON "evaluations" USING btree ("project_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "evaluations_year" ON "evaluations" USING btree ("fiscal_year");--> statement-breakpoint
CREATE INDEX "evaluations_import_batch" ON "evaluations" USING btree ("import_batch_id");--> statement-breakpoint
CREATE INDEX "indicator_values_year" ON "indicator_values" USING btree ("fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_project_name" ON "indicators" USING btree ("project_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_nodes_municipality_path" ON "policy_nodes" USING btree ("municipality_id","path");--> statement-breakpoint
CREATE INDEX "policy_nodes_parent" ON "policy_nodes" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_municipality_code" ON "projects" USING btree ("municipality_id","code");--> statement-breakpoint
CREATE INDEX "projects_policy_node" ON "projects" USING btree ("policy_node_id");--> statement-breakpoint
CREATE INDEX "projects_department" ON "projects" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "projects_section" ON "projects" USING btree ("section_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_criteria_scheme_key" ON "rating_criteria" USING btree ("scheme_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_grades_criterion_code" ON "rating_grades" USING btree ("criterion_id","code");--> statement-breakpoint
CREATE INDEX "ratings_criterion_grade" ON "ratings" USING btree ("criterion_id","grade_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sections_department_name" ON "sections" USING btree ("department_id","name");