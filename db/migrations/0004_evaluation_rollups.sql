CREATE TABLE "evaluation_rollups" (
	"evaluation_id" integer PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"municipality_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"total_cost" numeric(18, 3) NOT NULL,
	"attainment" double precision,
	"indicator_count" integer NOT NULL,
	"with_attainment" integer NOT NULL,
	"at_target" integer NOT NULL,
	"effectiveness_band" "rating_band",
	"graded_count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluation_rollups" ADD CONSTRAINT "evaluation_rollups_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_rollups_municipality_year" ON "evaluation_rollups" USING btree ("municipality_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "evaluation_rollups_project" ON "evaluation_rollups" USING btree ("project_id");--> statement-breakpoint
-- Backfill: the rollup of every evaluation already stored (the statement db/queries/rollups.ts
-- rollupInsertSql({ all: true }) renders; later imports and rollbacks keep it up to date).
insert into evaluation_rollups (evaluation_id, project_id, municipality_id, fiscal_year, total_cost, attainment,
                                    indicator_count, with_attainment, at_target, effectiveness_band, graded_count)
    select e.id, e.project_id, p.municipality_id, e.fiscal_year,
           (coalesce(e.project_cost, 0) + coalesce(e.staff_cost, 0)),
           a.attainment,
           coalesce(a.indicator_count, 0), coalesce(a.with_attainment, 0), coalesce(a.at_target, 0),
           gr.effectiveness_band, coalesce(gr.graded_count, 0)
    from evaluations e
    join projects p on p.id = e.project_id
    left join (
      -- avg and count skip the undefined ratios (NULL); the cap applies to defined ones only.
      select project_id, fiscal_year,
             count(*)::int as indicator_count,
             count(ratio)::int as with_attainment,
             count(*) filter (where ratio >= 1)::int as at_target,
             avg((case when (ratio) is null then null else least(ratio, 2::float8) end))::float8 as attainment
      from (
        select i.project_id, v.fiscal_year, (case
    when v.target is null or v.actual is null then null
    when i.direction = 'higher' then
      case when v.target = 0 then null else (v.actual)::float8 / (v.target)::float8 end
    when v.target = 0 then null
    when v.actual = 0 then 2::float8
    else (v.target)::float8 / (v.actual)::float8
  end) as ratio
        from indicators i
        join indicator_values v on v.indicator_id = i.id
        join evaluations e on e.project_id = i.project_id and e.fiscal_year = v.fiscal_year
        where true
      ) x
      group by project_id, fiscal_year
    ) a on a.project_id = e.project_id and a.fiscal_year = e.fiscal_year
    left join (
      select r.evaluation_id,
             count(*)::int as graded_count,
             min(g.band::text) filter (where c.key = 'effectiveness')::rating_band as effectiveness_band
      from ratings r
      join evaluations e on e.id = r.evaluation_id
      join rating_criteria c on c.id = r.criterion_id
      join rating_grades g on g.id = r.grade_id
      where true
      group by r.evaluation_id
    ) gr on gr.evaluation_id = e.id
    where true;
