-- Research statistics over a selection (projects, period, version, occasion), computed from the
-- per-value counters and period segments of the research counters migration, so that two
-- selections differ only by whole blocks that each hold at least the minimum group size.

-- The p-quantile (linear interpolation, as percentile_cont) of a distribution given as counts.
create function app.quantile_from_counts(p_values int[], p_counts int[], p numeric) returns numeric
language sql immutable set search_path = public, pg_temp
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
language sql immutable set search_path = public, pg_temp
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
-- Helpers of the figure functions (which run as their owner); nobody calls them directly.
revoke all on function app.quantile_from_counts(int[], int[], numeric), app.suppressed_counts(int[], int[], int)
  from public, anon, authenticated;

-- Item statistics for one version and occasion over a selection of projects and a period.
-- p_min is the release threshold (the largest minimum group size of the selected projects).
create function app.selection_item_stats(p_projects uuid[], p_definition uuid, p_occasion text, p_from date, p_to date, p_min int)
returns jsonb
language sql stable set search_path = public, pg_temp set jit = off
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
        -- Exact: rounded once, where it is shown (the page to 2 decimals, CSV to 4). Rounding here
        -- as well rounded twice: a true SD of 1.214986 became 1.2150 and then showed as 1,22.
        'mean', st.s1 / st.n,
        'sd', case when st.n >= 2 then sqrt(greatest((st.s2 - st.s1 * st.s1 / st.n) / (st.n - 1), 0)) end,
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
language sql stable set search_path = public, pg_temp set jit = off
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
language sql stable set search_path = public, pg_temp set jit = off
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
