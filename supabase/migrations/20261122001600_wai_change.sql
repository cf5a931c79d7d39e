-- Paired WAI change from start to exit: for each participant with a WAI total at both the start
-- and the exit occasion (any definition version of key 'wai'), change = exit − start. Reported as
-- mean and median change, the counts improved / unchanged / worse, the same for the Work Ability
-- Score (item 1, 0–10, paired on its own since it is scored even when the total is not), and how
-- many moved up, stayed in or moved down a WAI category.
--
-- Disclosure (docs/disclosure-control.md): pairs count from the quarter of their exit answer, and
-- only closed quarters count. Closed quarters form segments in time order, each closed once it
-- holds at least k pairs of totals and k pairs of Work Ability Scores (or none of the latter);
-- a trailing run that does not qualify yet waits. So two results at any two moments differ by
-- whole segments of at least k pairs. Within the published group every count is shown, as for
-- answers (improved / unchanged / worse and the category movement are answer distributions).
--
-- "Unchanged" means |change| < 1 point. WAI totals move in half points only through item 2's
-- 0.5 weight: one step on the lesser demand question. That is below the resolution of any other
-- answer and no one would call it a change in work ability, so it counts as unchanged; any move of
-- a whole point or more counts. On the Work Ability Score (whole points) the same rule means
-- exactly 0, so one rule serves both.

-- The closed quarters whose pairs count: segments (rule above) over per-quarter counts of total
-- pairs and Work Ability Score pairs, in time order; the trailing run that does not qualify is left out.
create function app.pair_quarters(p_quarters date[], p_totals int[], p_was int[], p_min int) returns date[]
language plpgsql immutable set search_path = public, pg_temp
as $$
declare
  v_out date[] := '{}';
  v_run date[] := '{}';
  v_t int := 0;
  v_w int := 0;
begin
  for i in 1 .. coalesce(array_length(p_quarters, 1), 0) loop
    v_run := v_run || p_quarters[i];
    v_t := v_t + p_totals[i];
    v_w := v_w + p_was[i];
    if v_t >= p_min and (v_w = 0 or v_w >= p_min) then
      v_out := v_out || v_run;
      v_run := '{}';
      v_t := 0;
      v_w := 0;
    end if;
  end loop;
  return v_out;
end
$$;

-- Counts of an answer distribution in a published group, every one shown (the same shape as
-- app.category_counts, so pages read both alike).
create function app.full_counts(p_keys text[], p_counts int[], p_published boolean) returns jsonb
language sql immutable set search_path = public, pg_temp
as $$
  select case when not p_published then jsonb_build_object('n', null, 'suppressed', true, 'categories', '[]'::jsonb)
  else jsonb_build_object('n', (select coalesce(sum(x), 0)::int from unnest(p_counts) x), 'suppressed', false,
    'categories', (select coalesce(jsonb_agg(jsonb_build_object('category', k.key, 'n', coalesce(p_counts[k.ord], 0), 'suppressed', false)
                                   order by k.ord), '[]'::jsonb)
                   from unnest(p_keys) with ordinality k(key, ord)))
  end
$$;

-- One change summary: n, mean and median change (exact: rounded where shown), and the direction counts.
create function app.change_summary(p_changes numeric[], p_min_group int) returns jsonb
language sql immutable set search_path = public, pg_temp set jit = off
as $$
  with c as (select unnest(p_changes) as d),
  s as (
    select count(d)::int as n, avg(d) as mean,
           (percentile_cont(0.5) within group (order by d))::numeric as median,
           count(*) filter (where d >= 1)::int as improved,
           count(*) filter (where abs(d) < 1)::int as unchanged,
           count(*) filter (where d <= -1)::int as worse
    from c
  )
  select jsonb_build_object(
    'n', case when s.n >= p_min_group then s.n end,
    'suppressed', s.n < p_min_group,
    'mean_change', case when s.n >= p_min_group then s.mean end,
    'median_change', case when s.n >= p_min_group then s.median end,
    'direction', app.full_counts(array['improved', 'unchanged', 'worse'],
                                 array[s.improved, s.unchanged, s.worse], s.n >= p_min_group))
  from s
$$;

-- Researchers and admins of the project only.
create function public.wai_change(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp set jit = off
as $$
declare
  v_project public.projects;
  v_min int;
  v_total jsonb;
  v_was jsonb;
  v_movement jsonb;
  v_before date := app.quarter_of(now());
  v_quarters date[];
begin
  v_project := app.research_project((p ->> 'project_id')::uuid);
  v_min := v_project.min_group_size;

  -- One start and one exit response per participant (unique participant, survey_key, occasion),
  -- dated by the exit answer; closed quarters only, in whole segments.
  with pairs as (
    select app.quarter_of(e.submitted_at) as q,
           (s.derived -> 'wai' ->> 'total')::numeric as t0, (e.derived -> 'wai' ->> 'total')::numeric as t1,
           (s.derived -> 'wai' ->> 'workAbilityScore')::numeric as w0, (e.derived -> 'wai' ->> 'workAbilityScore')::numeric as w1,
           array_position(array['poor', 'moderate', 'good', 'excellent'], s.derived -> 'wai' ->> 'category') as c0,
           array_position(array['poor', 'moderate', 'good', 'excellent'], e.derived -> 'wai' ->> 'category') as c1
    from public.responses s
    join public.responses e on e.participant_id = s.participant_id and e.survey_key = 'wai' and e.occasion = 'avslut'
    where s.project_id = v_project.id and s.survey_key = 'wai' and s.occasion = 'start'
      and app.quarter_of(e.submitted_at) < v_before
  ),
  included as (
    select app.pair_quarters(array_agg(q order by q), array_agg(t order by q), array_agg(w order by q), v_min) as qs
    from (select q, count(*) filter (where t0 is not null and t1 is not null)::int as t,
                 count(*) filter (where w0 is not null and w1 is not null)::int as w
          from pairs group by q) per_quarter
  )
  select app.change_summary(coalesce(array_agg(t1 - t0) filter (where t0 is not null and t1 is not null), '{}'), v_min),
         app.change_summary(coalesce(array_agg(w1 - w0) filter (where w0 is not null and w1 is not null), '{}'), v_min),
         app.full_counts(array['up', 'same', 'down'],
           array[count(*) filter (where c1 > c0), count(*) filter (where c1 = c0), count(*) filter (where c1 < c0)]::int[],
           count(*) filter (where c0 is not null and c1 is not null) >= v_min),
         (select coalesce(qs, '{}') from included)
  into v_total, v_was, v_movement, v_quarters
  from pairs where q = any (coalesce((select qs from included), '{}'));

  return jsonb_build_object(
    'project_id', v_project.id, 'project_name', v_project.name, 'min_group_size', v_min,
    'closed_through', v_before - 1,
    'period', case when cardinality(v_quarters) > 0
                   then jsonb_build_object('from', (select min(x) from unnest(v_quarters) x), 'to', (select max(x) from unnest(v_quarters) x)) end,
    'pairs', v_total -> 'n', 'suppressed', v_total -> 'suppressed',
    'total', v_total, 'work_ability_score', v_was, 'category_movement', v_movement);
end
$$;

revoke all on function app.change_summary(numeric[], int), app.pair_quarters(date[], int[], int[], int),
  app.full_counts(text[], int[], boolean) from public, anon, authenticated;
revoke all on function public.wai_change(jsonb) from public, anon, authenticated;
grant execute on function public.wai_change(jsonb) to authenticated;
