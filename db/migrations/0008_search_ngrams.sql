-- Search (db/queries/search.ts): a term of one or two characters (健診, 市) has no trigram for
-- 0007's indexes, so these GIN indexes hold every one- and two-character piece of search_text
-- and answer `search_ngrams(search_text) collate "C" @> array[term]`; LIKE stays the exact
-- check. Built from C functions in one expression (characters, then pairs from even and odd
-- offsets, cut at U+001F): a set-returning SQL version was 17 times slower to index. Repeats are
-- kept, GIN stores each piece once per row. IMMUTABLE: an index may call it, a read cannot write.
CREATE FUNCTION search_ngrams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT string_to_array(t, NULL)
        || string_to_array(regexp_replace(t, '(..)', E'\\1\x1f', 'g'), E'\x1f')
        || string_to_array(regexp_replace(substr(t, 2), '(..)', E'\\1\x1f', 'g'), E'\x1f')
  $$;--> statement-breakpoint
CREATE INDEX "evaluations_search_ngrams" ON "evaluations" USING gin (search_ngrams("search_text") collate "C");--> statement-breakpoint
CREATE INDEX "indicators_search_ngrams" ON "indicators" USING gin (search_ngrams("search_text") collate "C");--> statement-breakpoint
CREATE INDEX "projects_search_ngrams" ON "projects" USING gin (search_ngrams("search_text") collate "C");
