-- Drafts: the answers a participant has given so far on one questionnaire, saved as they answer,
-- so the link resumes at the same page on the same device. A draft belongs to the device that
-- saved it: the app keeps a random device id in an HttpOnly cookie and passes its SHA-256 as the
-- `device` claim; a draft is returned only to a request carrying the same hash, so a link alone
-- (a coach's copy, a forwarded message) never reads back what was typed. One draft per
-- participant, survey, occasion and device. Every draft of a questionnaire is deleted in the same
-- transaction as the submission it turns into, and all of them when consent is withdrawn. Staff
-- never see drafts: no grants, no policies; only the participant's own functions below read or
-- write them (and end_handover deletes those saved on the coach's phone).

create table public.drafts (
  participant_id uuid not null references public.participants(id) on delete cascade,
  survey_key text not null,
  occasion text not null check (occasion in ('start', 'pagaende', 'avslut')),
  definition_id uuid not null references public.survey_definitions(id),
  answers jsonb not null check (jsonb_typeof(answers) = 'object'),
  -- SurveyJS's current page number (0-based) to resume at.
  page smallint not null default 0 check (page between 0 and 999),
  updated_at timestamptz not null default now(),
  -- SHA-256 (hex) of the device id in the saving browser's cookie; the id itself is never stored.
  device_hash text not null check (device_hash ~ '^[0-9a-f]{64}$'),
  primary key (participant_id, survey_key, occasion, device_hash)
);
create index drafts_device_idx on public.drafts(device_hash);

alter table public.drafts enable row level security;
revoke all on public.drafts from anon, authenticated;

-- Saves (replaces) the draft for the survey and occasion of the participant's link. The app has
-- already checked the answers against the definition (leniently: no required questions).
create function public.save_draft(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_claims jsonb := app.claims();
  v_participant public.participants;
  v_definition uuid := (p ->> 'definition_id')::uuid;
  v_page int := (p ->> 'page')::int;
  v_answers jsonb := p -> 'answers';
  v_device text := v_claims ->> 'device';
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
    select 1 from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
    where d.id = v_definition and d.kind = 'survey' and d.status = 'published' and pr.id = v_participant.project_id
      and d.key = v_claims ->> 'survey' and d.meta -> 'occasions' ? (v_claims ->> 'occasion')
  ) then
    perform app.fail('404', 'DEFINITION_NOT_FOUND');
  end if;
  if jsonb_typeof(v_answers) is distinct from 'object' then perform app.fail('400', 'ANSWERS_INVALID'); end if;
  if v_page is null or v_page not between 0 and 999 then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  if v_device is null or v_device !~ '^[0-9a-f]{64}$' then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  if exists (
    select 1 from public.responses r
    where r.participant_id = v_participant.id and r.survey_key = v_claims ->> 'survey' and r.occasion = v_claims ->> 'occasion'
  ) then
    perform app.fail('409', 'ALREADY_SUBMITTED');
  end if;

  insert into public.drafts (participant_id, survey_key, occasion, definition_id, answers, page, device_hash)
  values (v_participant.id, v_claims ->> 'survey', v_claims ->> 'occasion', v_definition, v_answers, v_page, v_device)
  on conflict (participant_id, survey_key, occasion, device_hash) do update
    set definition_id = excluded.definition_id, answers = excluded.answers, page = excluded.page, updated_at = now()
  returning updated_at into v_updated;
  -- A few devices per questionnaire are plenty; the oldest drafts beyond them go.
  delete from public.drafts d
  where d.participant_id = v_participant.id and d.survey_key = v_claims ->> 'survey' and d.occasion = v_claims ->> 'occasion'
    and d.device_hash not in (
      select k.device_hash from public.drafts k
      where k.participant_id = v_participant.id and k.survey_key = v_claims ->> 'survey' and k.occasion = v_claims ->> 'occasion'
      order by k.updated_at desc, k.device_hash limit 3);
  return jsonb_build_object('updated_at', v_updated);
end
$$;

-- What the participant page starts from: participant_state plus this device's draft for the
-- link's survey and occasion (null when there is none, or it was saved on another device).
create function public.participant_session(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select public.participant_state(p) || jsonb_build_object('draft', (
    select jsonb_build_object('definition_id', d.definition_id, 'answers', d.answers, 'page', d.page, 'updated_at', d.updated_at)
    from public.drafts d
    where d.participant_id = app.participant_id()
      and d.survey_key = app.claims() ->> 'survey' and d.occasion = app.claims() ->> 'occasion'
      and d.device_hash = app.claims() ->> 'device'))
$$;

revoke all on function public.save_draft(jsonb), public.participant_session(jsonb) from public, anon, authenticated;
grant execute on function public.save_draft(jsonb), public.participant_session(jsonb) to authenticated;

-- A submission replaces its draft, in the same transaction as the insert.
create function app.delete_submitted_draft() returns trigger
language plpgsql security definer set search_path = public, pg_temp
as $$
begin
  delete from public.drafts
  where participant_id = new.participant_id and survey_key = new.survey_key and occasion = new.occasion;
  return null;
end
$$;
create trigger responses_delete_draft after insert on public.responses
  for each row execute function app.delete_submitted_draft();

-- Withdrawn consent: answers not yet submitted are not kept.
create function app.delete_withdrawn_drafts() returns trigger
language plpgsql security definer set search_path = public, pg_temp
as $$
begin
  delete from public.drafts where participant_id = new.participant_id;
  return null;
end
$$;
-- A renewal (re-consent) is not a withdrawal: drafts stay.
create trigger consents_withdraw_deletes_drafts after update of withdrawn_at on public.consents
  for each row when (old.withdrawn_at is null and new.withdrawn_at is not null and new.renewed_by is null)
  execute function app.delete_withdrawn_drafts();
revoke all on function app.delete_submitted_draft(), app.delete_withdrawn_drafts() from public, anon, authenticated;
