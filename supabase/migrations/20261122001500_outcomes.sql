-- Outcome figures and response rates for researchers: enrolled against the target, exits by
-- reason and by the funder's activity categories, the share moving to work or studies against the
-- project's goal, the gender split of the participants reached against a target share, referrals
-- and time in the programme, all from the register data coaches record, for a period of closed
-- quarters; and per survey occasion the share of due participants who answered (all time).
-- Which participants each figure counts, the period rule and what it knowingly leaves open: see
-- the outcome periods migration (20261122001450_outcome_periods.sql).

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

revoke all on function app.response_rates(public.projects) from public, anon, authenticated;
revoke all on function public.project_outcomes(jsonb) from public, anon, authenticated;
grant execute on function public.project_outcomes(jsonb) to authenticated;
