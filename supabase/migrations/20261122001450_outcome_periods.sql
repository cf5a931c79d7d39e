-- Outcome periods: how the outcome figures (public.project_outcomes, in the outcomes migration)
-- follow a period filter without differencing, and the funder's activity categories.
--
-- Which participants a period counts (quarters are calendar quarters in Swedish time; the quarter
-- of an enrolment or exit is that of participants.enrolled_at / exited_at):
--   * enrolled, referrals: participants enrolled in the period;
--   * exits, work_or_studies, activity, time in the programme: participants whose exit lies in
--     the period;
--   * gender: participants reached, i.e. active at some time in the period: enrolled before its
--     end and not exited before its start. Shown only when nobody was active at the start of the
--     period's first segment (always so for a period from the project's start): those carried in
--     from earlier could otherwise be told apart. Take periods P1 = 2024, P2 = 2025 and P1+P2: the
--     reached of P1 plus those of P2 less those of P1+P2 are the people active in both years,
--     however few. With nobody carried in, those reached are exactly those enrolled in the period.
-- Only CLOSED quarters count (a quarter that has ended). An exit in the open quarter counts as no
-- exit yet; an enrolment in it is not counted at all.
--
-- Differencing. Two results (two periods, or one period at two moments) must never differ by
-- fewer than min_group_size participants in any figure. As for the survey statistics
-- (app.segment_map), closed quarters are grouped in time order into *segments*, and a period
-- includes the segments lying entirely inside it (never part of one). A run of quarters becomes a
-- segment at the first quarter where, counted over the run, the enrolments are 0 or at least
-- min_group_size, the exits to work, studies or other activity (app.outcome_activity) are 0 or at
-- least min_group_size, and so are the exits to no activity, and there is at least one of these.
-- (The funder's headline share thus rests on blocks of 0 or at least the minimum and is always
-- shown; the segments follow the project's mapping, so an admin's change of it is, like a
-- correction, a change after the fact.)
-- A trailing run that does not (yet) qualify is left out, not merged backwards: a segment never
-- changes once formed, and later data only ever adds segments. A period of segments i..j counts
-- the enrolments (enrolled, referrals, gender) or exits (the rest) of those segments: a union of
-- blocks of 0 or at least the minimum, so two results differ by whole blocks.
-- Categories: a category a segment's block would hide by itself (app.category_counts at the
-- project's minimum) is hidden in every result holding that block. A category shown is thus a sum
-- of counts of 0 or at least the minimum, and two results showing it differ by such counts.
-- Knowingly not protected: a correction of register data in a closed quarter (a back-dated or
-- corrected exit, an edited gender) changes that quarter's figures; such corrections are audited.
-- Response rates are not period figures (they are all-time, as before).

-- Counts per category (keys and counts in display order) with small-cell suppression: a non-zero
-- count below the minimum is suppressed, and when exactly one is, the next smallest non-zero
-- count is suppressed too, so it cannot be recovered from the total. A total below the minimum
-- suppresses the whole breakdown.
create function app.category_counts(p_keys text[], p_counts int[], p_min_group int) returns jsonb
language sql immutable set search_path = public, pg_temp
as $$
  with cats as (
    select k.key, k.ord, coalesce(p_counts[k.ord], 0) as n
    from unnest(p_keys) with ordinality k(key, ord)
  ),
  small as (select key from cats where n > 0 and n < p_min_group),
  complement as (
    select key from cats
    where (select count(*) from small) = 1 and key not in (select key from small) and n > 0
    order by n, ord limit 1
  ),
  hidden as (select key from small union select key from complement),
  total as (select coalesce(sum(n), 0)::int as n from cats)
  select case when t.n < p_min_group then jsonb_build_object('n', null, 'suppressed', true, 'categories', '[]'::jsonb)
  else jsonb_build_object('n', t.n, 'suppressed', false, 'categories',
    (select coalesce(jsonb_agg(jsonb_build_object('category', c.key,
              'n', case when c.key in (select key from hidden) then null else c.n end,
              'suppressed', c.key in (select key from hidden)) order by c.ord), '[]'::jsonb)
     from cats c))
  end
  from total t
$$;

-- The funder's default mapping of exits to activity categories (src/domain/outcome-categories.ts
-- holds the same; tests/db/outcomes.test.ts compares them): by exit reason and by occupation at exit.
create function app.default_outcome_map() returns jsonb
language sql immutable set search_path = public, pg_temp
as $$
  select jsonb_build_object(
    'exit_reason', jsonb_build_object('arbete', 'arbete', 'studier', 'studier', 'fortsatt_rehabilitering', 'ingen',
                                      'ohalsa', 'ingen', 'flytt', 'ingen', 'ej_kontaktbar', 'ingen', 'annat', 'ingen'),
    'occupation_exit', jsonb_build_object('arbete_osubventionerad', 'arbete', 'arbete_subventionerad', 'arbete',
                                          'studier', 'studier', 'praktik', 'annan_sysselsattning',
                                          'arbetssokande', 'annan_sysselsattning', 'sjukskriven', 'ingen',
                                          'forsorjningsstod', 'ingen', 'annat', 'ingen'))
$$;

