-- What a coach sees of their participants: code, status, register data, whether consent is given
-- and which questionnaires are submitted. Never any answer content.

-- The schedule settings with their defaults: the same definitions as src/domain/schedule-settings.ts
-- (tests/db/coach-worklist.test.ts compares them). missedAfterDays: how long an overdue
-- questionnaire stays on the to-do list before it counts as missed.
create function app.schedule_settings(p_settings jsonb) returns jsonb
language sql immutable set search_path = public, pg_temp
as $$
  select jsonb_build_object(
    'startDueDays', coalesce((p_settings ->> 'startDueDays')::int, 14),
    'pagaendeFromWeeks', coalesce((p_settings ->> 'pagaendeFromWeeks')::int, 4),
    'pagaendeToWeeks', coalesce((p_settings ->> 'pagaendeToWeeks')::int, 8),
    'exitDueDays', coalesce((p_settings ->> 'exitDueDays')::int, 30),
    'missedAfterDays', coalesce((p_settings ->> 'missedAfterDays')::int, 30))
$$;
revoke all on function app.schedule_settings(jsonb) from public, anon, authenticated, service_role;

-- What the coach sees of consent: app.consent_state, with 'declined' ("vill inte delta") for a
-- participant who said no before consenting.
create function app.coach_consent(p_participant public.participants) returns text
language sql stable security definer set search_path = public, pg_temp
as $$
  select case when s = 'missing' and p_participant.declined_at is not null then 'declined' else s end
  from app.consent_state(p_participant.id) s
$$;
revoke all on function app.coach_consent(public.participants) from public, anon, authenticated, service_role;

-- A participant's schedule, the same rules as dueSurveys in src/coach/schedule.ts (tested against
-- each other): windows are half-open [opens_at, due_by); past due_by an entry is overdue, and
-- missedAfterDays later it is missed and leaves the to-do list. Consent is needed by the start
-- WAI's deadline; a renewal is asked for without a deadline. Declined or withdrawn: nothing.
create function app.coach_schedule(p_participant public.participants, p_consent text, p_settings jsonb, p_now timestamptz)
returns table (ord int, survey text, occasion text, status text, opens_at timestamptz, due_by timestamptz)
language sql stable security definer set search_path = public, pg_temp
as $$
  with w as (
    select p_participant.enrolled_at as enrolled, p_participant.exited_at as exited,
           p_participant.enrolled_at + make_interval(days => (s ->> 'startDueDays')::int) as start_due,
           p_participant.enrolled_at + make_interval(days => 7 * (s ->> 'pagaendeFromWeeks')::int) as pag_opens,
           p_participant.enrolled_at + make_interval(days => 7 * (s ->> 'pagaendeToWeeks')::int) as pag_due,
           p_participant.exited_at + make_interval(days => (s ->> 'exitDueDays')::int) as exit_due,
           make_interval(days => (s ->> 'missedAfterDays')::int) as grace
    from app.schedule_settings(p_settings) s
  ), e as (
    select 1 as ord, 'samtycke-forskning' as survey, 'start' as occasion, enrolled as opens_at,
           case when p_consent = 'renew' then null else start_due end as due_by, false as in_programme
    from w where p_consent in ('missing', 'renew', 'given')
    union all select 2, 'wai', 'start', enrolled, start_due, true from w where p_consent in ('renew', 'given')
    union all select 3, 'pagaende', 'pagaende', pag_opens, pag_due, true from w where p_consent in ('renew', 'given')
    union all select 4, 'avslut', 'avslut', exited, exit_due, false from w where p_consent in ('renew', 'given') and exited is not null
    union all select 5, 'wai', 'avslut', exited, exit_due, false from w where p_consent in ('renew', 'given') and exited is not null
  )
  select e.ord, e.survey, e.occasion,
         case
           when e.ord = 1 and p_consent = 'given' then 'done'
           when e.ord > 1 and exists (select 1 from public.responses r where r.participant_id = p_participant.id
                                        and r.survey_key = e.survey and r.occasion = e.occasion) then 'done'
           when e.in_programme and w.exited is not null and w.exited <= e.opens_at then 'skipped'
           when e.in_programme and w.exited is not null and p_now >= w.exited then 'missed'
           when p_now < e.opens_at then 'upcoming'
           when e.due_by is null or p_now < e.due_by then 'due'
           when p_now < e.due_by + w.grace then 'overdue'
           else 'missed'
         end,
         e.opens_at, e.due_by
  from e cross join w
