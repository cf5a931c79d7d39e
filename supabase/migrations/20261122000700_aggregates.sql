-- Aggregates of scored items, computed in the database from per-value counts (sufficient
-- statistics for a bounded integer scale), with small groups suppressed. Item values come from
-- responses.scores, ordered as the definition's meta.scored.

-- jit = off: the planner overestimates these small aggregates and JIT compilation then costs
-- about 0.5 s per call on PostgreSQL 15 (measured with bench/aggregates.ts).
create function app.item_stats(p_project uuid, p_definition uuid, p_occasion text, p_min_group int) returns jsonb
language sql stable set jit = off
as $$
  with items as (
    select s ->> 'name' as item, (s ->> 'min')::int as lo, (s ->> 'max')::int as hi, ord
    from public.survey_definitions d,
         jsonb_array_elements(d.meta -> 'scored') with ordinality as x(s, ord)
    where d.id = p_definition
  ),
  total as (
    select count(*)::int as responses from public.responses
    where project_id = p_project and definition_id = p_definition and occasion = p_occasion
  ),
  -- Group by position first and name the items afterwards: the hot loop stays on integers.
  position_counts as (
    select u.ord, u.value, count(*)::int as c
    from public.responses r
    cross join lateral unnest(r.scores) with ordinality as u(value, ord)
    where r.project_id = p_project and r.definition_id = p_definition and r.occasion = p_occasion and u.value is not null
    group by u.ord, u.value
  ),
  counts as (
    select i.item, pc.value, pc.c from position_counts pc join items i on i.ord = pc.ord
  ),
  cum as (
    select item, value, c, sum(c) over (partition by item order by value)::int as cum,
           sum(c) over (partition by item)::int as n
    from counts
  ),
  stats as (
    select i.item, i.lo, i.hi, i.ord,
      coalesce(sum(cu.c), 0)::int as n,
      sum(cu.c * cu.value)::numeric as s1,
      sum(cu.c * cu.value * cu.value)::numeric as s2,
      min(cu.value) filter (where cu.cum >= (cu.n + 1) / 2) as med_lo,
      min(cu.value) filter (where cu.cum >= cu.n / 2 + 1) as med_hi
    from items i left join cum cu on cu.item = i.item
    group by i.item, i.lo, i.hi, i.ord
  )
  select coalesce(jsonb_agg(
    case when st.n < p_min_group then
      jsonb_build_object('item', st.item, 'scale', jsonb_build_object('min', st.lo, 'max', st.hi),
                         'suppressed', true)
    else
      jsonb_build_object(
        'item', st.item,
        'scale', jsonb_build_object('min', st.lo, 'max', st.hi),
        'suppressed', false,
        'n', st.n,
        'missing', (select responses from total) - st.n,
        'mean', round(st.s1 / st.n, 4),
        'sd', case when st.n >= 2 then round(sqrt(greatest((st.s2 - st.s1 * st.s1 / st.n) / (st.n - 1), 0)), 4) end,
        'median', (st.med_lo + st.med_hi) / 2.0,
        'counts', (select jsonb_object_agg(v::text, coalesce((select c from counts where counts.item = st.item and counts.value = v), 0) order by v)
                   from generate_series(st.lo, st.hi) v))
    end order by st.ord), '[]'::jsonb)
  from stats st
$$;

