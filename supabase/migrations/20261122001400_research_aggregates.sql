-- Research aggregates of scored items: per survey, one group per definition version and occasion,
-- over a selection of projects and a period of closed quarters, with groups below the privacy
-- minimum suppressed (see the research counters and selection statistics migrations and
-- docs/disclosure-control.md). Researchers and admins only.
--
-- Two minimums: the privacy minimum (projects.min_group_size, k) protects people and decides
-- what is published; the reporting minimum (project setting reporting_minimums, per survey and
-- occasion, e.g. {"pagaende:pagaende": 10}) is the evaluator's judgement of what is worth
-- reporting. It only marks groups and items below it (the Rapportunderlag leaves them out); it
-- never changes a figure, so no setting of it can reveal more than k allows.

-- The reporting minimum of a survey occasion over a selection: the largest any selected project
-- sets, and never below the privacy minimum.
create function app.reporting_minimum(p_projects public.projects[], p_survey text, p_occasion text, p_min int) returns int
language sql immutable set search_path = public, pg_temp
as $$
  select greatest(p_min, coalesce(max(case when jsonb_typeof(x.settings -> 'reporting_minimums' -> (p_survey || ':' || p_occasion)) = 'number'
                                           then (x.settings -> 'reporting_minimums' ->> (p_survey || ':' || p_occasion))::numeric::int end), 0))
  from unnest(p_projects) x
$$;
revoke all on function app.reporting_minimum(public.projects[], text, text, int) from public, anon, authenticated;

-- The project a researcher (or admin) asks figures for; anyone else, coaches of the project
-- included (app.sees_figures), is told it does not exist.
create function app.research_project(p_project uuid) returns public.projects
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_project public.projects;
begin
  select * into v_project from public.projects where id = p_project;
  if not found or not app.sees_figures(v_project.id) then
    perform app.fail('404', 'PROJECT_NOT_FOUND');
  end if;
  return v_project;
end
$$;
revoke all on function app.research_project(uuid) from public;

