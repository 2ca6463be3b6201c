-- Search ranking (db/queries/search.ts): title_search (code and 事業名) and name_search (事業名)
-- as the search matches and compares them, stored so that counting and ranking the projects that
-- hold every term in their name (the highest score) reads no NFKC per row; projects_name_trgm
-- orders the closest names first (`<->`) when more names match than the search ranks.
ALTER TABLE "projects" ADD COLUMN "title_search" text GENERATED ALWAYS AS (lower(normalize(code || ' ' || name, NFKC))) STORED;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "name_search" text GENERATED ALWAYS AS (lower(normalize(name, NFKC))) STORED;--> statement-breakpoint
CREATE INDEX "projects_name_trgm" ON "projects" USING gist ("name_search" gist_trgm_ops(siglen=256));