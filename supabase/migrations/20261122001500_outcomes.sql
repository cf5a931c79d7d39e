-- Outcome figures and response rates for researchers: enrolled against the target, exits by
-- reason, the share moving to work or studies against the project's goal (a setting, 40 % unset), referrals and
-- time in the programme, all from the register data coaches record; and per survey occasion the
-- share of due participants who answered. Small groups are suppressed as in app.selection_wai_stats.

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

-- Outcomes of one project from the register data (every enrolled participant, whatever their
-- research consent: these are the programme's own follow-up figures). Researchers and admins only.
-- Work or studies = exit_reason 'arbete' or 'studier' (the reason is required at exit; the
-- occupation at exit is optional). Time in the programme runs from the registered start date,
-- or the enrolment date when none is recorded, to the exit date; it is reported as mean, median
-- and quartiles, never min/max, which would each describe one person.
-- Not stable: a download (p.export) is written to the audit log.
create function public.project_outcomes(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp set jit = off
as $$
declare
  v_project public.projects;
  v_min int;
  v_goal numeric;
  v_target int;
  v_enrolled int;
  v_exited int;
  v_work int;
  v_time jsonb;
  v_exits jsonb;
  v_referrals jsonb;
begin
  v_project := app.research_project((p ->> 'project_id')::uuid);
  v_min := v_project.min_group_size;
  -- The funder's goal for the share moving to work or studies: a project setting in percent, 40 % unset.
  v_goal := case when jsonb_typeof(v_project.settings -> 'goal_work_or_studies_percent') = 'number'
                 then (v_project.settings ->> 'goal_work_or_studies_percent')::numeric / 100 else 0.4 end;
  v_target := case when jsonb_typeof(v_project.settings -> 'target_participants') = 'number'
                   then (v_project.settings ->> 'target_participants')::numeric::int end;

  select count(*)::int, count(exited_at)::int,
         count(*) filter (where exit_reason in ('arbete', 'studier'))::int
  into v_enrolled, v_exited, v_work
  from public.participants where project_id = v_project.id;

  -- An exit reason is set exactly when an exit is (participants_exit_complete): exited only.
  select app.category_counts(array['arbete', 'studier', 'fortsatt_rehabilitering', 'ohalsa', 'flytt', 'ej_kontaktbar', 'annat'],
           array[count(*) filter (where exit_reason = 'arbete'), count(*) filter (where exit_reason = 'studier'),
                 count(*) filter (where exit_reason = 'fortsatt_rehabilitering'), count(*) filter (where exit_reason = 'ohalsa'),
                 count(*) filter (where exit_reason = 'flytt'), count(*) filter (where exit_reason = 'ej_kontaktbar'),
                 count(*) filter (where exit_reason = 'annat')]::int[], v_min),
         app.category_counts(array['af', 'ifo', 'fk', 'varden', 'annan', 'saknas'],
           array[count(*) filter (where referral = 'af'), count(*) filter (where referral = 'ifo'),
                 count(*) filter (where referral = 'fk'), count(*) filter (where referral = 'varden'),
                 count(*) filter (where referral = 'annan'), count(*) filter (where referral is null)]::int[], v_min)
  into v_exits, v_referrals
  from public.participants where project_id = v_project.id;

  select case when count(*) < v_min then jsonb_build_object('n', null, 'suppressed', true)
    else jsonb_build_object('n', count(*)::int, 'suppressed', false,
      'mean_days', round(avg(d), 1),
      'median_days', percentile_cont(0.5) within group (order by d),
      'q1_days', percentile_cont(0.25) within group (order by d),
      'q3_days', percentile_cont(0.75) within group (order by d))
    end
  into v_time
  from (select greatest(exited_at::date - coalesce(started_on, enrolled_at::date), 0) as d
        from public.participants where project_id = v_project.id and exited_at is not null) t;

  if coalesce((p ->> 'export')::boolean, false) then
    perform app.audit('research.export', v_project.id, 'outcomes', v_project.id::text, jsonb_build_object('format', 'json'));
  end if;
  return jsonb_build_object(
    'project_id', v_project.id, 'project_name', v_project.name, 'min_group_size', v_min,
    'enrolled', jsonb_build_object('n', case when v_enrolled >= v_min then v_enrolled end,
                                   'suppressed', v_enrolled < v_min, 'target', v_target),
    'exits', v_exits,
    -- Shown only when 'arbete' and 'studier' are both shown in the exit breakdown: then the share
    -- adds nothing to it, whereas otherwise it would reveal a suppressed cell (or a sum of them).
    'work_or_studies', case when (v_exits ->> 'suppressed')::boolean or exists (
                                   select 1 from jsonb_array_elements(v_exits -> 'categories') c
                                   where c ->> 'category' in ('arbete', 'studier') and (c ->> 'suppressed')::boolean)
      then jsonb_build_object('n', case when v_exited >= v_min then v_exited end, 'count', null, 'share', null,
                              'suppressed', true, 'goal', v_goal)
      else jsonb_build_object('n', v_exited, 'count', v_work, 'share', round(v_work::numeric / v_exited, 4),
                              'suppressed', false, 'goal', v_goal)
      end,
    'referrals', v_referrals,
    'time_in_programme', v_time,
    'response_rates', app.response_rates(v_project));
end
$$;

revoke all on function app.category_counts(text[], int[], int), app.response_rates(public.projects) from public;
revoke all on function public.project_outcomes(jsonb) from public, anon, authenticated;
grant execute on function public.project_outcomes(jsonb) to authenticated;
