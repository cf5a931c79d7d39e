-- Research counters and period segments: the building blocks of research figures under any
-- filter (projects, period, survey version, occasion) and at any moment, without differencing.
-- docs/disclosure-control.md states the policy; this is its mechanism.
--
-- Differencing: two results that differ by a few participants must not let anyone subtract one
-- from the other, whether the two differ in their filters or in when they were asked for. Every
-- figure is therefore a sum of *blocks*, and every block holds at least the project's minimum
-- group size (k) for that figure:
--   * figures include closed quarters only (a calendar quarter, Swedish time, that has ended):
--     answers arriving today change nothing until their quarter closes;
--   * a block is (project, survey version, occasion, period segment);
--   * a period segment is a run of whole closed quarters, formed in time order and closed as soon
--     as it holds at least k responses and every scored item in it has either no answers or at
--     least k answers (or, with k responses, once it has spanned four quarters, so that a rarely
--     answered item cannot hold back every figure). A trailing run that does not qualify yet is
--     left out (not merged into the segment before it), so a segment, once formed, never changes
--     as later quarters close;
--   * a period filter includes the segments lying entirely inside it (never data from outside);
--   * a block contributes to an item's figures only when the item has at least k answers in it;
--   * projects and occasions are unions/choices of whole blocks; versions are never mixed.
-- So any two results, under any filters and at any two moments, differ by whole blocks, each
-- resting on at least k participants: a difference can never isolate fewer. Segments depend only
-- on the project's own data and minimum, so a project contributes the same blocks to every
-- selection. What this cannot stop is stated in docs/disclosure-control.md (a withdrawal that
-- deletes answers from a closed quarter changes figures by that participant's answers).

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
language sql immutable set search_path = public, pg_temp
as $$ select date_trunc('quarter', ts at time zone 'Europe/Stockholm')::date $$;
revoke all on function app.quarter_of(timestamptz) from public, anon, authenticated;

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

-- Period segments of one project's responses to one version at one occasion (rules above), over
-- the quarters before p_before (the first day of the current quarter: closed quarters only).
create function app.segment_map(p_project uuid, p_definition uuid, p_occasion text, p_min int, p_before date)
returns table (quarter date, segment int, seg_from date, seg_to date)
language plpgsql stable set search_path = public, pg_temp set jit = off
as $$
declare
  v_items int := coalesce((select jsonb_array_length(d.meta -> 'scored') from public.survey_definitions d where d.id = p_definition), 0);
  q record;
  v_quarters date[] := '{}';
  v_segments int[] := '{}';
  v_segment int := 1;
  v_responses int := 0;
  v_n int[] := array_fill(0, array[greatest(v_items, 1)]);
  v_run_start date;
  v_ok boolean;
  i int;
begin
  -- Every closed quarter from the first with data, empty ones included: a run's age counts in
  -- calendar time, and each decision depends only on the quarters up to it (segments are stable).
  for q in
    with rc as (
      select c.quarter, sum(c.c)::int as responses from app.response_counts c
      where c.project_id = p_project and c.definition_id = p_definition and c.occasion = p_occasion
        and c.quarter < p_before
      group by c.quarter having sum(c.c) > 0
    )
    select g.quarter::date as quarter, coalesce(rc.responses, 0) as responses,
           -- answers per scored position (1…v_items) in the quarter, zero where none
           array(select coalesce(sum(v.c), 0)::int
                 from generate_series(1, greatest(v_items, 1)) o(ord)
                 left join app.response_value_counts v
                   on v.project_id = p_project and v.definition_id = p_definition and v.occasion = p_occasion
                  and v.quarter = g.quarter::date and v.ord = o.ord
                 group by o.ord order by o.ord) as ns
    from generate_series((select min(rc.quarter) from rc), p_before - interval '3 months', interval '3 months') g(quarter)
    left join rc on rc.quarter = g.quarter::date
    order by g.quarter
  loop
    if q.responses > 0 then
      v_quarters := v_quarters || q.quarter;
      v_segments := v_segments || v_segment;
      v_run_start := coalesce(v_run_start, q.quarter);
      v_responses := v_responses + q.responses;
      for i in 1 .. coalesce(array_length(q.ns, 1), 0) loop
        v_n[i] := v_n[i] + q.ns[i];
      end loop;
    end if;
    continue when v_run_start is null or v_responses < p_min;
    -- Closes when every item has no answers or at least the minimum; or, so that an item few
    -- answer cannot hold back every figure, once the run has spanned four quarters (a year).
    v_ok := q.quarter >= v_run_start + interval '9 months';
    if not v_ok then
      v_ok := true;
      for i in 1 .. array_length(v_n, 1) loop
        if v_n[i] > 0 and v_n[i] < p_min then v_ok := false; exit; end if;
      end loop;
    end if;
    if v_ok then
      v_segment := v_segment + 1;
      v_responses := 0;
      v_n := array_fill(0, array[greatest(v_items, 1)]);
      v_run_start := null;
    end if;
  end loop;
  -- A trailing run that does not qualify yet is left out: it waits for more closed quarters.
  return query
    select m.quarter, m.segment, min(m.quarter) over (partition by m.segment), max(m.quarter) over (partition by m.segment)
    from unnest(v_quarters, v_segments) m(quarter, segment)
    where m.segment < v_segment;
end
$$;
revoke all on function app.segment_map(uuid, uuid, text, int, date) from public, anon, authenticated;

-- The quarters a selection includes, with their segment and the project's minimum group size.
create function app.selected_quarters(p_projects uuid[], p_definition uuid, p_occasion text, p_from date, p_to date, p_before date)
returns table (project_id uuid, quarter date, segment int, min_group int)
language sql stable set search_path = public, pg_temp set jit = off
as $$
  select pr.id, m.quarter, m.segment, pr.min_group_size::int
  from public.projects pr
  cross join lateral app.segment_map(pr.id, p_definition, p_occasion, pr.min_group_size, p_before) m
  where pr.id = any (p_projects)
    and (p_from is null or m.seg_from >= p_from)
    and (p_to is null or m.seg_to <= p_to)
$$;
revoke all on function app.selected_quarters(uuid[], uuid, text, date, date, date) from public, anon, authenticated;
