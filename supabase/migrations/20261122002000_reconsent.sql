-- Re-consent: a project can require participants to consent again when the consent text gets a
-- new published version (projects.settings.requireReconsent). Participants who consented to an
-- older version keep that consent otherwise. While a renewal is due, the participant is asked
-- for it and nothing is collected (drafts or submissions); the coach sees "nytt samtycke behövs".
-- Renewing ends the old consent row as renewed (renewed_by = the new row), never as withdrawn.

alter table public.consents add column renewed_by uuid references public.consents(id) deferrable initially deferred;

-- 'withdrawn' | 'missing' | 'renew' | 'given' for one participant.
create function app.consent_state(p_participant uuid) returns text
language sql stable security definer set search_path = public, pg_temp
as $$
  select case
    when pa.status = 'withdrawn' then 'withdrawn'
    when c.id is null then 'missing'
    when coalesce(pr.settings ->> 'requireReconsent', 'false') = 'true' and exists (
      select 1 from public.survey_definitions newer
      where newer.key = d.key and newer.kind = 'consent' and newer.status = 'published' and newer.version > d.version)
    then 'renew'
    else 'given' end
  from public.participants pa
  join public.projects pr on pr.id = pa.project_id
  left join public.consents c on c.participant_id = pa.id and c.withdrawn_at is null
  left join public.survey_definitions d on d.id = c.definition_id
  where pa.id = p_participant
$$;
revoke all on function app.consent_state(uuid) from public, anon, authenticated;

-- A renewal is not a withdrawal: drafts stay.
drop trigger consents_withdraw_deletes_drafts on public.consents;
create trigger consents_withdraw_deletes_drafts after update of withdrawn_at on public.consents
  for each row when (old.withdrawn_at is null and new.withdrawn_at is not null and new.renewed_by is null)
  execute function app.delete_withdrawn_drafts();

