-- Outcome figures and response rates for researchers: enrolled against the target, exits by
-- reason and by the funder's activity categories, the share moving to work or studies against the
-- project's goal, the gender split of the participants reached against a target share, referrals
-- and time in the programme, all from the register data coaches record, for a period of closed
-- quarters; and per survey occasion the share of due participants who answered (all time).
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

-- Response rates per occasion. Due = the occasion's window has opened (the opening rules of
-- src/coach/schedule.ts) for a participant with active consent, or the participant has
-- already answered it: start WAI at enrolment unless the exit fell on the enrolment instant;
-- Pågående pagaendeFromWeeks (default 4) weeks after enrolment unless the exit came first;
-- Avslut and the exit WAI once the registered exit date has come. Rates whose denominator is
-- below the minimum group size are suppressed.
create function app.response_rates(p_project public.projects) returns jsonb
language sql stable set search_path = public, pg_temp set jit = off
as $$
  with settings as (
    select case when jsonb_typeof(p_project.settings -> 'pagaendeFromWeeks') = 'number'
                then (p_project.settings ->> 'pagaendeFromWeeks')::numeric::int else 4 end as pagaende_weeks
  ),
  people as (
    select pa.id, pa.enrolled_at, pa.exited_at
    from public.participants pa
    where pa.project_id = p_project.id and pa.status <> 'withdrawn'
      and exists (select 1 from public.consents c where c.participant_id = pa.id and c.withdrawn_at is null)
  ),
  occasions(survey, occasion, ord) as (
    values ('wai', 'start', 1), ('pagaende', 'pagaende', 2), ('avslut', 'avslut', 3), ('wai', 'avslut', 4)
  ),
  due as (
    select o.survey, o.occasion, o.ord, p.id,
           exists (select 1 from public.responses r
                   where r.participant_id = p.id and r.survey_key = o.survey and r.occasion = o.occasion) as answered,
           case o.ord
             when 1 then p.exited_at is null or p.exited_at > p.enrolled_at
             when 2 then p.enrolled_at + make_interval(days => 7 * s.pagaende_weeks) <= now()
                         and (p.exited_at is null or p.exited_at > p.enrolled_at + make_interval(days => 7 * s.pagaende_weeks))
             else p.exited_at is not null and p.exited_at <= now()
           end as opened
    from occasions o cross join people p cross join settings s
  ),
  counts as (
    select o.survey, o.occasion, o.ord,
           count(d.id) filter (where d.opened or d.answered)::int as due,
           count(d.id) filter (where d.answered)::int as answered
    from occasions o left join due d on d.ord = o.ord
    group by o.survey, o.occasion, o.ord
  )
  select jsonb_agg(case when c.due < p_project.min_group_size then
      jsonb_build_object('survey', c.survey, 'occasion', c.occasion, 'due', null, 'answered', null, 'rate', null, 'suppressed', true)
    else
      jsonb_build_object('survey', c.survey, 'occasion', c.occasion, 'due', c.due, 'answered', c.answered,
                         'rate', round(c.answered::numeric / c.due, 4), 'suppressed', false)
    end order by c.ord)
  from counts c
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

