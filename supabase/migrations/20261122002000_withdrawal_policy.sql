-- Withdrawal policy (issue 8): what happens to the answers a participant has already sent when
-- they withdraw consent. projects.settings.withdrawalPolicy:
--   'erase' (the default): their responses are deleted in the same transaction as the withdrawal;
--   'keep': their responses stay (the project's ethics approval and consent text allow it).
-- Either way nothing more is collected, drafts (answers not yet sent) and short codes are deleted,
-- and what is left is the minimal trace: the participant row (status 'withdrawn', register data),
-- the consent rows (given_at, withdrawn_at: the record of what the processing rested on) and one
-- audit row 'consent.withdraw' with the policy applied and how many responses were erased.

alter table public.projects add constraint projects_withdrawal_policy_valid
  check (settings -> 'withdrawalPolicy' is null or settings ->> 'withdrawalPolicy' in ('keep', 'erase'));

-- The one definition of the default.
create function app.withdrawal_policy(p_settings jsonb) returns text
language sql immutable
as $$ select coalesce(p_settings ->> 'withdrawalPolicy', 'erase') $$;

-- The participant page also tells what happens to sent answers on withdrawal (consent text and
-- withdrawal page). Otherwise as in 20261122001000_coach_overview.sql.
create or replace function public.participant_state(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object(
    'code', pa.code, 'status', pa.status,
    'project', jsonb_build_object('name', pr.name, 'organisation', o.name,
                                  'contact', pr.settings -> 'contact', 'ethics_reference', pr.settings -> 'ethics_reference',
                                  'withdrawal_policy', app.withdrawal_policy(pr.settings)),
    'consent', app.consent_state(pa.id),
    'submitted', coalesce((select jsonb_agg(jsonb_build_object('survey', r.survey_key, 'occasion', r.occasion))
                           from public.responses r where r.participant_id = pa.id), '[]'::jsonb))
  from public.participants pa
  join public.projects pr on pr.id = pa.project_id
  join public.organisations o on o.id = pr.organisation_id
  where pa.id = app.participant_id()
$$;

-- Withdraws consent and applies the project's policy, all in one transaction under the lock on the
-- participant row: a submission or draft save racing it either commits first (and is erased or
-- kept with the rest) or waits and is then refused. Withdrawing again changes nothing.
create or replace function public.withdraw_consent(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_participant public.participants;
  v_policy text;
  v_erased int := 0;
  v_drafts int := 0;
begin
  select * into v_participant from public.participants where id = app.participant_id() for update;
  if not found then perform app.fail('404', 'PARTICIPANT_NOT_FOUND'); end if;
  if v_participant.status = 'withdrawn' then
    select l.details ->> 'policy' into v_policy from public.audit_log l
    where l.project_id = v_participant.project_id and l.action = 'consent.withdraw' and l.target_id = v_participant.id::text
    order by l.id desc limit 1;
    return jsonb_build_object('withdrawn', true, 'created', false, 'policy', v_policy, 'erased', 0);
  end if;
  select app.withdrawal_policy(pr.settings) into v_policy from public.projects pr where pr.id = v_participant.project_id;

  -- Answers not yet sent are never kept (the consents trigger would delete them too; counted here).
  delete from public.drafts where participant_id = v_participant.id;
  get diagnostics v_drafts = row_count;
  update public.consents set withdrawn_at = now()
  where participant_id = v_participant.id and withdrawn_at is null;
  update public.participants set status = 'withdrawn' where id = v_participant.id;
  -- A code handed out for a later questionnaire has nothing left to open.
  delete from public.short_codes where participant_id = v_participant.id;
  if v_policy = 'erase' then
    -- The counter trigger on responses takes each row out of the research counts.
    delete from public.responses where participant_id = v_participant.id;
    get diagnostics v_erased = row_count;
  end if;
  perform app.audit('consent.withdraw', v_participant.project_id, 'participant', v_participant.id::text,
                    jsonb_build_object('policy', v_policy, 'erased_responses', v_erased, 'discarded_drafts', v_drafts));
  return jsonb_build_object('withdrawn', true, 'created', true, 'policy', v_policy, 'erased', v_erased);
end
$$;
revoke all on function public.withdraw_consent(jsonb) from public, anon, authenticated;
grant execute on function public.withdraw_consent(jsonb) to authenticated;

-- submit_response as in 20261122000600_responses.sql with two changes: the participant row is
-- locked FOR KEY SHARE (the lock the insert's foreign key takes anyway, taken first), so a
-- submission racing a withdrawal waits for it and then sees status 'withdrawn'; and a withdrawn
-- participant is refused before a retry is looked up, so an old client uuid collects nothing
-- either (under 'erase' the stored response is gone; under 'keep' it is not handed back).
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
  where pa.id = (v_claims ->> 'sub')::uuid and v_claims ->> 'kind' = 'participant'
  for key share of pa;
  if v_participant is null then perform app.fail('404', 'PARTICIPANT_NOT_FOUND'); end if;
  if v_status = 'withdrawn' then perform app.fail('409', 'CONSENT_WITHDRAWN'); end if;

  -- A retry of a stored submission is answered from what is stored.
  select * into v_row from public.responses where id = v_id;
  if found then
    if v_row.participant_id = v_participant and v_row.definition_id = v_definition then
      return jsonb_build_object('id', v_row.id, 'submitted_at', v_row.submitted_at, 'created', false);
    end if;
    perform app.fail('409', 'RESPONSE_ID_CONFLICT');
  end if;

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