$$;
revoke all on function app.coach_schedule(public.participants, text, jsonb, timestamptz) from public, anon, authenticated, service_role;

-- Where a participant belongs on the coach's to-do list, from their most urgent entry: overdue,
-- week (open, deadline within 7 days), open (later deadline, or none), upcoming, then off the
-- list: missed, done, stopped (declined or withdrawn). sort_at orders a group: longest overdue or
-- nearest deadline first, soonest to open first.
create function app.coach_todo(p_participant public.participants, p_consent text, p_settings jsonb, p_now timestamptz)
returns table (grp text, survey text, occasion text, status text, due_by timestamptz, sort_at timestamptz)
language sql stable security definer set search_path = public, pg_temp
as $$
  with s as (select * from app.coach_schedule(p_participant, p_consent, p_settings, p_now)),
  top as (
    select * from s where s.status in ('overdue', 'due', 'upcoming')
    order by case s.status when 'overdue' then 0 when 'due' then 1 else 2 end,
             case when s.status = 'upcoming' then s.opens_at else s.due_by end nulls last, s.ord
    limit 1)
  select case
           when p_consent in ('withdrawn', 'declined') then 'stopped'
           when top.status = 'overdue' then 'overdue'
           when top.status = 'due' and top.due_by <= p_now + interval '7 days' then 'week'
           when top.status = 'due' then 'open'
           when top.status = 'upcoming' then 'upcoming'
           when exists (select 1 from s where s.status = 'missed') then 'missed'
           else 'done'
         end,
         top.survey, top.occasion, top.status, top.due_by,
         case when top.status = 'upcoming' then top.opens_at else top.due_by end
  from (select 1) one left join top on true
$$;
revoke all on function app.coach_todo(public.participants, text, jsonb, timestamptz) from public, anon, authenticated, service_role;

-- One participant as the coach sees them. Never any answer content.
create function app.coach_participant_json(pa public.participants) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object(
    'id', pa.id, 'code', pa.code, 'status', pa.status, 'enrolled_at', pa.enrolled_at,
    'exited_at', pa.exited_at, 'started_on', pa.started_on, 'referral', pa.referral,
    'occupation_start', pa.occupation_start, 'exit_reason', pa.exit_reason, 'occupation_exit', pa.occupation_exit,
    'consent', app.coach_consent(pa), 'declined_by', pa.declined_by,
    -- Whether gender or age band is missing (the values stay on the register-data form).
    'register_missing', pa.gender is null or pa.age_band is null,
    -- The day, never the time: a coach who knows when a participant answered to the minute could
    -- match that answer in figures that change with it.
    'submitted', coalesce((select jsonb_agg(jsonb_build_object('survey', r.survey_key, 'occasion', r.occasion,
                                                             'submitted_on', (r.submitted_at at time zone 'Europe/Stockholm')::date)
                                            order by r.submitted_at)
                           from public.responses r where r.participant_id = pa.id), '[]'::jsonb))
$$;
revoke all on function app.coach_participant_json(public.participants) from public, anon, authenticated, service_role;