-- Outcomes of one project from the register data (every enrolled participant, whatever their
-- research consent: these are the programme's own follow-up figures), for a period of closed
-- quarters. Researchers and admins only.
-- p: {project_id, from?: 'YYYY-MM-DD' (first day of a quarter), to?: (first day of the last
-- quarter included), export?: boolean}.
-- Work or studies = exit_reason 'arbete' or 'studier' (the reason is required at exit); activity =
-- app.outcome_activity under the project's mapping. Time in the programme runs from the
-- registered start date, or the enrolment date when none is recorded, to the exit date; it is
-- reported as mean, median and quartiles, never min/max, which would each describe one person.
-- Not stable: a download (p.export) is written to the audit log.
create function public.project_outcomes(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp set jit = off
as $$
declare
  v_project public.projects;
  v_min int;
  v_from date;
  v_to date;
  v_last date := (app.quarter_of(now()) - interval '3 months')::date;
  v_i int;
  v_j int;
  v_first date;
  v_end date;
  v_goal numeric;
  v_target int;
  v_women numeric;
  v_enrolled int;
  v_exited int;
  v_work int;
  v_time jsonb;
  v_exits jsonb;
  v_referrals jsonb;
  v_activity jsonb;
  v_gender jsonb;
begin
  v_project := app.research_project((p ->> 'project_id')::uuid);
  v_min := v_project.min_group_size;
  begin
    v_from := nullif(p ->> 'from', '')::date;
    v_to := nullif(p ->> 'to', '')::date;
  exception when others then
    perform app.fail('400', 'PERIOD_INVALID');
  end;
  if (v_from is not null and v_from <> app.quarter_of(v_from::timestamp at time zone 'Europe/Stockholm'))
     or (v_to is not null and v_to <> app.quarter_of(v_to::timestamp at time zone 'Europe/Stockholm'))
     or v_from > v_to then
    perform app.fail('400', 'PERIOD_INVALID');
  end if;
  -- The funder's goal for the share moving to work or studies: a project setting in percent, 40 % unset.
  v_goal := case when jsonb_typeof(v_project.settings -> 'goal_work_or_studies_percent') = 'number'
                 then (v_project.settings ->> 'goal_work_or_studies_percent')::numeric else 40 end;
  v_target := case when jsonb_typeof(v_project.settings -> 'target_participants') = 'number'
                   then (v_project.settings ->> 'target_participants')::numeric::int end;
  v_women := case when jsonb_typeof(v_project.settings -> 'target_women_percent') = 'number'
                  then (v_project.settings ->> 'target_women_percent')::numeric end;

  -- The segments lying entirely inside the period: i..j, quarters v_first..v_end (none: all null).
  select min(m.segment), max(m.segment), min(m.seg_from), max(m.seg_to) into v_i, v_j, v_first, v_end
  from app.outcome_segment_map(v_project.id, v_min) m
  where (v_from is null or m.seg_from >= v_from) and (v_to is null or m.seg_to <= v_to);

  with seg as (select * from app.outcome_segment_map(v_project.id, v_min)),
  people as (
    select pa.*, e.segment as e_seg, x.segment as x_seg, e.quarter as eq, x_q.q as xq,
           coalesce(pa.gender, 'saknas') as gender_key, coalesce(pa.referral, 'saknas') as referral_key,
           app.outcome_activity(v_project.settings, pa.exit_reason, pa.occupation_exit) as activity
    from public.participants pa
    cross join lateral (select case when pa.exited_at is not null and app.quarter_of(pa.exited_at) <= v_last
                                    then app.quarter_of(pa.exited_at) end as q) x_q
    left join seg e on e.quarter = app.quarter_of(pa.enrolled_at)
    left join seg x on x.quarter = x_q.q
    where pa.project_id = v_project.id
  ),
  enrolled as (select * from people where e_seg between v_i and v_j),
  exited as (select * from people where x_seg between v_i and v_j),
  -- Those active at the start of segment i (when there are any, the gender split is not shown).
  carried as (select * from people where app.quarter_of(enrolled_at) < v_first and (xq is null or xq >= v_first))
  select (select count(*)::int from enrolled),
         (select count(*)::int from exited),
         (select count(*) filter (where exit_reason in ('arbete', 'studier'))::int from exited),
         (select app.guarded_counts(array['arbete', 'studier', 'fortsatt_rehabilitering', 'ohalsa', 'flytt', 'ej_kontaktbar', 'annat'],
                   array_agg(exit_reason), array_agg(x_seg::text), array_agg(exit_reason), v_min) from exited),
         (select app.guarded_counts(array['af', 'ifo', 'fk', 'varden', 'annan', 'saknas'],
                   array_agg(referral_key), array_agg(e_seg::text), array_agg(referral_key), v_min) from enrolled),
         -- Activity: "ingen" is a block count of 0 or at least the minimum in every segment (the
         -- segment rule), so it is shown and with it the share to work, studies or other activity;
         -- the three kinds of activity are hidden within their subtotal by the rule above.
         (select case when count(*) < v_min then jsonb_build_object('n', null, 'suppressed', true, 'categories', '[]'::jsonb)
            else jsonb_build_object('n', count(*)::int, 'suppressed', false, 'categories',
              coalesce((select jsonb_agg(c order by o) from jsonb_array_elements(
                          app.guarded_counts(array['arbete', 'studier', 'annan_sysselsattning'],
                            array_agg(activity) filter (where activity <> 'ingen'),
                            array_agg(x_seg::text) filter (where activity <> 'ingen'),
                            array_agg(activity) filter (where activity <> 'ingen'), v_min) -> 'categories')
                          with ordinality a(c, o)),
                       case when count(*) filter (where activity <> 'ingen') = 0
                            then jsonb_build_array(jsonb_build_object('category', 'arbete', 'n', 0, 'suppressed', false),
                                                   jsonb_build_object('category', 'studier', 'n', 0, 'suppressed', false),
                                                   jsonb_build_object('category', 'annan_sysselsattning', 'n', 0, 'suppressed', false))
                            else jsonb_build_array(jsonb_build_object('category', 'arbete', 'n', null, 'suppressed', true),
                                                   jsonb_build_object('category', 'studier', 'n', null, 'suppressed', true),
                                                   jsonb_build_object('category', 'annan_sysselsattning', 'n', null, 'suppressed', true))
                       end)
              || jsonb_build_array(jsonb_build_object('category', 'ingen', 'n', count(*) filter (where activity = 'ingen'),
                                                      'suppressed', false)))
            end
          from exited),
         case when exists (select 1 from carried)
              then jsonb_build_object('n', null, 'suppressed', true, 'categories', '[]'::jsonb)
              else (select app.guarded_counts(array['kvinna', 'man', 'annat', 'vill_inte_ange', 'saknas'],
                      array_agg(gender_key), array_agg(e_seg::text), array_agg(gender_key), v_min) from enrolled)
         end,
         (select case when count(*) < v_min then jsonb_build_object('n', null, 'suppressed', true)
            else jsonb_build_object('n', count(*)::int, 'suppressed', false,
              'mean_days', round(avg(d), 1),
              'median_days', percentile_cont(0.5) within group (order by d),
              'q1_days', percentile_cont(0.25) within group (order by d),
              'q3_days', percentile_cont(0.75) within group (order by d))
            end
          from (select greatest(exited_at::date - coalesce(started_on, enrolled_at::date), 0) as d from exited) t)
  into v_enrolled, v_exited, v_work, v_exits, v_referrals, v_activity, v_gender, v_time;

  if coalesce((p ->> 'export')::boolean, false) then
    perform app.audit('research.export', v_project.id, 'outcomes', v_project.id::text,
                      jsonb_build_object('format', 'json', 'from', v_from, 'to', v_to));
  end if;
  return jsonb_build_object(
    'project_id', v_project.id, 'project_name', v_project.name, 'min_group_size', v_min,
    'period', jsonb_build_object('from', v_from, 'to', v_to,
                                 'closed_through', (v_end + interval '3 months' - interval '1 day')::date),
    'enrolled', jsonb_build_object('n', case when v_enrolled >= v_min then v_enrolled end,
                                   'suppressed', v_enrolled < v_min, 'target', v_target),
    'exits', v_exits,
    -- Shown only when 'arbete' and 'studier' are both shown in the exit breakdown: then the share
    -- adds nothing to it, whereas otherwise it would reveal a suppressed cell (or a sum of them).
    'work_or_studies', case when (v_exits ->> 'suppressed')::boolean or exists (
                                   select 1 from jsonb_array_elements(v_exits -> 'categories') c
                                   where c ->> 'category' in ('arbete', 'studier') and (c ->> 'suppressed')::boolean)
      then jsonb_build_object('n', case when v_exited >= v_min then v_exited end, 'count', null, 'share', null,
                              'suppressed', true, 'goal', v_goal / 100)
      else jsonb_build_object('n', v_exited, 'count', v_work, 'share', round(v_work::numeric / v_exited, 4),
                              'suppressed', false, 'goal', v_goal / 100)
      end,
    'activity', v_activity || jsonb_build_object('goal_percent', v_goal),
    'gender', v_gender || jsonb_build_object('target_women_percent', v_women),
    'referrals', v_referrals,
    'time_in_programme', v_time,
    'response_rates', app.response_rates(v_project));
end
$$;

revoke all on function app.category_counts(text[], int[], int), app.response_rates(public.projects),
  app.default_outcome_map(), app.outcome_activity(jsonb, text, text), app.outcome_segment_map(uuid, int),
  app.guarded_counts(text[], text[], text[], text[], int) from public, anon, authenticated;
revoke all on function public.project_outcomes(jsonb) from public, anon, authenticated;
grant execute on function public.project_outcomes(jsonb) to authenticated;
