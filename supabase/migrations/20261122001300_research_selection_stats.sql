-- Research statistics over a selection (projects, period, version, occasion), computed from the
-- per-value counters and period segments of the research counters migration, so that two
-- selections differ only by whole blocks that each hold at least the minimum group size.
--
-- Within a published group every figure is shown in full: n, mean, SD, median, quartiles and the
-- count of every scale value (WAI: every category). No cell is hidden inside a group of at least
-- k respondents: a small count there does not say who gave it, and next to the mean and SD that
-- researchers need, hiding it often protected nothing (docs/disclosure-control.md, rule 4). The
-- protection is the group: no figure rests on fewer than k respondents, and no difference of two
-- results isolates fewer.

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
-- A helper of the figure functions (which run as their owner); nobody calls it directly.
revoke all on function app.quantile_from_counts(int[], int[], numeric) from public, anon, authenticated;

-- The blocks of one version and occasion a selection includes (research counters migration): each
-- block's responses and, per scored position and value, its answer counts (a block without any
-- answers has one row with ord null).
create function app.block_values(p_projects uuid[], p_definition uuid, p_occasion text, p_from date, p_to date, p_before date)
returns table (project_id uuid, segment int, min_group int, responses int, ord int, value int, c int)
language sql stable set search_path = public, pg_temp set jit = off
as $$
  with sq as (select * from app.selected_quarters(p_projects, p_definition, p_occasion, p_from, p_to, p_before)),
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
  )
  select sr.project_id, sr.segment, sr.min_group, sr.responses, sv.ord, sv.value, sv.c
  from seg_responses sr left join seg_values sv using (project_id, segment)
$$;
revoke all on function app.block_values(uuid[], uuid, text, date, date, date) from public, anon, authenticated;

-- Item statistics for one version and occasion over a selection of projects and a period.
-- p_min is the release threshold (the largest minimum group size of the selected projects);
-- p_before the first day of the current quarter (closed quarters only).
create function app.selection_item_stats(p_projects uuid[], p_definition uuid, p_occasion text, p_from date, p_to date, p_min int, p_before date)
returns jsonb
language sql stable set search_path = public, pg_temp set jit = off
as $$
  with items as (
    select s ->> 'name' as item, (s ->> 'min')::int as lo, (s ->> 'max')::int as hi, ord::int as ord
    from public.survey_definitions d, jsonb_array_elements(d.meta -> 'scored') with ordinality as x(s, ord)
    where d.id = p_definition
  ),
  bv as (select * from app.block_values(p_projects, p_definition, p_occasion, p_from, p_to, p_before)),
  seg_responses as (select distinct project_id, segment, min_group, responses from bv),
  seg_values as (select project_id, segment, ord, value, c from bv where ord is not null),
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
  -- Responses of the blocks holding at least their project's minimum: an item nobody in them
  -- answered ("Vet inte" throughout) is reported as such on them, not as a small group.
  released_responses as (
    select coalesce(sum(responses), 0)::int as responses from seg_responses where responses >= min_group
  ),
  released_answers as (
    select sv.ord, sum(sv.c)::int as answers
    from seg_values sv join seg_responses sr using (project_id, segment)
    where sr.responses >= sr.min_group
    group by sv.ord
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
    case
    when rr.responses >= p_min and not exists (select 1 from released_answers ra where ra.ord = st.ord and ra.answers > 0) then
      jsonb_build_object('item', st.item, 'scale', jsonb_build_object('min', st.lo, 'max', st.hi), 'suppressed', false,
                         'n', 0, 'missing', rr.responses, 'all_missing', true)
    when st.n < p_min then
      jsonb_build_object('item', st.item, 'scale', jsonb_build_object('min', st.lo, 'max', st.hi), 'suppressed', true)
    else jsonb_build_object(
        'item', st.item,
        'scale', jsonb_build_object('min', st.lo, 'max', st.hi),
        'suppressed', false,
        'n', st.n,
        'missing', (select ir.responses from item_responses ir where ir.ord = st.ord) - st.n,
        'all_missing', false,
        -- Exact: rounded once, where it is shown (the page to 2 decimals, CSV to 4). Rounding here
        -- as well rounded twice: a true SD of 1.214986 became 1.2150 and then showed as 1,22.
        'mean', st.s1 / st.n,
        'sd', case when st.n >= 2 then sqrt(greatest((st.s2 - st.s1 * st.s1 / st.n) / (st.n - 1), 0)) end,
        'median', app.quantile_from_counts(st.vals, st.cs, 0.5),
        'q1', app.quantile_from_counts(st.vals, st.cs, 0.25),
        'q3', app.quantile_from_counts(st.vals, st.cs, 0.75),
        'counts', (select jsonb_object_agg(g::text, coalesce((select cn.c from counts cn where cn.ord = st.ord and cn.value = g), 0) order by g)
                   from generate_series(st.lo, st.hi) g))
    end order by st.ord), '[]'::jsonb)
  from stats st cross join released_responses rr
$$;
revoke all on function app.selection_item_stats(uuid[], uuid, text, date, date, int, date) from public, anon, authenticated;

-- Responses (whole questionnaires) in a selection: the sum over blocks holding at least the
-- project's minimum, and the quarters those blocks cover.
create function app.selection_responses(p_projects uuid[], p_definition uuid, p_occasion text, p_from date, p_to date, p_before date)
returns jsonb
language sql stable set search_path = public, pg_temp set jit = off
as $$
  with sq as (select * from app.selected_quarters(p_projects, p_definition, p_occasion, p_from, p_to, p_before)),
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
revoke all on function app.selection_responses(uuid[], uuid, text, date, date, date) from public, anon, authenticated;

-- WAI summary over a selection: total score (7–49), Work Ability Score (item 1) and categories,
-- from the blocks holding at least the project's minimum of scored totals (Work Ability Score:
-- of its own answers). Exact figures and every category's count, as for items.
create function app.selection_wai_stats(p_projects uuid[], p_definition uuid, p_occasion text, p_from date, p_to date, p_min int, p_before date)
returns jsonb
language sql stable set search_path = public, pg_temp set jit = off
as $$
  with sq as (select * from app.selected_quarters(p_projects, p_definition, p_occasion, p_from, p_to, p_before)),
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
  summary as (
    select count(total)::int as n, count(*)::int - count(total)::int as incomplete,
           avg(total) as mean, stddev_samp(total) as sd,
           percentile_cont(0.5) within group (order by total) as median,
           percentile_cont(0.25) within group (order by total) as q1,
           percentile_cont(0.75) within group (order by total) as q3
    from wt
  ),
  was as (select count(was)::int as n, avg(was) as mean, stddev_samp(was) as sd from ww)
  select case when s.n < p_min then jsonb_build_object('suppressed', true)
  else jsonb_build_object(
    'suppressed', false, 'n', s.n, 'incomplete', s.incomplete,
    'total', jsonb_build_object('mean', s.mean, 'sd', s.sd, 'median', s.median, 'q1', s.q1, 'q3', s.q3),
    'work_ability_score', case when x.n >= p_min then jsonb_build_object('n', x.n, 'mean', x.mean, 'sd', x.sd) end,
    'categories', (select jsonb_agg(jsonb_build_object('category', c.category, 'n', c.n) order by c.ord)
                   from cats c))
  end
  from summary s, was x
$$;
revoke all on function app.selection_wai_stats(uuid[], uuid, text, date, date, int, date) from public, anon, authenticated;