-- What a coach sees of their participants: code, status, register data, whether consent is given
-- and which questionnaires are submitted. Never any answer content.
create function public.coach_participants(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_project uuid := (p ->> 'project_id')::uuid;
begin
  if v_project is null or not app.has_role(v_project, array['coach', 'admin']) then
    perform app.fail('404', 'PROJECT_NOT_FOUND');
  end if;
  return coalesce((
    select jsonb_agg(app.coach_participant_json(pa) order by pa.enrolled_at desc)
    from public.participants pa where pa.project_id = v_project), '[]'::jsonb);
end
$$;
revoke all on function public.coach_participants(jsonb) from public, anon, authenticated;
grant execute on function public.coach_participants(jsonb) to authenticated;

-- The coach's to-do list, one page at a time: filtered by code (case, spaces and dashes ignored;
-- O, I and L read as 0, 1 and 1 as Crockford base32 does), by the occasion of the most urgent
-- entry and by group ('todo' = overdue, week, open and upcoming; 'all'; or one group), ordered by
-- urgency or newest enrolment first. Counts per group are over the code and occasion filters, so
-- the group links say how many each would show. per_group (the overview) returns the first few of
-- each group instead of a page. Only the project's own participants, ever.
create function public.coach_worklist(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
-- The per-participant functions make the plan look costly; compiling it (JIT) took longer than
-- running it (1.5 s instead of 0.1 s for 500 participants on PostgreSQL 16).
set jit = off
as $$
declare
  v_project uuid := (p ->> 'project_id')::uuid;
  v_q text := translate(upper(regexp_replace(coalesce(p ->> 'q', ''), '[\s-]', '', 'g')), 'OIL', '011');
  v_group text := coalesce(p ->> 'group', 'todo');
  v_occasion text := nullif(p ->> 'occasion', '');
  v_sort text := coalesce(p ->> 'sort', 'urgency');
  v_page int := coalesce((p ->> 'page')::int, 1);
  v_size int := coalesce((p ->> 'page_size')::int, 50);
  v_per_group int := (p ->> 'per_group')::int;
  v_settings jsonb;
  v_result jsonb;
begin
  if v_project is null or not app.has_role(v_project, array['coach', 'admin']) then
    perform app.fail('404', 'PROJECT_NOT_FOUND');
  end if;
  if v_group not in ('todo', 'all', 'overdue', 'week', 'open', 'upcoming', 'missed', 'done', 'stopped')
     or v_sort not in ('urgency', 'newest') or v_page < 1 or v_size not between 1 and 100 or length(v_q) > 16
     or v_per_group not between 1 and 50
     or v_occasion not in ('samtycke-forskning:start', 'wai:start', 'pagaende:pagaende', 'avslut:avslut', 'wai:avslut') then
    perform app.fail('400', 'VALIDATION_FAILED');
  end if;
  select settings into v_settings from public.projects where id = v_project;
  with people as materialized (
    select pa, t.*
    from public.participants pa
    cross join lateral app.coach_todo(pa, app.coach_consent(pa), v_settings, now()) t
    where pa.project_id = v_project
      and (v_q = '' or position(v_q in pa.code) > 0)
      and (v_occasion is null or t.survey || ':' || t.occasion = v_occasion)
  ), chosen as (
    select * from people
    where v_group = 'all' or people.grp = v_group
       or (v_group = 'todo' and people.grp in ('overdue', 'week', 'open', 'upcoming'))
  ), page as (
    select chosen.*, row_number() over (order by
             case when v_sort = 'newest' then 0
                  else array_position(array['week', 'overdue', 'open', 'upcoming', 'missed', 'done', 'stopped'], chosen.grp) end,
             case when v_sort = 'newest' then null else chosen.sort_at end nulls last,
             (chosen.pa).enrolled_at desc, (chosen.pa).id) as n,
           row_number() over (partition by chosen.grp order by chosen.sort_at nulls last, (chosen.pa).enrolled_at desc, (chosen.pa).id) as in_group
    from chosen
  )
  select jsonb_build_object(
    'total', (select count(*) from people),
    'counts', coalesce((select jsonb_object_agg(g.grp, g.n) from (select grp, count(*) as n from people group by grp) g), '{}'::jsonb),
    'matched', (select count(*) from chosen),
    'page', v_page, 'page_size', v_size,
    'rows', coalesce((
      select jsonb_agg(app.coach_participant_json(page.pa) || jsonb_build_object('todo', jsonb_build_object(
               'group', page.grp, 'survey', page.survey, 'occasion', page.occasion, 'status', page.status,
               'due_by', page.due_by)) order by page.n)
      from page
      where case when v_per_group is not null then page.in_group <= v_per_group
                 else page.n > (v_page - 1) * v_size and page.n <= v_page * v_size end), '[]'::jsonb))
  into v_result;
  return v_result;
end
$$;
revoke all on function public.coach_worklist(jsonb) from public, anon, authenticated;
grant execute on function public.coach_worklist(jsonb) to authenticated;

-- A coach records that a participant does not want to take part ("vill inte delta"), or takes back
-- their own record of it (a wrong tap, or the participant changed their mind). Only before consent;
-- a participant's own "vill inte delta" is theirs to change, by consenting. Audited either way.
create function public.record_decline(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.participants;
  v_declined boolean := (p ->> 'declined')::boolean;
begin
  select * into v_row from public.participants where id = (p ->> 'participant_id')::uuid for update;
  if not found or not app.has_role(v_row.project_id, array['coach', 'admin']) then
    perform app.fail('404', 'PARTICIPANT_NOT_FOUND');
  end if;
  if v_declined is null then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  if v_row.status = 'withdrawn' then perform app.fail('409', 'CONSENT_WITHDRAWN'); end if;
  if (app.active_consent(v_row.id)).id is not null then perform app.fail('409', 'CONSENT_ALREADY_GIVEN'); end if;
  if v_declined and v_row.declined_at is null then
    update public.participants set declined_at = now(), declined_by = 'coach' where id = v_row.id;
    perform app.audit('consent.decline', v_row.project_id, 'participant', v_row.id::text, jsonb_build_object('by', 'coach'));
  elsif not v_declined and v_row.declined_by = 'participant' then
    perform app.fail('409', 'DECLINED_BY_PARTICIPANT');
  elsif not v_declined and v_row.declined_by = 'coach' then
    update public.participants set declined_at = null, declined_by = null where id = v_row.id;
    perform app.audit('consent.decline_undone', v_row.project_id, 'participant', v_row.id::text, '{}'::jsonb);
  end if;
  return jsonb_build_object('id', v_row.id, 'declined', v_declined);
end
$$;
revoke all on function public.record_decline(jsonb) from public, anon, authenticated;
grant execute on function public.record_decline(jsonb) to authenticated;

-- The participant's own view of their state: code, consent, which questionnaires are submitted,
-- and the project facts the consent form shows (responsible organisation, contact, ethics reference,
-- what happens to sent answers on withdrawal).
create function public.participant_state(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object(
    'code', pa.code, 'status', pa.status,
    'project', jsonb_build_object('name', pr.name, 'organisation', o.name,
                                  'contact', pr.settings -> 'contact', 'ethics_reference', pr.settings -> 'ethics_reference',
                                  'withdrawal_policy', app.effective_withdrawal_policy(pa.id)),
    'consent', app.consent_state(pa.id),
    'submitted', coalesce((select jsonb_agg(jsonb_build_object('survey', r.survey_key, 'occasion', r.occasion))
                           from public.responses r where r.participant_id = pa.id), '[]'::jsonb))
  from public.participants pa
  join public.projects pr on pr.id = pa.project_id
  join public.organisations o on o.id = pr.organisation_id
  where pa.id = app.participant_id()
$$;
revoke all on function public.participant_state(jsonb) from public, anon, authenticated;
grant execute on function public.participant_state(jsonb) to authenticated;
