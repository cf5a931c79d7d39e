-- Exit registration (date, reason, occupation at exit: outcome figures), the project settings
-- coaches need for the schedule, and short codes a participant can type instead of a link.

-- Registers the exit: date, reason and occupation at exit. Avslut and exit-WAI become due.
create function public.register_exit(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.participants;
  v_before public.participants;
  v_exit timestamptz := (p ->> 'exited_on')::date::timestamptz;
begin
  select * into v_row from public.participants where id = (p ->> 'participant_id')::uuid for update;
  if not found or not app.has_role(v_row.project_id, array['coach', 'admin']) then
    perform app.fail('404', 'PARTICIPANT_NOT_FOUND');
  end if;
  if v_exit is null or v_exit < date_trunc('day', v_row.enrolled_at) or v_exit > now() + interval '1 day' then
    perform app.fail('422', 'EXIT_DATE_INVALID');
  end if;
  v_before := v_row;
  update public.participants
  set exited_at = greatest(v_exit, enrolled_at), exit_reason = p ->> 'reason', occupation_exit = p ->> 'occupation',
      status = case when status = 'withdrawn' then status else 'exited' end
  where id = v_row.id
  returning * into v_row;
  -- Saving again corrects the exit: audited as a correction, with what it replaced.
  if v_before.exited_at is null then
    perform app.audit('participant.exit', v_row.project_id, 'participant', v_row.id::text,
                      jsonb_build_object('reason', v_row.exit_reason));
  else
    perform app.audit('participant.exit_corrected', v_row.project_id, 'participant', v_row.id::text,
                      jsonb_build_object('reason', v_row.exit_reason, 'previous_reason', v_before.exit_reason,
                                         'previous_occupation', v_before.occupation_exit,
                                         'date_changed', v_before.exited_at is distinct from v_row.exited_at));
  end if;
  return jsonb_build_object('id', v_row.id, 'exited_at', v_row.exited_at, 'status', v_row.status);
end
$$;

-- The schedule settings of a project, for its coaches, researchers and admins.
create function public.project_settings(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object('id', pr.id, 'name', pr.name, 'min_group_size', pr.min_group_size, 'settings', pr.settings)
  from public.projects pr
  where pr.id = (p ->> 'project_id')::uuid and app.has_role(pr.id, array['coach', 'admin', 'researcher'])
$$;

-- Short codes: 8 characters a participant types at /k instead of opening a long link. Only a
-- hash is stored; each code works once and expires.
create table public.short_codes (
  code_hash text primary key check (code_hash ~ '^[0-9a-f]{64}$'),
  participant_id uuid not null references public.participants(id) on delete cascade,
  survey_key text not null,
  occasion text not null check (occasion in ('start', 'pagaende', 'avslut')),
  created_by uuid references public.staff(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check (expires_at > created_at and expires_at <= created_at + interval '1 day')
);
create index short_codes_participant_idx on public.short_codes(participant_id);
alter table public.short_codes enable row level security;
revoke all on public.short_codes from anon, authenticated;

create function public.create_short_code(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_participant public.participants;
  v_expires timestamptz := now() + make_interval(mins => least(greatest(coalesce((p ->> 'ttl_minutes')::int, 30), 5), 1440));
begin
  select * into v_participant from public.participants where id = (p ->> 'participant_id')::uuid;
  if not found or not app.has_role(v_participant.project_id, array['coach', 'admin']) then
    perform app.fail('404', 'PARTICIPANT_NOT_FOUND');
  end if;
  if v_participant.status = 'withdrawn' then perform app.fail('409', 'CONSENT_WITHDRAWN'); end if;
  begin
    insert into public.short_codes (code_hash, participant_id, survey_key, occasion, created_by, expires_at)
    values (p ->> 'code_hash', v_participant.id, p ->> 'survey', p ->> 'occasion', app.staff_id(), v_expires);
  exception when unique_violation then
    perform app.fail('409', 'CODE_TAKEN');
  end;
  return jsonb_build_object('expires_at', v_expires);
end
$$;

-- Redeems a short code once (system principal: the /k page is used before anyone is signed in)
-- and mints the link it becomes, in the name of the staff member who made the code
-- (app.mint_link, participant_links migration): earlier links for the questionnaire stop working.
-- short_hash: the hash of the short id the page then opens (/l/<id>), so no token enters the
-- phone's address bar; CODE_TAKEN (nothing kept) if another link has it.
create function public.redeem_short_code(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_code public.short_codes;
  v_participant public.participants;
  v_link uuid;
begin
  if auth.role() is distinct from 'service_role' then perform app.fail('403', 'FORBIDDEN'); end if;
  update public.short_codes set used_at = now()
  where code_hash = p ->> 'code_hash' and used_at is null and expires_at > now()
  returning * into v_code;
  if not found then perform app.fail('404', 'SHORT_CODE_INVALID'); end if;
  select * into v_participant from public.participants where id = v_code.participant_id and status <> 'withdrawn' for update;
  if not found then perform app.fail('404', 'SHORT_CODE_INVALID'); end if;
  v_link := (app.mint_link(v_participant, v_code.survey_key, v_code.occasion, v_code.created_by, 'short_code',
                           (p ->> 'ttl_days')::int)).id;
  if p ->> 'short_hash' is not null then
    if p ->> 'short_hash' !~ '^[0-9a-f]{64}$' then perform app.fail('400', 'VALIDATION_FAILED'); end if;
    begin
      update public.participant_links set short_hash = p ->> 'short_hash' where id = v_link;
    exception when unique_violation then
      perform app.fail('409', 'CODE_TAKEN');
    end;
  end if;
  return jsonb_build_object('participant_id', v_code.participant_id, 'project_id', v_participant.project_id,
                            'survey', v_code.survey_key, 'occasion', v_code.occasion, 'link_id', v_link);
end
$$;

revoke all on function public.register_exit(jsonb), public.project_settings(jsonb), public.create_short_code(jsonb),
  public.redeem_short_code(jsonb) from public, anon, authenticated;
grant execute on function public.register_exit(jsonb), public.project_settings(jsonb), public.create_short_code(jsonb) to authenticated;
grant execute on function public.redeem_short_code(jsonb) to service_role;
