-- Paired WAI change from start to exit: for each participant with a WAI total at both the start
-- and the exit occasion (any definition version of key 'wai'), change = exit − start. Reported as
-- mean and median change, the counts improved / unchanged / worse, the same for the Work Ability
-- Score (item 1, 0–10, paired on its own since it is scored even when the total is not), and how
-- many moved up, stayed in or moved down a WAI category. Small groups are suppressed as in
-- app.selection_wai_stats; the direction and movement counts use app.category_counts.
--
-- "Unchanged" means |change| < 1 point. WAI totals move in half points only through item 2's
-- 0.5 weight: one step on the lesser demand question. That is below the resolution of any other
-- answer and no one would call it a change in work ability, so it counts as unchanged; any move of
-- a whole point or more counts. On the Work Ability Score (whole points) the same rule means
-- exactly 0, so one rule serves both.

-- One change summary: n, mean and median change (2 decimals), and the direction counts.
create function app.change_summary(p_changes numeric[], p_min_group int) returns jsonb
language sql immutable set search_path = public, pg_temp set jit = off
as $$
  with c as (select unnest(p_changes) as d),
  s as (
    select count(d)::int as n, round(avg(d), 2) as mean,
           round((percentile_cont(0.5) within group (order by d))::numeric, 2) as median,
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
    'direction', app.category_counts(array['improved', 'unchanged', 'worse'],
                                     array[s.improved, s.unchanged, s.worse], p_min_group))
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
begin
  v_project := app.research_project((p ->> 'project_id')::uuid);
  v_min := v_project.min_group_size;

  -- One start and one exit response per participant (unique participant, survey_key, occasion).
  with pairs as (
    select (s.derived -> 'wai' ->> 'total')::numeric as t0, (e.derived -> 'wai' ->> 'total')::numeric as t1,
           (s.derived -> 'wai' ->> 'workAbilityScore')::numeric as w0, (e.derived -> 'wai' ->> 'workAbilityScore')::numeric as w1,
           array_position(array['poor', 'moderate', 'good', 'excellent'], s.derived -> 'wai' ->> 'category') as c0,
           array_position(array['poor', 'moderate', 'good', 'excellent'], e.derived -> 'wai' ->> 'category') as c1
    from public.responses s
    join public.responses e on e.participant_id = s.participant_id and e.survey_key = 'wai' and e.occasion = 'avslut'
    where s.project_id = v_project.id and s.survey_key = 'wai' and s.occasion = 'start'
  )
  select app.change_summary(array_agg(t1 - t0) filter (where t0 is not null and t1 is not null), v_min),
         app.change_summary(array_agg(w1 - w0) filter (where w0 is not null and w1 is not null), v_min),
         app.category_counts(array['up', 'same', 'down'],
           array[count(*) filter (where c1 > c0), count(*) filter (where c1 = c0), count(*) filter (where c1 < c0)]::int[], v_min)
  into v_total, v_was, v_movement
  from pairs;

  return jsonb_build_object(
    'project_id', v_project.id, 'project_name', v_project.name, 'min_group_size', v_min,
    'pairs', v_total -> 'n', 'suppressed', v_total -> 'suppressed',
    'total', v_total, 'work_ability_score', v_was, 'category_movement', v_movement);
end
$$;

revoke all on function app.change_summary(numeric[], int) from public;
revoke all on function public.wai_change(jsonb) from public, anon, authenticated;
grant execute on function public.wai_change(jsonb) to authenticated;