create or replace function public.give_consent(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_participant public.participants;
  v_def public.survey_definitions;
  v_row public.consents;
  v_old_version int;
  v_new uuid;
  v_renewed boolean := false;
begin
  select * into v_participant from public.participants where id = app.participant_id() for update;
  if not found then perform app.fail('404', 'PARTICIPANT_NOT_FOUND'); end if;
  if v_participant.status = 'withdrawn' then perform app.fail('409', 'CONSENT_WITHDRAWN'); end if;
  select * into v_def from public.survey_definitions
  where id = (p ->> 'definition_id')::uuid and kind = 'consent' and status = 'published';
  if not found then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  v_row := app.active_consent(v_participant.id);
  if v_row.id is not null then
    select version into v_old_version from public.survey_definitions
    where id = v_row.definition_id and key = v_def.key;
    -- Consent to the same or an older text again: nothing changes.
    if v_old_version is null or v_old_version >= v_def.version then
      return jsonb_build_object('id', v_row.id, 'given_at', v_row.given_at, 'created', false);
    end if;
    -- Consent to a newer text: the old consent ends as renewed (not withdrawn), the new one starts.
    v_new := gen_random_uuid();
    update public.consents set withdrawn_at = now(), renewed_by = v_new where id = v_row.id;
    v_renewed := true;
  end if;
  insert into public.consents (id, participant_id, definition_id, method, answers)
  values (coalesce(v_new, gen_random_uuid()), v_participant.id, v_def.id, coalesce(p ->> 'method', 'self'), coalesce(p -> 'answers', '{}'::jsonb))
  returning * into v_row;
  perform app.audit(case when v_renewed then 'consent.renew' else 'consent.give' end, v_participant.project_id, 'participant', v_participant.id::text,
                    jsonb_build_object('definition', v_def.key, 'version', v_def.version, 'method', v_row.method));
  return jsonb_build_object('id', v_row.id, 'given_at', v_row.given_at, 'created', true);
end
$$;


create or replace function public.save_draft(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_claims jsonb := app.claims();
  v_participant public.participants;
  v_definition uuid := (p ->> 'definition_id')::uuid;
  v_page int := (p ->> 'page')::int;
  v_answers jsonb := p -> 'answers';
  v_updated timestamptz;
begin
  -- FOR UPDATE conflicts with the FOR KEY SHARE lock that inserting a response takes on this row
  -- (its foreign key), and with withdraw_consent's own FOR UPDATE: a save racing a submission or a
  -- withdrawal waits for it and then refuses, so no draft outlives either.
  select * into v_participant from public.participants where id = app.participant_id() for update;
  if not found then perform app.fail('404', 'PARTICIPANT_NOT_FOUND'); end if;
  if v_participant.status = 'withdrawn' then perform app.fail('409', 'CONSENT_WITHDRAWN'); end if;
  if (app.active_consent(v_participant.id)).id is null then perform app.fail('422', 'CONSENT_REQUIRED'); end if;
  if app.consent_state(v_participant.id) = 'renew' then perform app.fail('422', 'CONSENT_RENEWAL_REQUIRED'); end if;
  if not exists (
    select 1 from public.survey_definitions d
    where d.id = v_definition and d.kind = 'survey' and d.status = 'published'
      and d.key = v_claims ->> 'survey' and d.meta -> 'occasions' ? (v_claims ->> 'occasion')
  ) then
    perform app.fail('404', 'DEFINITION_NOT_FOUND');
  end if;
  if jsonb_typeof(v_answers) is distinct from 'object' then perform app.fail('400', 'ANSWERS_INVALID'); end if;
  if v_page is null or v_page not between 0 and 999 then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  if exists (
    select 1 from public.responses r
    where r.participant_id = v_participant.id and r.survey_key = v_claims ->> 'survey' and r.occasion = v_claims ->> 'occasion'
  ) then
    perform app.fail('409', 'ALREADY_SUBMITTED');
  end if;

  insert into public.drafts (participant_id, survey_key, occasion, definition_id, answers, page)
  values (v_participant.id, v_claims ->> 'survey', v_claims ->> 'occasion', v_definition, v_answers, v_page)
  on conflict (participant_id, survey_key, occasion) do update
    set definition_id = excluded.definition_id, answers = excluded.answers, page = excluded.page, updated_at = now()
  returning updated_at into v_updated;
  return jsonb_build_object('updated_at', v_updated);
end
$$;


create or replace function public.submit_response(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_claims jsonb := app.claims();
  v_id uuid := (p ->> 'id')::uuid;
  v_definition uuid := (p ->> 'definition_id')::uuid;
  v_answers jsonb := p -> 'answers';
  v_participant uuid;
  v_project uuid;
  v_status text;
  v_consented boolean;
  v_reconsent boolean;
  v_key text;
  v_scored jsonb;
  v_row public.responses;
  v_bad boolean;
  v_scores smallint[];
  v_submitted timestamptz;
begin
  -- One lookup for the participant, their consent and an earlier submission under this id.
  select pa.id, pa.project_id, pa.status,
         exists (select 1 from public.consents c where c.participant_id = pa.id and c.withdrawn_at is null),
         coalesce(pr.settings ->> 'requireReconsent', 'false') = 'true'
  into v_participant, v_project, v_status, v_consented, v_reconsent
  from public.participants pa join public.projects pr on pr.id = pa.project_id
  where pa.id = (v_claims ->> 'sub')::uuid and v_claims ->> 'kind' = 'participant';
  if v_participant is null then perform app.fail('404', 'PARTICIPANT_NOT_FOUND'); end if;

  -- A retry of a stored submission is answered from what is stored.
  select * into v_row from public.responses where id = v_id;
  if found then
    if v_row.participant_id = v_participant and v_row.definition_id = v_definition then
      return jsonb_build_object('id', v_row.id, 'submitted_at', v_row.submitted_at, 'created', false);
    end if;
    perform app.fail('409', 'RESPONSE_ID_CONFLICT');
  end if;

  if v_status = 'withdrawn' then perform app.fail('409', 'CONSENT_WITHDRAWN'); end if;
  if not v_consented then perform app.fail('422', 'CONSENT_REQUIRED'); end if;
  -- Only projects that require it look for a newer consent text (the common path stays one lookup).
  if v_reconsent and app.consent_state(v_participant) = 'renew' then perform app.fail('422', 'CONSENT_RENEWAL_REQUIRED'); end if;

  -- Only the key and the scored items: the SurveyJS JSON itself is large and not needed here.
  select d.key, d.meta -> 'scored' into v_key, v_scored
  from public.survey_definitions d
  where d.id = v_definition and d.kind = 'survey' and d.status = 'published'
    and d.meta -> 'occasions' ? (v_claims ->> 'occasion');
  if v_key is null or v_key <> v_claims ->> 'survey' then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  if jsonb_typeof(v_answers) is distinct from 'object' then perform app.fail('400', 'ANSWERS_INVALID'); end if;

  -- Defence in depth: the app validated the answers already; the scale is enforced here too.
  -- One pass over the scored items gives both the verdict and the scores array (NULL = missing).
  select coalesce(bool_or(t.bad), false), coalesce(array_agg(t.value order by t.ord), '{}')
  into v_bad, v_scores
  from (
    select x.ord,
           a.v is not null and not coalesce(x.s -> 'missing', '[]'::jsonb) @> jsonb_build_array(a.v) as scored,
           case when a.v is null or coalesce(x.s -> 'missing', '[]'::jsonb) @> jsonb_build_array(a.v) then false
                when jsonb_typeof(a.v) <> 'number' then true
                else (a.v #>> '{}')::numeric % 1 <> 0
                     or (a.v #>> '{}')::numeric not between (x.s ->> 'min')::int and (x.s ->> 'max')::int end as bad,
           a.v
    from jsonb_array_elements(v_scored) with ordinality x(s, ord), lateral (select v_answers -> (x.s ->> 'name') as v) a
  ) t0, lateral (select t0.ord, t0.bad, case when t0.scored and not t0.bad then (t0.v #>> '{}')::smallint end as value) t;
  if v_bad then perform app.fail('422', 'ANSWER_OUT_OF_RANGE'); end if;

  -- on conflict covers both the id (a concurrent retry) and one response per participant,
  -- survey and occasion, without the cost of an exception block.
  insert into public.responses (id, participant_id, project_id, definition_id, survey_key, occasion, answers, scores, derived)
  values (v_id, v_participant, v_project, v_definition, v_key, v_claims ->> 'occasion', v_answers, v_scores,
          coalesce(p -> 'derived', '{}'::jsonb))
  on conflict do nothing
  returning submitted_at into v_submitted;
  if v_submitted is null then
    select * into v_row from public.responses where id = v_id and participant_id = v_participant;
    if found then
      return jsonb_build_object('id', v_row.id, 'submitted_at', v_row.submitted_at, 'created', false);
    end if;
    perform app.fail('409', 'ALREADY_SUBMITTED');
  end if;

  return jsonb_build_object('id', v_id, 'submitted_at', v_submitted, 'created', true);
end
$$;


create or replace function public.coach_participants(p jsonb) returns jsonb
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
      'submitted', coalesce((select jsonb_agg(jsonb_build_object('survey', r.survey_key, 'occasion', r.occasion,
                                                               'submitted_at', r.submitted_at) order by r.submitted_at)
                             from public.responses r where r.participant_id = pa.id), '[]'::jsonb))
      order by pa.enrolled_at desc)
    from public.participants pa where pa.project_id = v_project), '[]'::jsonb);
end
$$;

create or replace function public.participant_state(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object(
    'code', pa.code, 'status', pa.status,
    'project', jsonb_build_object('name', pr.name, 'organisation', o.name,
                                  'contact', pr.settings -> 'contact', 'ethics_reference', pr.settings -> 'ethics_reference'),
    'consent', app.consent_state(pa.id),
    'submitted', coalesce((select jsonb_agg(jsonb_build_object('survey', r.survey_key, 'occasion', r.occasion))
                           from public.responses r where r.participant_id = pa.id), '[]'::jsonb))
  from public.participants pa
  join public.projects pr on pr.id = pa.project_id
  join public.organisations o on o.id = pr.organisation_id
  where pa.id = app.participant_id()
$$;
