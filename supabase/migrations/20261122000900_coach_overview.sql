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
    select jsonb_agg(jsonb_build_object(
      'id', pa.id, 'code', pa.code, 'status', pa.status, 'enrolled_at', pa.enrolled_at,
      'exited_at', pa.exited_at, 'started_on', pa.started_on, 'referral', pa.referral,
      'occupation_start', pa.occupation_start, 'exit_reason', pa.exit_reason, 'occupation_exit', pa.occupation_exit,
      'consent', app.consent_state(pa.id),
      -- Whether gender or age band is missing (the values stay on the register-data form).
      'register_missing', pa.gender is null or pa.age_band is null,
      -- The day, never the time: a coach who knows when a participant answered to the minute could
      -- match that answer in figures that change with it.
      'submitted', coalesce((select jsonb_agg(jsonb_build_object('survey', r.survey_key, 'occasion', r.occasion,
                                                               'submitted_on', (r.submitted_at at time zone 'Europe/Stockholm')::date)
                                              order by r.submitted_at)
                             from public.responses r where r.participant_id = pa.id), '[]'::jsonb))
      order by pa.enrolled_at desc)
    from public.participants pa where pa.project_id = v_project), '[]'::jsonb);
end
$$;
revoke all on function public.coach_participants(jsonb) from public, anon, authenticated;
grant execute on function public.coach_participants(jsonb) to authenticated;

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