-- Items pooled across versions (issue 17): an item whose identity — name, scale and wording in
-- every language (title, choices, rate values) — is the same in several published or retired
-- versions of the survey is one series, and its figures sum each version's contributing blocks
-- (app.block_values; blocks holding at least the project's minimum answers to the item). A
-- reworded or rescaled item starts a new series; the others continue. Sums of whole blocks, so two
-- results still differ by whole blocks of at least the minimum, as for one version.
create function app.selection_series_stats(p_projects uuid[], p_survey text, p_occasion text, p_from date, p_to date, p_min int, p_before date)
returns jsonb
language sql stable set search_path = public, pg_temp set jit = off
as $$
  with defs as (
    select d.id, d.version, d.json, d.meta from public.survey_definitions d
    where d.key = p_survey and d.kind = 'survey' and d.status <> 'draft'
      and d.organisation_id in (select pr.organisation_id from public.projects pr where pr.id = any (p_projects))
      and d.meta -> 'occasions' ? p_occasion
  ),
  items as (
    select d.id as definition_id, d.version, x.ord::int as ord, x.s ->> 'name' as item,
           (x.s ->> 'min')::int as lo, (x.s ->> 'max')::int as hi,
           jsonb_build_object('name', x.s ->> 'name', 'min', x.s -> 'min', 'max', x.s -> 'max',
                              'title', e.q -> 'title', 'choices', e.q -> 'choices', 'rateValues', e.q -> 'rateValues') as identity
    from defs d
    cross join lateral jsonb_array_elements(d.meta -> 'scored') with ordinality x(s, ord)
    left join lateral (select jsonb_path_query_first(d.json, '$.**.elements[*] ? (@.name == $n)',
                                                     jsonb_build_object('n', x.s ->> 'name')) as q) e on true
  ),
  bv as (select d.id as definition_id, b.* from defs d
         cross join lateral app.block_values(p_projects, d.id, p_occasion, p_from, p_to, p_before) b),
  contributing as (
    select definition_id, project_id, segment, ord, min(responses) as responses
    from bv where ord is not null
    group by definition_id, project_id, segment, ord
    having sum(c) >= min(min_group)
  ),
  series as (
    select identity, min(item) as item, min(lo) as lo, min(hi) as hi, min(ord) as first_ord,
           jsonb_agg(distinct version) as versions
    from items group by identity
  ),
  counts as (
    select i.identity, bv.value, sum(bv.c)::int as c
    from bv join contributing ct using (definition_id, project_id, segment, ord)
    join items i on i.definition_id = bv.definition_id and i.ord = bv.ord
    group by i.identity, bv.value
  ),
  responses as (
    select i.identity, sum(ct.responses)::int as responses
    from contributing ct join items i on i.definition_id = ct.definition_id and i.ord = ct.ord
    group by i.identity
  ),
  stats as (
    select se.*, coalesce(sum(cn.c), 0)::int as n,
           sum(cn.c * cn.value)::numeric as s1, sum(cn.c * cn.value::numeric * cn.value)::numeric as s2,
           array_agg(cn.value order by cn.value) filter (where cn.value is not null) as vals,
           array_agg(cn.c order by cn.value) filter (where cn.value is not null) as cs
    from series se left join counts cn on cn.identity = se.identity
    group by se.identity, se.item, se.lo, se.hi, se.first_ord, se.versions
  )
  select coalesce(jsonb_agg(
    case when st.n < p_min then
      jsonb_build_object('item', st.item, 'scale', jsonb_build_object('min', st.lo, 'max', st.hi),
                         'versions', st.versions, 'suppressed', true)
    else jsonb_build_object(
      'item', st.item, 'scale', jsonb_build_object('min', st.lo, 'max', st.hi), 'versions', st.versions,
      'suppressed', false, 'n', st.n,
      'missing', (select r.responses from responses r where r.identity = st.identity) - st.n,
      'mean', st.s1 / st.n,
      'sd', case when st.n >= 2 then sqrt(greatest((st.s2 - st.s1 * st.s1 / st.n) / (st.n - 1), 0)) end,
      'median', app.quantile_from_counts(st.vals, st.cs, 0.5),
      'q1', app.quantile_from_counts(st.vals, st.cs, 0.25),
      'q3', app.quantile_from_counts(st.vals, st.cs, 0.75),
      'counts', (select jsonb_object_agg(g::text, coalesce((select cn.c from counts cn where cn.identity = st.identity and cn.value = g), 0) order by g)
                 from generate_series(st.lo, st.hi) g))
    end order by st.first_ord, st.item, st.versions::text), '[]'::jsonb)
  from stats st
$$;
revoke all on function app.selection_series_stats(uuid[], text, text, date, date, int, date) from public, anon, authenticated;

-- Aggregates for one survey over a selection, one group per definition version and occasion.
-- p: {project_ids: [uuid…] (or project_id), survey_key, version?: int, occasion?: text,
--     from?: 'YYYY-MM-DD' (first day of a quarter), to?: (first day of the last quarter included),
--     export?: boolean, format?: text}. Researchers and admins of every selected project only;
-- a download (export) is recorded in the audit log, once per project.
create function public.item_aggregates(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp set jit = off
as $$
declare
  v_ids uuid[];
  v_projects public.projects[] := '{}';
  v_project public.projects;
  v_id uuid;
  v_min int := 0;
  v_from date;
  v_to date;
  v_version int;
  v_occasion text := p ->> 'occasion';
  v_versions jsonb;
  -- Closed quarters only: the first day of the current quarter (Swedish time) is the cut-off.
  v_before date := app.quarter_of(now());
begin
  if jsonb_typeof(p -> 'project_ids') = 'array' then
    select array_agg(distinct x::uuid) into v_ids from jsonb_array_elements_text(p -> 'project_ids') x;
  else
    v_ids := array[(p ->> 'project_id')::uuid];
  end if;
  if v_ids is null or cardinality(v_ids) = 0 or cardinality(v_ids) > 50 then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  foreach v_id in array v_ids loop
    v_project := app.research_project(v_id);
    v_projects := v_projects || v_project;
    v_min := greatest(v_min, v_project.min_group_size);
  end loop;

  v_from := nullif(p ->> 'from', '')::date;
  v_to := nullif(p ->> 'to', '')::date;
  if (v_from is not null and v_from <> app.quarter_of(v_from::timestamp at time zone 'Europe/Stockholm'))
     or (v_to is not null and v_to <> app.quarter_of(v_to::timestamp at time zone 'Europe/Stockholm'))
     or v_from > v_to then
    perform app.fail('400', 'PERIOD_INVALID');
  end if;
  v_version := nullif(p ->> 'version', '')::int;
  if v_occasion is not null and v_occasion not in ('start', 'pagaende', 'avslut') then perform app.fail('400', 'VALIDATION_FAILED'); end if;

  select coalesce(jsonb_agg(g.x order by g.version, g.ord), '[]'::jsonb) into v_versions
  from (
    select d.version, o.ord, jsonb_build_object(
      'definition_id', d.id, 'version', d.version, 'title', d.meta -> 'title', 'occasion', o.occasion,
      'responses', case when (sel ->> 'responses')::int >= v_min then (sel ->> 'responses')::int end,
      'suppressed', (sel ->> 'responses')::int < v_min,
      'reporting_minimum', rm.m,
      'below_reporting_minimum', (sel ->> 'responses')::int < rm.m,
      'period', case when (sel ->> 'responses')::int >= v_min then jsonb_build_object('from', sel -> 'from', 'to', sel -> 'to') end,
      'items', case when (sel ->> 'responses')::int >= v_min
                    then (select coalesce(jsonb_agg(case when (it ->> 'suppressed')::boolean then it
                                   else it || jsonb_build_object('below_reporting_minimum', (it ->> 'n')::int < rm.m) end
                                   order by k), '[]'::jsonb)
                          from jsonb_array_elements(app.selection_item_stats(v_ids, d.id, o.occasion, v_from, v_to, v_min, v_before))
                               with ordinality e(it, k))
                    else '[]'::jsonb end,
      'wai', case when d.key = 'wai' and (sel ->> 'responses')::int >= v_min
                  then app.selection_wai_stats(v_ids, d.id, o.occasion, v_from, v_to, v_min, v_before) end) as x
    from public.survey_definitions d
    cross join lateral jsonb_array_elements_text(d.meta -> 'occasions') with ordinality o(occasion, ord)
    cross join lateral app.selection_responses(v_ids, d.id, o.occasion, v_from, v_to, v_before) sel
    cross join lateral (select app.reporting_minimum(v_projects, d.key, o.occasion, v_min) as m) rm
    where d.key = p ->> 'survey_key' and d.kind = 'survey' and d.status <> 'draft'
      and d.organisation_id in (select pr.organisation_id from public.projects pr where pr.id = any (v_ids))
      and (v_version is null or d.version = v_version)
      and (v_occasion is null or o.occasion = v_occasion)
    offset 0
  ) g;

  if coalesce((p ->> 'export')::boolean, false) then
    foreach v_id in array v_ids loop
      perform app.audit('research.export', v_id, 'survey', p ->> 'survey_key',
                        jsonb_build_object('format', p ->> 'format', 'projects', cardinality(v_ids), 'from', v_from, 'to', v_to,
                                           'version', v_version, 'occasion', v_occasion));
    end loop;
  end if;
  return jsonb_build_object(
    'project_id', v_ids[1],
    'project_name', (select string_agg(x.name, ', ' order by x.name) from unnest(v_projects) x),
    'projects', (select jsonb_agg(jsonb_build_object('id', x.id, 'name', x.name) order by x.name) from unnest(v_projects) x),
    'survey_key', p ->> 'survey_key', 'min_group_size', v_min,
    -- The last day the figures can include: the end of the last closed quarter.
    'closed_through', v_before - 1,
    -- Per occasion with more than one version: items pooled across the versions they are unchanged in.
    'pooled', (select coalesce(jsonb_agg(jsonb_build_object('occasion', o.occasion,
                 'items', app.selection_series_stats(v_ids, p ->> 'survey_key', o.occasion, v_from, v_to, v_min, v_before))
                 order by o.first), '[]'::jsonb)
               from (select x ->> 'occasion' as occasion, min(ord) as first
                     from jsonb_array_elements(v_versions) with ordinality e(x, ord)
                     where v_version is null
                     group by x ->> 'occasion' having count(*) > 1) o),
    'filter', jsonb_build_object('from', v_from, 'to', v_to, 'version', v_version, 'occasion', v_occasion),
    'versions', v_versions);
end
$$;

revoke all on function public.item_aggregates(jsonb) from public, anon, authenticated;
grant execute on function public.item_aggregates(jsonb) to authenticated;
