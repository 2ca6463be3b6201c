-- Search ranking (db/queries/search.ts): title_search is the code and 事業名 as the search
-- matches them, stored so that counting and ranking the projects that hold every term there (the
-- highest score) reads no NFKC per row; projects_name_trgm orders the closest names first (`<->`)
-- when more names match than the search ranks.
ALTER TABLE "projects" ADD COLUMN "title_search" text GENERATED ALWAYS AS (lower(normalize(code || ' ' || name, NFKC))) STORED;--> statement-breakpoint
CREATE INDEX "projects_name_trgm" ON "projects" USING gist (lower(normalize("name", NFKC)) gist_trgm_ops);