-- Research filters (projects, period, survey version, occasion) without differencing, and fast
-- aggregates from per-value counts.
--
-- Differencing: two filters that differ by a few participants must not let anyone subtract one
-- result from the other. Every figure is therefore a sum of *blocks*, and every block that
-- contributes to a figure holds at least the project's minimum group size for that figure:
--   * a block is (project, survey version, occasion, period segment);
--   * a period segment is a run of whole calendar quarters (Swedish time), closed as soon as it
--     holds at least min_group_size responses and every scored item in it has either no answers
--     or at least min_group_size answers; a trailing run that does not qualify joins the segment
--     before it;
--   * a period filter includes the segments lying entirely inside it (never data from outside);
--   * a block contributes to an item's figures only when the item has at least min_group_size
--     answers in the block; otherwise it is left out of that item everywhere (every filter);
--   * projects and occasions are unions/choices of whole blocks; versions are never mixed;
--   * a scale value (WAI category) a contributing block hides by itself (app.suppressed_counts at
--     the project's minimum) is hidden in every result holding the block, so value counts too
--     differ only by counts of 0 or at least the minimum.
-- So any two results differ by whole contributing blocks, each resting on at least
-- min_group_size participants: a difference can never isolate fewer. Segments depend only on the
-- project's own data and minimum, so a project contributes the same blocks to every selection.
-- What this cannot stop: comparing results over time (today's figures against tomorrow's, after
-- one more answer). That holds for any live statistics and is noted in the README.

-- Per-value counts maintained by a trigger on responses; "shard" (32) spreads concurrent submissions
-- over several rows so they do not queue on one counter row (taken from the response id, so a
-- delete finds the row its insert incremented). Readers sum over shards.
create table app.response_counts (
  project_id uuid not null,
  definition_id uuid not null,
  occasion text not null,
  quarter date not null,
  shard smallint not null,
  c int not null check (c >= 0),
  primary key (project_id, definition_id, occasion, quarter, shard)
) with (fillfactor = 70);
create table app.response_value_counts (
  project_id uuid not null,
  definition_id uuid not null,
  occasion text not null,
  quarter date not null,
  ord smallint not null,
  value smallint not null,
  shard smallint not null,
  c int not null check (c >= 0),
  primary key (project_id, definition_id, occasion, quarter, ord, value, shard)
) with (fillfactor = 70);
-- fillfactor: room on each page so a counter update stays on its page (HOT) and old row
-- versions are pruned there, instead of the table growing with every submission.
alter table app.response_counts enable row level security;
alter table app.response_value_counts enable row level security;
revoke all on app.response_counts, app.response_value_counts from public, anon, authenticated;

-- The calendar quarter (first day) of a moment, in Swedish time.
create function app.quarter_of(ts timestamptz) returns date
language sql immutable
as $$ select date_trunc('quarter', ts at time zone 'Europe/Stockholm')::date $$;

-- Adds (sign 1) or removes (sign -1) one response's counts. Rows are touched in key order, so two
-- concurrent submissions never wait on each other in opposite orders (no deadlocks).
create function app.count_response(r public.responses, sign int) returns void
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_quarter date := app.quarter_of(r.submitted_at);
  v_shard smallint := (abs(hashtext(r.id::text)) % 32)::smallint;
begin
  insert into app.response_counts as t (project_id, definition_id, occasion, quarter, shard, c)
  values (r.project_id, r.definition_id, r.occasion, v_quarter, v_shard, greatest(sign, 0))
  on conflict (project_id, definition_id, occasion, quarter, shard) do update set c = t.c + sign;

  insert into app.response_value_counts as t (project_id, definition_id, occasion, quarter, ord, value, shard, c)
  select r.project_id, r.definition_id, r.occasion, v_quarter, u.ord::smallint, u.value, v_shard, greatest(sign, 0)
  from unnest(r.scores) with ordinality u(value, ord)
  where u.value is not null
  order by u.ord
  on conflict (project_id, definition_id, occasion, quarter, ord, value, shard) do update set c = t.c + sign;
end
$$;
revoke all on function app.count_response(public.responses, int) from public, anon, authenticated;

create function app.track_response_counts() returns trigger
language plpgsql security definer set search_path = public, pg_temp
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform app.count_response(old, -1); end if;
  if tg_op in ('UPDATE', 'INSERT') then perform app.count_response(new, 1); end if;
  return null;
end
$$;
revoke all on function app.track_response_counts() from public, anon, authenticated;

create trigger responses_counts_insert_delete after insert or delete on public.responses
  for each row execute function app.track_response_counts();
create trigger responses_counts_update after update of project_id, definition_id, occasion, scores, submitted_at on public.responses
  for each row execute function app.track_response_counts();

-- Rebuilds the counters from the responses in one pass: for responses stored before this
-- migration, and after a bulk load that bypassed the trigger (bench/aggregates.ts; one huge
-- transaction through the trigger would leave a counter row version per response behind).
create function app.rebuild_response_counts() returns void
language sql security definer set search_path = public, pg_temp
as $$
  delete from app.response_counts;
  delete from app.response_value_counts;
  insert into app.response_counts (project_id, definition_id, occasion, quarter, shard, c)
  select project_id, definition_id, occasion, app.quarter_of(submitted_at), (abs(hashtext(id::text)) % 32)::smallint, count(*)
  from public.responses group by 1, 2, 3, 4, 5;
  insert into app.response_value_counts (project_id, definition_id, occasion, quarter, ord, value, shard, c)
  select r.project_id, r.definition_id, r.occasion, app.quarter_of(r.submitted_at), u.ord, u.value, (abs(hashtext(r.id::text)) % 32)::smallint, count(*)
  from public.responses r cross join lateral unnest(r.scores) with ordinality u(value, ord)
  where u.value is not null group by 1, 2, 3, 4, 5, 6, 7;
$$;
revoke all on function app.rebuild_response_counts() from public, anon, authenticated;
select app.rebuild_response_counts();

-- Period segments of one project's responses to one version at one occasion (rules above).
create function app.segment_map(p_project uuid, p_definition uuid, p_occasion text, p_min int)
returns table (quarter date, segment int, seg_from date, seg_to date)
language plpgsql stable set jit = off
as $$
declare
  v_items int := coalesce((select jsonb_array_length(d.meta -> 'scored') from public.survey_definitions d where d.id = p_definition), 0);
  q record;
  v_quarters date[] := '{}';
  v_segments int[] := '{}';
  v_segment int := 1;
  v_responses int := 0;
  v_n int[] := array_fill(0, array[greatest(v_items, 1)]);
  v_open boolean := false;
  v_ok boolean;
  i int;
begin
  for q in
    select rc.quarter, rc.responses,
           -- answers per scored position (1…v_items) in the quarter, zero where none
           array(select coalesce(sum(v.c), 0)::int
                 from generate_series(1, greatest(v_items, 1)) g(ord)
                 left join app.response_value_counts v
                   on v.project_id = p_project and v.definition_id = p_definition and v.occasion = p_occasion
                  and v.quarter = rc.quarter and v.ord = g.ord
                 group by g.ord order by g.ord) as ns
    from (select c.quarter, sum(c.c)::int as responses from app.response_counts c
          where c.project_id = p_project and c.definition_id = p_definition and c.occasion = p_occasion
          group by c.quarter having sum(c.c) > 0) rc
    order by rc.quarter
  loop
    v_quarters := v_quarters || q.quarter;
    v_segments := v_segments || v_segment;
    v_open := true;
    v_responses := v_responses + q.responses;
    for i in 1 .. coalesce(array_length(q.ns, 1), 0) loop
      v_n[i] := v_n[i] + q.ns[i];
    end loop;
    v_ok := v_responses >= p_min;
    if v_ok then
      for i in 1 .. array_length(v_n, 1) loop
        if v_n[i] > 0 and v_n[i] < p_min then v_ok := false; exit; end if;
      end loop;
    end if;
    if v_ok then
      v_segment := v_segment + 1;
      v_responses := 0;
      v_n := array_fill(0, array[greatest(v_items, 1)]);
      v_open := false;
    end if;
  end loop;
  -- A trailing run that did not qualify joins the segment before it (when there is one).
  if v_open and v_segment > 1 then
    for i in 1 .. coalesce(array_length(v_segments, 1), 0) loop
      if v_segments[i] = v_segment then v_segments[i] := v_segment - 1; end if;
    end loop;
  end if;
  return query
    select m.quarter, m.segment, min(m.quarter) over (partition by m.segment), max(m.quarter) over (partition by m.segment)
    from unnest(v_quarters, v_segments) m(quarter, segment);
end
$$;
revoke all on function app.segment_map(uuid, uuid, text, int) from public, anon, authenticated;

-- The quarters a selection includes, with their segment and the project's minimum group size.
create function app.selected_quarters(p_projects uuid[], p_definition uuid, p_occasion text, p_from date, p_to date)
returns table (project_id uuid, quarter date, segment int, min_group int)
language sql stable set jit = off
as $$
  select pr.id, m.quarter, m.segment, pr.min_group_size::int
  from public.projects pr
  cross join lateral app.segment_map(pr.id, p_definition, p_occasion, pr.min_group_size) m
  where pr.id = any (p_projects)
    and (p_from is null or m.seg_from >= p_from)
    and (p_to is null or m.seg_to <= p_to)
$$;
revoke all on function app.selected_quarters(uuid[], uuid, text, date, date) from public, anon, authenticated;

-- The p-quantile (linear interpolation, as percentile_cont) of a distribution given as counts.
create function app.quantile_from_counts(p_values int[], p_counts int[], p numeric) returns numeric
language sql immutable
as $$
  with c as (
    select u.v, u.n, sum(u.n) over (order by u.v) as cum
    from unnest(p_values, p_counts) u(v, n) where u.n > 0
  ),
  h as (select (sum(n) - 1) * p as h from c having sum(n) > 0),
  lo as (select h.h, (select min(c.v) from c where c.cum > floor(h.h)) as x0,
                     (select min(c.v) from c where c.cum > floor(h.h) + 1) as x1 from h)
  select lo.x0 + (lo.h - floor(lo.h)) * (coalesce(lo.x1, lo.x0) - lo.x0) from lo
$$;

-- Counts per scale value with small cells suppressed: a count from 1 to p_min − 1 is hidden, and
-- when exactly one is, the next smallest non-zero count is hidden too, so n minus the others
-- cannot give it back. Returns {"1": 12, "2": null, …} and the hidden values.
create function app.suppressed_counts(p_values int[], p_counts int[], p_min int) returns jsonb
language sql immutable
as $$
  with c as (select u.v, coalesce(u.n, 0) as n from unnest(p_values, p_counts) u(v, n)),
  small as (select v from c where n > 0 and n < p_min),
  complement as (
    select v from c where (select count(*) from small) = 1 and v not in (select v from small) and n > 0
    order by n, v limit 1
  ),
  hidden as (select v from small union select v from complement)
  select jsonb_build_object(
    'counts', jsonb_object_agg(c.v::text, case when c.v in (select v from hidden) then null else c.n end order by c.v),
    'hidden', coalesce((select jsonb_agg(v order by v) from hidden), '[]'::jsonb))
  from c
$$;

-- Item statistics for one version and occasion over a selection of projects and a period.
-- p_min is the release threshold (the largest minimum group size of the selected projects).
create or replace function app.selection_item_stats(p_projects uuid[], p_definition uuid, p_occasion text, p_from date, p_to date, p_min int)
returns jsonb
language sql stable set jit = off
as $$
  with items as (
    select s ->> 'name' as item, (s ->> 'min')::int as lo, (s ->> 'max')::int as hi, ord::int as ord
    from public.survey_definitions d, jsonb_array_elements(d.meta -> 'scored') with ordinality as x(s, ord)
    where d.id = p_definition
  ),
  sq as (select * from app.selected_quarters(p_projects, p_definition, p_occasion, p_from, p_to)),
  seg_responses as (
    select sq.project_id, sq.segment, sq.min_group, sum(rc.c)::int as responses
    from app.response_counts rc join sq on rc.project_id = sq.project_id and rc.quarter = sq.quarter
    where rc.project_id = any (p_projects) and rc.definition_id = p_definition and rc.occasion = p_occasion
    group by sq.project_id, sq.segment, sq.min_group
  ),
  seg_values as (
    select sq.project_id, sq.segment, v.ord::int as ord, v.value::int as value, sum(v.c)::int as c
    from app.response_value_counts v join sq on v.project_id = sq.project_id and v.quarter = sq.quarter
    where v.project_id = any (p_projects) and v.definition_id = p_definition and v.occasion = p_occasion
    group by sq.project_id, sq.segment, v.ord, v.value
  ),
  -- Blocks contributing to an item: at least the project's minimum answers to it in the block.
  contributing as (
    select sv.project_id, sv.segment, sv.ord, min(sr.responses) as responses
    from seg_values sv join seg_responses sr using (project_id, segment)
    group by sv.project_id, sv.segment, sv.ord
    having sum(sv.c) >= min(sr.min_group)
  ),
  counts as (
    select sv.ord, sv.value, sum(sv.c)::int as c
    from seg_values sv join contributing ct using (project_id, segment, ord)
    group by sv.ord, sv.value
  ),
  item_responses as (select ord, sum(responses)::int as responses from contributing group by ord),
  -- Values a contributing block hides by itself (its small cells and their complement, at the
  -- project's minimum). Hidden in every result the block is part of: otherwise two results that
  -- differ by this block would give its small cell back by subtraction.
  -- Each contributing block's count per scale value, zeros included (one join, not a lookup per
  -- value: per-value subqueries over seg_values made 20 projects take seconds).
  block_cells as (
    select ct.project_id, ct.segment, ct.ord, sr.min_group,
           array_agg(g order by g) as vals, array_agg(coalesce(sv.c, 0) order by g) as cs
    from contributing ct
    join items i on i.ord = ct.ord
    join seg_responses sr using (project_id, segment)
    cross join generate_series(i.lo, i.hi) g
    left join seg_values sv on sv.project_id = ct.project_id and sv.segment = ct.segment and sv.ord = ct.ord and sv.value = g
    group by ct.project_id, ct.segment, ct.ord, sr.min_group
  ),
  block_hidden as (
    select distinct bc.ord, h.value::int as value
    from block_cells bc
    cross join lateral jsonb_array_elements_text(app.suppressed_counts(bc.vals, bc.cs, bc.min_group) -> 'hidden') h(value)
  ),
  stats as (
    select i.item, i.lo, i.hi, i.ord,
      coalesce(sum(cn.c), 0)::int as n,
      sum(cn.c * cn.value)::numeric as s1,
      sum(cn.c * cn.value::numeric * cn.value)::numeric as s2,
      array_agg(cn.value order by cn.value) filter (where cn.value is not null) as vals,
      array_agg(cn.c order by cn.value) filter (where cn.value is not null) as cs
    from items i left join counts cn on cn.ord = i.ord
    group by i.item, i.lo, i.hi, i.ord
  )
  select coalesce(jsonb_agg(
    case when st.n < p_min then
      jsonb_build_object('item', st.item, 'scale', jsonb_build_object('min', st.lo, 'max', st.hi), 'suppressed', true)
    else (
      select jsonb_build_object(
        'item', st.item,
        'scale', jsonb_build_object('min', st.lo, 'max', st.hi),
        'suppressed', false,
        'n', st.n,
        'missing', (select ir.responses from item_responses ir where ir.ord = st.ord) - st.n,
        'mean', round(st.s1 / st.n, 4),
        'sd', case when st.n >= 2 then round(sqrt(greatest((st.s2 - st.s1 * st.s1 / st.n) / (st.n - 1), 0)), 4) end,
        'median', app.quantile_from_counts(st.vals, st.cs, 0.5),
        'q1', app.quantile_from_counts(st.vals, st.cs, 0.25),
        'q3', app.quantile_from_counts(st.vals, st.cs, 0.75),
        'counts', (select jsonb_object_agg(k, case when hv.hidden @> to_jsonb(k::int) then null else sc -> 'counts' -> k end order by k::int)
                   from jsonb_object_keys(sc -> 'counts') k),
        'hidden_values', hv.hidden)
      from app.suppressed_counts(
        array(select generate_series(st.lo, st.hi)),
        array(select coalesce((select cn.c from counts cn where cn.ord = st.ord and cn.value = g), 0) from generate_series(st.lo, st.hi) g),
        p_min) sc
      -- The selection's own small cells and those its blocks hide.
      cross join lateral (
        select coalesce(jsonb_agg(x.v order by x.v), '[]'::jsonb) as hidden
        from (select jsonb_array_elements_text(sc -> 'hidden')::int as v
              union select bh.value from block_hidden bh where bh.ord = st.ord) x
      ) hv)
    end order by st.ord), '[]'::jsonb)
  from stats st
$$;
revoke all on function app.selection_item_stats(uuid[], uuid, text, date, date, int) from public, anon, authenticated;

-- Responses (whole questionnaires) in a selection: the sum over blocks holding at least the
-- project's minimum, and the quarters those blocks cover.
create function app.selection_responses(p_projects uuid[], p_definition uuid, p_occasion text, p_from date, p_to date)
returns jsonb
language sql stable set jit = off
as $$
  with sq as (select * from app.selected_quarters(p_projects, p_definition, p_occasion, p_from, p_to)),
  blocks as (
    select sq.project_id, sq.segment, min(sq.quarter) as q_from, max(sq.quarter) as q_to, sum(rc.c)::int as responses,
           min(sq.min_group) as min_group
    from app.response_counts rc join sq on rc.project_id = sq.project_id and rc.quarter = sq.quarter
    where rc.project_id = any (p_projects) and rc.definition_id = p_definition and rc.occasion = p_occasion
    group by sq.project_id, sq.segment
  )
  select jsonb_build_object(
    'responses', coalesce(sum(responses) filter (where responses >= min_group), 0),
    'from', min(q_from) filter (where responses >= min_group),
    'to', max(q_to) filter (where responses >= min_group),
    'projects', count(distinct project_id) filter (where responses >= min_group))
  from blocks
$$;
revoke all on function app.selection_responses(uuid[], uuid, text, date, date) from public, anon, authenticated;

-- WAI summary over a selection: total score (7–49), Work Ability Score (item 1) and categories,
-- from the blocks holding at least the project's minimum of scored totals (Work Ability Score:
-- of its own answers). Category counts are suppressed as in app.suppressed_counts.
create function app.selection_wai_stats(p_projects uuid[], p_definition uuid, p_occasion text, p_from date, p_to date, p_min int)
returns jsonb
language sql stable set jit = off
as $$
  with sq as (select * from app.selected_quarters(p_projects, p_definition, p_occasion, p_from, p_to)),
  w as (
    select sq.project_id, sq.segment, sq.min_group,
           (r.derived -> 'wai' ->> 'total')::numeric as total, (r.derived -> 'wai' ->> 'workAbilityScore')::numeric as was,
           r.derived -> 'wai' ->> 'category' as category
    from public.responses r
    join sq on sq.project_id = r.project_id and sq.quarter = app.quarter_of(r.submitted_at)
    where r.project_id = any (p_projects) and r.definition_id = p_definition and r.occasion = p_occasion and r.derived ? 'wai'
  ),
  blocks as (
    select project_id, segment, count(total) >= min(min_group) as total_ok, count(was) >= min(min_group) as was_ok
    from w group by project_id, segment
  ),
  wt as (select w.* from w join blocks b using (project_id, segment) where b.total_ok),
  ww as (select w.* from w join blocks b using (project_id, segment) where b.was_ok),
  cats as (
    select c.category, c.ord, count(wt.category)::int as n
    from (values ('poor', 1), ('moderate', 2), ('good', 3), ('excellent', 4)) c(category, ord)
    left join wt on wt.category = c.category
    group by c.category, c.ord
  ),
  -- Categories a block hides by itself are hidden in every selection holding the block (as for
  -- item value counts: two selections differing by the block must not give its small cells back).
  block_hidden as (
    select h.value::int as ord
    from (select wt.project_id, wt.segment, min(wt.min_group) as min_group,
                 array[count(*) filter (where wt.category = 'poor'), count(*) filter (where wt.category = 'moderate'),
                       count(*) filter (where wt.category = 'good'), count(*) filter (where wt.category = 'excellent')]::int[] as cs
          from wt group by wt.project_id, wt.segment) b
    cross join lateral jsonb_array_elements_text(app.suppressed_counts(array[1, 2, 3, 4], b.cs, b.min_group) -> 'hidden') h(value)
  ),
  hidden as (
    select coalesce(jsonb_agg(distinct x.ord), '[]'::jsonb) as h
    from (select jsonb_array_elements_text(app.suppressed_counts(array_agg(ord order by ord), array_agg(n order by ord), p_min) -> 'hidden')::int as ord
          from cats
          union select ord from block_hidden) x
  ),
  summary as (
    select count(total)::int as n, count(*)::int - count(total)::int as incomplete,
           round(avg(total), 2) as mean, round(stddev_samp(total), 2) as sd,
           percentile_cont(0.5) within group (order by total) as median,
           percentile_cont(0.25) within group (order by total) as q1,
           percentile_cont(0.75) within group (order by total) as q3
    from wt
  ),
  was as (select count(was)::int as n, round(avg(was), 2) as mean, round(stddev_samp(was), 2) as sd from ww)
  select case when s.n < p_min then jsonb_build_object('suppressed', true)
  else jsonb_build_object(
    'suppressed', false, 'n', s.n, 'incomplete', s.incomplete,
    'total', jsonb_build_object('mean', s.mean, 'sd', s.sd, 'median', s.median, 'q1', s.q1, 'q3', s.q3),
    'work_ability_score', case when x.n >= p_min then jsonb_build_object('n', x.n, 'mean', x.mean, 'sd', x.sd) end,
    'categories', (select jsonb_agg(jsonb_build_object('category', c.category,
                     'n', case when (select h from hidden) @> to_jsonb(c.ord) then null else c.n end,
                     'suppressed', (select h from hidden) @> to_jsonb(c.ord))
                   order by c.ord) from cats c))
  end
  from summary s, was x
