-- Consent: given by the participant (alone or with a coach's help), withdrawable at any time.

create table public.consents (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references public.participants(id) on delete cascade,
  definition_id uuid not null references public.survey_definitions(id),
  method text not null check (method in ('self', 'with_coach')),
  answers jsonb not null check (jsonb_typeof(answers) = 'object'),
  given_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  -- Set when the consent ended because the participant consented to a newer consent text
  -- (re-consent); such a row is not a withdrawal.
  renewed_by uuid references public.consents(id) deferrable initially deferred,
  -- The project's withdrawal policy when this consent was given: what the participant agreed to
  -- (see app.effective_withdrawal_policy). 'erase' unless the project had chosen 'keep'.
  withdrawal_policy text not null default 'erase' check (withdrawal_policy in ('keep', 'erase')),
  -- The participant language the consent text was shown in (src/participant/i18n/locales.ts);
  -- NULL when not recorded.
  locale text check (locale in ('sv', 'sv-x-ll', 'en', 'ar', 'so', 'ti', 'prs', 'fa')),
  check (withdrawn_at is null or withdrawn_at >= given_at)
);
-- At most one active consent per participant; the plain index serves lookups and cascades.
create unique index consents_one_active_idx on public.consents(participant_id) where withdrawn_at is null;
create index consents_participant_idx on public.consents(participant_id);
-- Serves the renewed_by foreign key: without it every deleted consent scans the table (erasing
-- a million participants took over ten minutes in bench/export.ts).
create index consents_renewed_by_idx on public.consents(renewed_by) where renewed_by is not null;

alter table public.consents enable row level security;
revoke all on public.consents from anon, authenticated;
create policy "participants read their own consents" on public.consents
  for select to authenticated
  using (participant_id = app.participant_id());
grant select on public.consents to authenticated;

create function app.active_consent(p_participant uuid) returns public.consents
language sql stable security definer set search_path = public, pg_temp
as $$
  select * from public.consents where participant_id = p_participant and withdrawn_at is null
$$;
revoke all on function app.active_consent(uuid) from public, anon, authenticated, service_role;

-- Re-consent: a project can require participants to consent again when the consent text gets a
-- new published version (projects.settings.requireReconsent). Participants who consented to an
-- older version keep that consent otherwise. While a renewal is due, nothing is collected (drafts
-- or submissions) and the participant is asked again; the coach sees "nytt samtycke behövs".

-- 'withdrawn' | 'missing' | 'renew' | 'given' for one participant.
create function app.consent_state(p_participant uuid) returns text
language sql stable security definer set search_path = public, pg_temp
as $$
  select case
    when pa.status = 'withdrawn' then 'withdrawn'
    when c.id is null then 'missing'
    when coalesce(pr.settings ->> 'requireReconsent', 'false') = 'true' and exists (
      select 1 from public.survey_definitions newer
      where newer.organisation_id = d.organisation_id and newer.key = d.key and newer.kind = 'consent' and newer.status = 'published' and newer.version > d.version)
    then 'renew'
    else 'given' end
  from public.participants pa
  join public.projects pr on pr.id = pa.project_id
  left join public.consents c on c.participant_id = pa.id and c.withdrawn_at is null
  left join public.survey_definitions d on d.id = c.definition_id
  where pa.id = p_participant
$$;
revoke all on function app.consent_state(uuid) from public, anon, authenticated;

-- Records consent to a published consent definition. Repeating it is harmless.
create function public.give_consent(p jsonb) returns jsonb
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
  if p ->> 'locale' is not null and p ->> 'locale' not in ('sv', 'sv-x-ll', 'en', 'ar', 'so', 'ti', 'prs', 'fa') then
    perform app.fail('400', 'VALIDATION_FAILED');
  end if;
  -- Only a consent text of the participant's own organisation.
  select d.* into v_def from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
  where d.id = (p ->> 'definition_id')::uuid and d.kind = 'consent' and d.status = 'published'
    and pr.id = v_participant.project_id;
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
  insert into public.consents (id, participant_id, definition_id, method, answers, withdrawal_policy, locale)
  select coalesce(v_new, gen_random_uuid()), v_participant.id, v_def.id, coalesce(p ->> 'method', 'self'),
         coalesce(p -> 'answers', '{}'::jsonb), app.withdrawal_policy(pr.settings), p ->> 'locale'
  from public.projects pr where pr.id = v_participant.project_id
  returning * into v_row;
  -- Someone who said "vill inte delta" and then consents has changed their mind.
  update public.participants set declined_at = null, declined_by = null
  where id = v_participant.id and declined_at is not null;
  perform app.audit(case when v_renewed then 'consent.renew' else 'consent.give' end, v_participant.project_id, 'participant', v_participant.id::text,
                    jsonb_build_object('definition', v_def.key, 'version', v_def.version, 'method', v_row.method));
  return jsonb_build_object('id', v_row.id, 'given_at', v_row.given_at, 'created', true);
end
$$;

-- Withdrawal policy: what happens to the answers a participant has already sent when
-- they withdraw consent. projects.settings.withdrawalPolicy:
--   'erase' (the default): their responses are deleted in the same transaction as the withdrawal;
--   'keep': their responses stay (the project's ethics approval and consent text allow it).
-- Either way nothing more is collected, drafts (answers not yet sent) and short codes are deleted,
-- and what is left is the minimal trace: the participant row (status 'withdrawn', register data),
-- the consent rows (given_at, withdrawn_at: the record of what the processing rested on) and one
-- audit row 'consent.withdraw' with the policy applied and how many responses were erased.
-- The allowed values are checked by projects_withdrawal_policy_valid (tenancy migration).

-- The one definition of the default.
create function app.withdrawal_policy(p_settings jsonb) returns text
language sql immutable set search_path = public, pg_temp
as $$ select coalesce(p_settings ->> 'withdrawalPolicy', 'erase') $$;
revoke all on function app.withdrawal_policy(jsonb) from public, anon, authenticated;

-- The policy a withdrawal applies to this participant: the stricter of what they agreed to and
-- what the project says now. A project that switches from 'erase' to 'keep' cannot keep the answers
-- of someone who consented under 'erase' (nor under any earlier consent text they renewed); a switch
-- to 'erase' applies to everyone at once, because erasing is what protects them.
create function app.effective_withdrawal_policy(p_participant uuid) returns text
language sql stable security definer set search_path = public, pg_temp
as $$
  select case when app.withdrawal_policy(pr.settings) = 'erase'
                or exists (select 1 from public.consents c where c.participant_id = pa.id and c.withdrawal_policy = 'erase')
              then 'erase' else 'keep' end
  from public.participants pa join public.projects pr on pr.id = pa.project_id
  where pa.id = p_participant
$$;
revoke all on function app.effective_withdrawal_policy(uuid) from public, anon, authenticated;

-- Withdraws consent and applies the participant's policy, all in one transaction under the lock on the
-- participant row: a submission or draft save racing it either commits first (and is erased or
-- kept with the rest) or waits and is then refused. Withdrawing again changes nothing.
create function public.withdraw_consent(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_participant public.participants;
  v_policy text;
  v_erased int := 0;
  v_drafts int := 0;
  v_link record;
begin
  select * into v_participant from public.participants where id = app.participant_id() for update;
  if not found then perform app.fail('404', 'PARTICIPANT_NOT_FOUND'); end if;
  -- The link used (participant_links migration): the audit row names who minted it.
  select l.id, l.minted_by, l.via into v_link from public.participant_links l
  where l.id::text = app.claims() ->> 'link' and l.participant_id = v_participant.id;
  if v_participant.status = 'withdrawn' then
    select l.details ->> 'policy' into v_policy from public.audit_log l
    where l.project_id = v_participant.project_id and l.action = 'consent.withdraw' and l.target_id = v_participant.id::text
    order by l.id desc limit 1;
    return jsonb_build_object('withdrawn', true, 'created', false, 'policy', v_policy, 'erased', 0);
  end if;
  v_policy := app.effective_withdrawal_policy(v_participant.id);

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
                    jsonb_build_object('policy', v_policy, 'erased_responses', v_erased, 'discarded_drafts', v_drafts,
                                       'link_id', v_link.id, 'link_minted_by', v_link.minted_by, 'link_via', v_link.via));
  return jsonb_build_object('withdrawn', true, 'created', true, 'policy', v_policy, 'erased', v_erased);
end
$$;

-- "Jag vill inte delta" on the consent page: recorded, so that the coach sees it and does not ask
-- again. Only before consent (afterwards it is a withdrawal); repeating it changes nothing, and
-- giving consent later clears it.
create function public.decline_consent(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_participant public.participants;
begin
  select * into v_participant from public.participants where id = app.participant_id() for update;
  if not found then perform app.fail('404', 'PARTICIPANT_NOT_FOUND'); end if;
  if v_participant.status = 'withdrawn' then perform app.fail('409', 'CONSENT_WITHDRAWN'); end if;
  if (app.active_consent(v_participant.id)).id is not null then
    perform app.fail('409', 'CONSENT_ALREADY_GIVEN');
  end if;
  if v_participant.declined_at is not null then
    return jsonb_build_object('declined', true, 'created', false);
  end if;
  update public.participants set declined_at = now(), declined_by = 'participant' where id = v_participant.id;
  perform app.audit('consent.decline', v_participant.project_id, 'participant', v_participant.id::text,
                    jsonb_build_object('by', 'participant'));
  return jsonb_build_object('declined', true, 'created', true);
end
$$;
revoke all on function public.give_consent(jsonb), public.withdraw_consent(jsonb), public.decline_consent(jsonb)
  from public, anon, authenticated;
grant execute on function public.give_consent(jsonb), public.withdraw_consent(jsonb), public.decline_consent(jsonb)
  to authenticated;