-- WAI summary for one version and occasion: total score (7–49), Work Ability Score (item 1) and
-- category counts. Category counts below the minimum group size are suppressed; when exactly
-- one is, the next smallest is suppressed too, so it cannot be recovered from n.
create function app.wai_stats(p_project uuid, p_definition uuid, p_occasion text, p_min_group int) returns jsonb
language sql stable set jit = off
as $$
  with w as (
    select (derived -> 'wai' ->> 'total')::numeric as total, (derived -> 'wai' ->> 'workAbilityScore')::numeric as was,
           derived -> 'wai' ->> 'category' as category
    from public.responses
    where project_id = p_project and definition_id = p_definition and occasion = p_occasion and derived ? 'wai'
  ),
  cats as (
    select c.category, c.ord, count(w.category)::int as n
    from (values ('poor', 1), ('moderate', 2), ('good', 3), ('excellent', 4)) c(category, ord)
    left join w on w.category = c.category
    group by c.category, c.ord
  ),
  small as (select category from cats where n > 0 and n < p_min_group),
  complement as (
    select category from cats
    where (select count(*) from small) = 1 and category not in (select category from small) and n > 0
    order by n, ord limit 1
  ),
  summary as (
    select count(total)::int as n, count(*)::int - count(total)::int as incomplete,
           round(avg(total), 2) as mean, round(stddev_samp(total), 2) as sd,
           percentile_cont(0.5) within group (order by total) as median,
           percentile_cont(0.25) within group (order by total) as q1,
           percentile_cont(0.75) within group (order by total) as q3,
           count(was)::int as was_n, round(avg(was), 2) as was_mean, round(stddev_samp(was), 2) as was_sd
    from w
  )
  select case when s.n < p_min_group then jsonb_build_object('suppressed', true)
  else jsonb_build_object(
    'suppressed', false, 'n', s.n, 'incomplete', s.incomplete,
    'total', jsonb_build_object('mean', s.mean, 'sd', s.sd, 'median', s.median, 'q1', s.q1, 'q3', s.q3),
    'work_ability_score', case when s.was_n >= p_min_group
                               then jsonb_build_object('n', s.was_n, 'mean', s.was_mean, 'sd', s.was_sd) end,
    'categories', (select jsonb_agg(jsonb_build_object('category', c.category,
                     'n', case when c.category in (select category from small union select category from complement) then null else c.n end,
                     'suppressed', c.category in (select category from small union select category from complement))
                   order by c.ord) from cats c))
  end
  from summary s
$$;

-- The project a researcher (or admin) asks figures for; anyone else is told it does not exist.
create function app.research_project(p_project uuid) returns public.projects
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_project public.projects;
begin
  select * into v_project from public.projects where id = p_project;
  if not found or not app.has_role(v_project.id, array['researcher', 'admin']) then
    perform app.fail('404', 'PROJECT_NOT_FOUND');
  end if;
  return v_project;
end
$$;
revoke all on function app.research_project(uuid) from public;

-- Aggregates for one survey in one project, per definition version. Researchers and admins only.
-- A download (p.export) is recorded in the audit log.
create function public.item_aggregates(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp set jit = off
as $$
declare
  v_project public.projects;
  v_versions jsonb;
begin
  v_project := app.research_project((p ->> 'project_id')::uuid);

  -- One group per version and occasion (WAI at start and at exit are never mixed). The object is
  -- referenced once in the aggregate, so the statistics are computed once per group.
  select coalesce(jsonb_agg(v.x order by v.version, v.ord), '[]'::jsonb) into v_versions
  from (
    select d.version, o.ord, jsonb_build_object(
      'definition_id', d.id, 'version', d.version, 'title', d.meta -> 'title', 'occasion', o.occasion,
      'responses', case when r.responses >= v_project.min_group_size then r.responses end,
      'suppressed', r.responses < v_project.min_group_size,
      'items', case when r.responses >= v_project.min_group_size
                    then app.item_stats(v_project.id, d.id, o.occasion, v_project.min_group_size)
                    else '[]'::jsonb end,
      'wai', case when d.key = 'wai' and r.responses >= v_project.min_group_size
                  then app.wai_stats(v_project.id, d.id, o.occasion, v_project.min_group_size) end) as x
    from public.survey_definitions d
    cross join lateral jsonb_array_elements_text(d.meta -> 'occasions') with ordinality o(occasion, ord)
    cross join lateral (
      select count(*)::int as responses from public.responses
      where project_id = v_project.id and definition_id = d.id and occasion = o.occasion
    ) r
    where d.key = p ->> 'survey_key' and d.kind = 'survey' and d.status <> 'draft'
    offset 0
  ) v;

  if coalesce((p ->> 'export')::boolean, false) then
    perform app.audit('research.export', v_project.id, 'survey', p ->> 'survey_key',
                      jsonb_build_object('format', p ->> 'format'));
  end if;
  return jsonb_build_object('project_id', v_project.id, 'project_name', v_project.name,
                            'survey_key', p ->> 'survey_key', 'min_group_size', v_project.min_group_size,
                            'versions', v_versions);
end
$$;

revoke all on function app.item_stats(uuid, uuid, text, int), app.wai_stats(uuid, uuid, text, int) from public;
revoke all on function public.item_aggregates(jsonb) from public, anon, authenticated;
grant execute on function public.item_aggregates(jsonb) to authenticated;