$$;
revoke all on function app.selection_wai_stats(uuid[], uuid, text, date, date, int) from public, anon, authenticated;

-- Aggregates for one survey over a selection, one group per definition version and occasion.
-- p: {project_ids: [uuid…] (or project_id), survey_key, version?: int, occasion?: text,
--     from?: 'YYYY-MM-DD' (first day of a quarter), to?: (first day of the last quarter included),
--     export?: boolean, format?: text}. Researchers and admins of every selected project only;
-- a download (export) is recorded in the audit log, once per project.
create or replace function public.item_aggregates(p jsonb) returns jsonb
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
      'period', case when (sel ->> 'responses')::int >= v_min then jsonb_build_object('from', sel -> 'from', 'to', sel -> 'to') end,
      'items', case when (sel ->> 'responses')::int >= v_min
                    then app.selection_item_stats(v_ids, d.id, o.occasion, v_from, v_to, v_min) else '[]'::jsonb end,
      'wai', case when d.key = 'wai' and (sel ->> 'responses')::int >= v_min
                  then app.selection_wai_stats(v_ids, d.id, o.occasion, v_from, v_to, v_min) end) as x
    from public.survey_definitions d
    cross join lateral jsonb_array_elements_text(d.meta -> 'occasions') with ordinality o(occasion, ord)
    cross join lateral app.selection_responses(v_ids, d.id, o.occasion, v_from, v_to) sel
    where d.key = p ->> 'survey_key' and d.kind = 'survey' and d.status <> 'draft'
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
    'filter', jsonb_build_object('from', v_from, 'to', v_to, 'version', v_version, 'occasion', v_occasion),
    'versions', v_versions);
end
$$;

-- The old single-project helpers are replaced by the selection functions above.
drop function app.item_stats(uuid, uuid, text, int);
drop function app.wai_stats(uuid, uuid, text, int);
