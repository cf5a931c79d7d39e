-- Participant links: every link the app signs is a row here first, so a link can be revoked
-- before it expires and its trail leads to the staff member who minted it. The link token carries
-- the row's id; app.participant_id() (tenancy migration) refuses a participant whose link is
-- revoked. Minting a link for a participant, survey and occasion revokes the earlier ones, so a
-- link a coach kept stops working once a new one is handed out. Staff never read this table.
-- A link the coach sends or shows as a QR code also has a short id (/l/<id>, 60 random bits):
-- only its SHA-256 is stored, and public.resolve_short_link finds the row it stands for.

create table public.participant_links (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references public.participants(id) on delete cascade,
  survey_key text not null,
  occasion text not null check (occasion in ('start', 'pagaende', 'avslut')),
  -- Who minted it: the coach or admin (a link, a QR code, a hand-over), or the one who made the
  -- short code it was redeemed from.
  minted_by uuid references public.staff(id),
  via text not null check (via in ('link', 'handover', 'short_code')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  -- Withdrawal does not revoke: the link still shows the participant that they have withdrawn.
  revoked_reason text check (revoked_reason in ('replaced', 'handover_return')),
  check ((revoked_at is null) = (revoked_reason is null)),
  short_hash text unique check (short_hash ~ '^[0-9a-f]{64}$')
);
create index participant_links_live_idx on public.participant_links(participant_id, survey_key, occasion)
  where revoked_at is null;

alter table public.participant_links enable row level security;
revoke all on public.participant_links from anon, authenticated;

-- Mints one link (the row; the app signs the token with its id) and revokes the earlier live links
-- for the same participant, survey and occasion. Audited as link.minted with who minted it.
create function app.mint_link(p_participant public.participants, p_survey text, p_occasion text,
                              p_minted_by uuid, p_via text, p_ttl_days int) returns public.participant_links
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_link public.participant_links;
  v_revoked int;
begin
  update public.participant_links set revoked_at = now(), revoked_reason = 'replaced'
  where participant_id = p_participant.id and survey_key = p_survey and occasion = p_occasion and revoked_at is null;
  get diagnostics v_revoked = row_count;
  insert into public.participant_links (participant_id, survey_key, occasion, minted_by, via, expires_at)
  values (p_participant.id, p_survey, p_occasion, p_minted_by, p_via,
          now() + make_interval(days => least(greatest(coalesce(p_ttl_days, 14), 1), 90)))
  returning * into v_link;
  perform app.audit('link.minted', p_participant.project_id, 'participant', p_participant.id::text,
                    jsonb_build_object('link_id', v_link.id, 'minted_by', p_minted_by, 'via', p_via,
                                       'survey', p_survey, 'occasion', p_occasion, 'revoked_links', v_revoked));
  return v_link;
end
$$;
revoke all on function app.mint_link(public.participants, text, text, uuid, text, int) from public, anon, authenticated, service_role;

-- A coach or admin of the participant's project mints a link (or a hand-over) for one survey
-- occasion. The app has checked the survey and occasion against the published definition.
create function public.mint_participant_link(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.participants;
  v_link public.participant_links;
begin
  select * into v_row from public.participants where id = (p ->> 'participant_id')::uuid for update;
  if not found or not app.has_role(v_row.project_id, array['coach', 'admin']) then
    perform app.fail('404', 'PARTICIPANT_NOT_FOUND');
  end if;
  if v_row.status = 'withdrawn' then perform app.fail('409', 'CONSENT_WITHDRAWN'); end if;
  if coalesce(p ->> 'occasion', '') not in ('start', 'pagaende', 'avslut') or coalesce(p ->> 'survey', '') !~ '^[a-z][a-z0-9-]{1,40}$' then
    perform app.fail('400', 'VALIDATION_FAILED');
  end if;
  if coalesce(p ->> 'via', 'link') not in ('link', 'handover') then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  if p ->> 'short_hash' is not null and (p ->> 'short_hash' !~ '^[0-9a-f]{64}$' or p ->> 'via' = 'handover') then
    perform app.fail('400', 'VALIDATION_FAILED');
  end if;
  v_link := app.mint_link(v_row, p ->> 'survey', p ->> 'occasion', app.staff_id(), coalesce(p ->> 'via', 'link'),
                          (p ->> 'ttl_days')::int);
  if p ->> 'short_hash' is not null then
    begin
      update public.participant_links set short_hash = p ->> 'short_hash' where id = v_link.id;
    exception when unique_violation then
      -- The app draws another id (a collision among 2^60 ids); nothing of this call is kept.
      perform app.fail('409', 'CODE_TAKEN');
    end;
  end if;
  return jsonb_build_object('link_id', v_link.id, 'id', v_row.id, 'project_id', v_row.project_id, 'code', v_row.code,
                            'status', v_row.status, 'created_at', v_link.created_at, 'expires_at', v_link.expires_at);
end
$$;

-- The phone is back from a hand-over (the app has checked the coach's password): the handed-over
-- link stops working, and the drafts saved on this phone (its device id's hash) are deleted, so
-- nothing the participant typed can be read back on it.
create function public.end_handover(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_link public.participant_links;
  v_drafts int := 0;
begin
  if app.staff_id() is null then perform app.fail('404', 'NOT_FOUND'); end if;
  update public.participant_links set revoked_at = now(), revoked_reason = 'handover_return'
  where id = (p ->> 'link_id')::uuid and minted_by = app.staff_id() and via = 'handover' and revoked_at is null
  returning * into v_link;
  if p ->> 'device_hash' is not null then
    delete from public.drafts d
    where d.device_hash = p ->> 'device_hash'
      and exists (select 1 from public.participants pa where pa.id = d.participant_id
                  and app.has_role(pa.project_id, array['coach', 'admin']));
    get diagnostics v_drafts = row_count;
  end if;
  if v_link.id is not null then
    perform app.audit('handover.returned', (select project_id from public.participants where id = v_link.participant_id),
                      'participant', v_link.participant_id::text,
                      jsonb_build_object('link_id', v_link.id, 'discarded_drafts', v_drafts));
  end if;
  return jsonb_build_object('revoked', v_link.id is not null, 'discarded_drafts', v_drafts);
end
$$;

-- Opening /l/<id> (system principal: nobody is signed in): the link row whose short id has this
-- hash. A live link returns what the app signs its token from (the row's own times, so the token
-- is the same on every visit); otherwise only why it does not work. An unknown hash and the rows
-- of other participants tell the caller nothing.
create function public.resolve_short_link(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_link public.participant_links;
  v_project uuid;
begin
  if auth.role() is distinct from 'service_role' then perform app.fail('403', 'FORBIDDEN'); end if;
  select * into v_link from public.participant_links where short_hash = p ->> 'short_hash';
  if not found then return jsonb_build_object('state', 'unknown'); end if;
  if v_link.revoked_at is not null then return jsonb_build_object('state', 'revoked'); end if;
  if v_link.expires_at <= now() then return jsonb_build_object('state', 'expired'); end if;
  select project_id into v_project from public.participants where id = v_link.participant_id;
  return jsonb_build_object('state', 'live', 'link_id', v_link.id, 'participant_id', v_link.participant_id,
                            'project_id', v_project, 'survey', v_link.survey_key, 'occasion', v_link.occasion,
                            'created_at', v_link.created_at, 'expires_at', v_link.expires_at);
end
$$;

revoke all on function public.mint_participant_link(jsonb), public.end_handover(jsonb),
  public.resolve_short_link(jsonb) from public, anon, authenticated;
grant execute on function public.mint_participant_link(jsonb), public.end_handover(jsonb) to authenticated;
grant execute on function public.resolve_short_link(jsonb) to service_role;
