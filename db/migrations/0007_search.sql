-- Search (db/queries/search.ts): trigram GIN indexes answer LIKE '%term%' on NFKC-normalised,
-- lowercased text. PGlite loads pg_trgm from @electric-sql/pglite/contrib (db/pglite.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(normalize(coalesce(review, ''), NFKC))) STORED;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(normalize(name, NFKC))) STORED;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(normalize(code || ' ' || name || ' ' || coalesce(purpose, '') || ' ' || coalesce(target_description, '') || ' ' || coalesce(content, ''), NFKC))) STORED;--> statement-breakpoint
CREATE INDEX "evaluations_search" ON "evaluations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "indicators_search" ON "indicators" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "projects_search" ON "projects" USING gin ("search_text" gin_trgm_ops);