-- The activity category of one exit under a project's settings (outcome_map over the default;
-- values other than the four categories are ignored): the first, in the order arbete, studier,
-- annan_sysselsattning, ingen, that its exit reason or its occupation at exit maps to.
create function app.outcome_activity(p_settings jsonb, p_reason text, p_occupation text) returns text
language sql immutable set search_path = public, pg_temp
as $$
  with cats(category, ord) as (values ('arbete', 1), ('studier', 2), ('annan_sysselsattning', 3), ('ingen', 4)),
  mapped as (
    select coalesce(
             case when p_settings #>> array['outcome_map', x.part, x.code] in (select category from cats)
                  then p_settings #>> array['outcome_map', x.part, x.code] end,
             app.default_outcome_map() #>> array[x.part, x.code]) as category
    from (values ('exit_reason', p_reason), ('occupation_exit', p_occupation)) x(part, code)
    where x.code is not null
  )
  select c.category from cats c where c.category in (select category from mapped) order by c.ord limit 1
$$;

-- The segments of one project's closed quarters (rules at the top of this file): each quarter of a
-- formed segment with the segment's number and first and last quarter.
create function app.outcome_segment_map(p_project uuid, p_min int)
returns table (quarter date, segment int, seg_from date, seg_to date)
language plpgsql stable set search_path = public, pg_temp set jit = off
as $$
declare
  v_last date := (app.quarter_of(now()) - interval '3 months')::date;
  v_first date;
  r record;
  v_run date[] := '{}';
  v_quarters date[] := '{}';
  v_segments int[] := '{}';
  v_segment int := 0;
  v_settings jsonb := (select pr.settings from public.projects pr where pr.id = p_project);
  v_enrolled int := 0;
  v_active int := 0;
  v_none int := 0;
begin
  select min(app.quarter_of(pa.enrolled_at)) into v_first from public.participants pa where pa.project_id = p_project;
  if v_first is null or v_first > v_last then return; end if;
  for r in
    with events as (
      select app.quarter_of(pa.enrolled_at) as q, 1 as e, 0 as xa, 0 as xn from public.participants pa
      where pa.project_id = p_project
      union all
      select app.quarter_of(pa.exited_at), 0, 1 - n.none, n.none from public.participants pa
      cross join lateral (select (app.outcome_activity(v_settings, pa.exit_reason, pa.occupation_exit) = 'ingen')::int as none) n
      where pa.project_id = p_project and pa.exited_at is not null
    )
    select g.q::date as q, coalesce(sum(ev.e), 0)::int as e, coalesce(sum(ev.xa), 0)::int as xa,
           coalesce(sum(ev.xn), 0)::int as xn
    from generate_series(v_first::timestamp, v_last::timestamp, interval '3 months') g(q)
    left join events ev on ev.q = g.q::date
    group by g.q order by g.q
  loop
    v_run := v_run || r.q;
    v_enrolled := v_enrolled + r.e;
    v_active := v_active + r.xa;
    v_none := v_none + r.xn;
    if v_enrolled + v_active + v_none > 0
       and (v_enrolled = 0 or v_enrolled >= p_min)
       and (v_active = 0 or v_active >= p_min)
       and (v_none = 0 or v_none >= p_min) then
      v_segment := v_segment + 1;
      v_quarters := v_quarters || v_run;
      v_segments := v_segments || array_fill(v_segment, array[cardinality(v_run)]);
      v_run := '{}';
      v_enrolled := 0;
      v_active := 0;
      v_none := 0;
    end if;
  end loop;
  return query
    select m.quarter, m.segment, min(m.quarter) over (partition by m.segment), max(m.quarter) over (partition by m.segment)
    from unnest(v_quarters, v_segments) m(quarter, segment);
end
$$;

-- Counts per category of a result (p_values: one value per participant counted) with the hiding
-- rule above: a category that app.category_counts hides in any part (p_parts[i] names the part
-- holding a participant whose value is p_part_values[i]) is hidden in the result. Parts are built
-- to hold 0 or at least p_min participants; should one hold fewer, the whole breakdown is hidden.
-- A total below p_min hides the whole breakdown, as in app.category_counts.
create function app.guarded_counts(p_keys text[], p_values text[], p_parts text[], p_part_values text[], p_min int)
returns jsonb
language sql immutable set search_path = public, pg_temp
as $$
  with part_counts as (
    select u.part, u.v, count(*)::int as n
    from unnest(coalesce(p_parts, '{}'), coalesce(p_part_values, '{}')) u(part, v) group by u.part, u.v
  ),
  per_part as (
    select pt.part, app.category_counts(p_keys,
             array(select coalesce((select pc.n from part_counts pc where pc.part = pt.part and pc.v = k.key), 0)
                   from unnest(p_keys) with ordinality k(key, ord) order by k.ord), p_min) as cc
    from (select distinct part from part_counts) pt
  ),
  hidden as (
    select c ->> 'category' as key
    from per_part, jsonb_array_elements(cc -> 'categories') c where (c ->> 'suppressed')::boolean
  ),
  cats as (
    select k.key, k.ord, (select count(*) from unnest(coalesce(p_values, '{}')) v where v = k.key)::int as n
    from unnest(p_keys) with ordinality k(key, ord)
  ),
  total as (select cardinality(coalesce(p_values, '{}')) as n)
  select case when t.n < p_min or exists (select 1 from per_part where (cc ->> 'suppressed')::boolean)
    then jsonb_build_object('n', null, 'suppressed', true, 'categories', '[]'::jsonb)
    else jsonb_build_object('n', t.n, 'suppressed', false, 'categories',
      (select jsonb_agg(jsonb_build_object('category', c.key,
                 'n', case when c.key in (select key from hidden) then null else c.n end,
                 'suppressed', c.key in (select key from hidden)) order by c.ord)
       from cats c))
  end
  from total t
$$;

revoke all on function app.category_counts(text[], int[], int), app.default_outcome_map(),
  app.outcome_activity(jsonb, text, text), app.outcome_segment_map(uuid, int),
  app.guarded_counts(text[], text[], text[], text[], int) from public, anon, authenticated;
