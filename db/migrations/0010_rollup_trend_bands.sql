ALTER TABLE "evaluation_rollups" ADD COLUMN "verdict_band" "rating_band";--> statement-breakpoint
ALTER TABLE "evaluation_rollups" ADD COLUMN "with_trend" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_rollups" ADD COLUMN "improved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_rollups" ADD COLUMN "worsened" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_rollups" ADD COLUMN "worsened_twice" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_rollups" ADD COLUMN "trend" double precision;--> statement-breakpoint
ALTER TABLE "rating_criteria" ADD COLUMN "watch_rule" text DEFAULT 'poor';--> statement-breakpoint
ALTER TABLE "rating_criteria" ADD CONSTRAINT "rating_criteria_watch_rule" CHECK ("rating_criteria"."watch_rule" in ('poor', 'efficiency'));--> statement-breakpoint
-- The criteria stored before watch roles existed were written from the two schemes in the
-- code (db/domain/rating-scheme.ts DEFAULT_RATING_SCHEME, db/import/profiles/ofunato.ts): give
-- them the roles those schemes now state. Every other criterion keeps the default, `poor`.
update rating_criteria set watch_rule = null where key = 'level';--> statement-breakpoint
update rating_criteria set watch_rule = 'efficiency' where key in ('efficiency', 'cost_room', 'staff_room');--> statement-breakpoint
-- Rebuild every rollup row with the new figures (the statement db/queries/rollups.ts
-- rollupInsertSql({ all: true }) renders; later imports and rollbacks keep it up to date).
delete from evaluation_rollups;--> statement-breakpoint
insert into evaluation_rollups (evaluation_id, project_id, municipality_id, fiscal_year, total_cost, attainment,
                                    indicator_count, with_attainment, at_target, effectiveness_band, graded_count,
                                    verdict_band, with_trend, improved, worsened, worsened_twice, trend)
    select e.id, e.project_id, p.municipality_id, e.fiscal_year,
           (coalesce(e.project_cost, 0) + coalesce(e.staff_cost, 0)),
           a.attainment,
           coalesce(a.indicator_count, 0), coalesce(a.with_attainment, 0), coalesce(a.at_target, 0),
           gr.effectiveness_band, coalesce(gr.graded_count, 0),
           gr.verdict_band,
           coalesce(a.with_trend, 0), coalesce(a.improved, 0), coalesce(a.worsened, 0), coalesce(a.worsened_twice, 0),
           case when a.with_trend > 0 then a.improved::float8 / a.with_trend end
    from evaluations e
    join projects p on p.id = e.project_id
    left join (
      -- avg and count skip the undefined ratios (NULL); the cap applies to defined ones only.
      -- The mean adds the ratios in a fixed order: a float8 sum depends on the order the plan
      -- feeds it rows in, and the same data must roll up to the same bits.
      select project_id, fiscal_year,
             count(*)::int as indicator_count,
             count(ratio)::int as with_attainment,
             count(*) filter (where ratio >= 1)::int as at_target,
             avg((case when (ratio) is null then null else least(ratio, 2::float8) end) order by ratio)::float8 as attainment,
             count(trend)::int as with_trend,
             count(*) filter (where trend = 1)::int as improved,
             count(*) filter (where trend = -1)::int as worsened,
             count(*) filter (where trend = -1 and previous_trend = -1)::int as worsened_twice
      from (
        select y.project_id, y.fiscal_year, (case
    when y.target is null or y.actual is null then null
    when y.direction = 'higher' then
      case when y.target = 0 then null else (y.actual)::float8 / (y.target)::float8 end
    when y.target = 0 then null
    when y.actual = 0 then 2::float8
    else (y.target)::float8 / (y.actual)::float8
  end) as ratio,
               case when y.target is null then (case
    when y.actual is null or y.previous is null then null
    when y.cumulative and y.previous2 is null then null
    when (case when y.cumulative then y.actual + y.previous2 else y.actual end) = (case when y.cumulative then 2 * y.previous else y.previous end) then 0
    when ((case when y.cumulative then y.actual + y.previous2 else y.actual end) > (case when y.cumulative then 2 * y.previous else y.previous end)) = (y.direction = 'higher') then 1
    else -1
  end) end as trend,
               case when y.target is null then (case
    when y.previous is null or y.previous2 is null then null
    when y.cumulative and y.previous3 is null then null
    when (case when y.cumulative then y.previous + y.previous3 else y.previous end) = (case when y.cumulative then 2 * y.previous2 else y.previous2 end) then 0
    when ((case when y.cumulative then y.previous + y.previous3 else y.previous end) > (case when y.cumulative then 2 * y.previous2 else y.previous2 end)) = (y.direction = 'higher') then 1
    else -1
  end) end as previous_trend
        from (
          select i.project_id, i.id as indicator_id, i.direction, i.cumulative, v.fiscal_year, v.target, v.actual,
                 (case when lag(v.fiscal_year, 1) over w = v.fiscal_year - 1 then lag(v.actual, 1) over w end) as previous, (case when lag(v.fiscal_year, 2) over w = v.fiscal_year - 2 then lag(v.actual, 2) over w end) as previous2, (case when lag(v.fiscal_year, 3) over w = v.fiscal_year - 3 then lag(v.actual, 3) over w end) as previous3
          from indicators i
          join indicator_values v on v.indicator_id = i.id
          join evaluations e on e.project_id = i.project_id and e.fiscal_year = v.fiscal_year
          where true
          window w as (partition by v.indicator_id order by v.fiscal_year)
        ) y
      ) x
      group by project_id, fiscal_year
    ) a on a.project_id = e.project_id and a.fiscal_year = e.fiscal_year
    left join (
      select r.evaluation_id,
             count(*)::int as graded_count,
             min(g.band::text) filter (where c.key = 'effectiveness')::rating_band as effectiveness_band,
             -- Worst first: poor, then middle, then good; not_comparable says nothing of the project.
             (case min(case g.band when 'poor' then 1 when 'middle' then 2 when 'good' then 3 end)
                     filter (where c.watch_rule = 'poor')
                when 1 then 'poor' when 2 then 'middle' when 3 then 'good' end)::rating_band as verdict_band
      from ratings r
      join evaluations e on e.id = r.evaluation_id
      join rating_criteria c on c.id = r.criterion_id
      join rating_grades g on g.id = r.grade_id
      where true
      group by r.evaluation_id
    ) gr on gr.evaluation_id = e.id
    where true;
