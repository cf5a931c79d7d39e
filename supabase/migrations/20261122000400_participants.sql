-- Participants: a random uuid and a pseudonym code, nothing else that could identify a person.

create table public.participants (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects(id),
  -- Crockford base32, 8 characters (7 random + 1 check), stored without the hyphen.
  code text not null unique check (code ~ '^[0-9A-HJKMNP-TV-Z]{8}$'),
  status text not null default 'active' check (status in ('active', 'exited', 'withdrawn')),
  enrolled_at timestamptz not null default now(),
  exited_at timestamptz,
  enrolled_by uuid references public.staff(id),
  -- Register data the coach may record; they feed the outcome figures.
  started_on date,
  referral text check (referral in ('af', 'ifo', 'fk', 'varden', 'annan')),
  occupation_start text check (occupation_start in
    ('arbete_osubventionerad', 'arbete_subventionerad', 'studier', 'praktik', 'arbetssokande', 'sjukskriven', 'forsorjningsstod', 'annat')),
  exit_reason text check (exit_reason in
    ('arbete', 'studier', 'fortsatt_rehabilitering', 'ohalsa', 'flytt', 'ej_kontaktbar', 'annat')),
  occupation_exit text check (occupation_exit in
    ('arbete_osubventionerad', 'arbete_subventionerad', 'studier', 'praktik', 'arbetssokande', 'sjukskriven', 'forsorjningsstod', 'annat')),
  -- Register data for the funder's and the national follow-up's counts (never shown next to
  -- answers): gender as the participant states it, and a broad age band (never a birth date).
  gender text check (gender in ('kvinna', 'man', 'annat', 'vill_inte_ange')),
  age_band text check (age_band in ('16_29', '30_49', '50_64', '65_plus')),
  -- "Vill inte delta": consent declined, by the participant on the consent page or recorded by a
  -- coach. A consent state, never an answer; cleared when consent is given.
  declined_at timestamptz,
  declined_by text check (declined_by in ('participant', 'coach')),
  check ((declined_at is null) = (declined_by is null)),
  check (exited_at is null or exited_at >= enrolled_at),
  constraint participants_exit_complete check ((exited_at is null) = (exit_reason is null))
);
create index participants_project_idx on public.participants(project_id, enrolled_at);

alter table public.participants enable row level security;
revoke all on public.participants from anon, authenticated;
create policy "coaches and admins read participants of their projects" on public.participants
  for select to authenticated
  using (app.has_role(project_id, array['coach', 'admin']));
create policy "participants read their own record" on public.participants
  for select to authenticated
  using (id = app.participant_id());
grant select on public.participants to authenticated;

-- The register data every enrolment records: gender and age band, each one of its codes (the
-- column checks say the same; this names the error before anything is written).
create function app.check_register_data(p jsonb) returns void
language plpgsql set search_path = public, pg_temp
as $$
begin
  if p ->> 'gender' is null or p ->> 'gender' not in ('kvinna', 'man', 'annat', 'vill_inte_ange')
     or p ->> 'age_band' is null or p ->> 'age_band' not in ('16_29', '30_49', '50_64', '65_plus') then
    perform app.fail('422', 'REGISTER_DATA_INVALID');
  end if;
end
$$;
revoke all on function app.check_register_data(jsonb) from public, anon, authenticated, service_role;

-- Enrols a participant under a code the app generated (it owns the check-character logic), with
-- gender and age band (required) and optional register data. The audit entry names no values.
create function public.enrol_participant(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_project uuid := (p ->> 'project_id')::uuid;
  v_row public.participants;
begin
  if v_project is null or not app.has_role(v_project, array['coach', 'admin']) then
    perform app.fail('404', 'PROJECT_NOT_FOUND');
  end if;
  perform app.check_register_data(p);
  begin
    insert into public.participants (project_id, code, enrolled_by, started_on, referral, occupation_start, gender, age_band)
    values (v_project, p ->> 'code', app.staff_id(), (p ->> 'started_on')::date, p ->> 'referral', p ->> 'occupation_start',
            p ->> 'gender', p ->> 'age_band')
    returning * into v_row;
  exception when unique_violation then
    perform app.fail('409', 'CODE_TAKEN');
  end;
  perform app.audit('participant.enrol', v_project, 'participant', v_row.id::text);
  return jsonb_build_object('id', v_row.id, 'project_id', v_row.project_id, 'code', v_row.code,
                            'status', v_row.status, 'enrolled_at', v_row.enrolled_at);
end
$$;

-- Gender and age band of one participant, for the register-data form of the project's coaches
-- and admins (null: not recorded, e.g. enrolled before they were asked).
create function public.participant_register(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_row public.participants;
begin
  select * into v_row from public.participants where id = (p ->> 'participant_id')::uuid;
  if not found or not app.has_role(v_row.project_id, array['coach', 'admin']) then
    perform app.fail('404', 'PARTICIPANT_NOT_FOUND');
  end if;
  return jsonb_build_object('id', v_row.id, 'project_id', v_row.project_id, 'code', v_row.code,
                            'gender', v_row.gender, 'age_band', v_row.age_band);
end
$$;

-- Corrects gender and age band. Audited with the names of the fields that changed, never their
-- values (the log is read by every admin of the project; it needs no more than that).
create function public.update_participant_register(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.participants;
  v_changed text[];
begin
  select * into v_row from public.participants where id = (p ->> 'participant_id')::uuid for update;
  if not found or not app.has_role(v_row.project_id, array['coach', 'admin']) then
    perform app.fail('404', 'PARTICIPANT_NOT_FOUND');
  end if;
  perform app.check_register_data(p);
  v_changed := array_remove(array[
    case when v_row.gender is distinct from p ->> 'gender' then 'gender' end,
    case when v_row.age_band is distinct from p ->> 'age_band' then 'age_band' end], null);
  if cardinality(v_changed) > 0 then
    update public.participants set gender = p ->> 'gender', age_band = p ->> 'age_band' where id = v_row.id;
    perform app.audit('participant.register_changed', v_row.project_id, 'participant', v_row.id::text,
                      jsonb_build_object('fields', to_jsonb(v_changed)));
  end if;
  return jsonb_build_object('id', v_row.id, 'changed', to_jsonb(v_changed));
end
$$;

-- What a coach may know about one participant in order to hand out a survey link.
create function public.participant_for_link(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_row public.participants;
begin
  select * into v_row from public.participants where id = (p ->> 'participant_id')::uuid;
  if not found or not app.has_role(v_row.project_id, array['coach', 'admin']) then
    perform app.fail('404', 'PARTICIPANT_NOT_FOUND');
  end if;
  if v_row.status = 'withdrawn' then
    perform app.fail('409', 'CONSENT_WITHDRAWN');
  end if;
  -- The exit as registered (the day in Swedish time), so the coach can check or correct it.
  return jsonb_build_object('id', v_row.id, 'project_id', v_row.project_id, 'code', v_row.code,
                            'status', v_row.status,
                            'exited_on', (v_row.exited_at at time zone 'Europe/Stockholm')::date,
                            'exit_reason', v_row.exit_reason, 'occupation_exit', v_row.occupation_exit);
end
$$;

revoke all on function public.enrol_participant(jsonb), public.participant_for_link(jsonb),
  public.participant_register(jsonb), public.update_participant_register(jsonb) from public, anon, authenticated;
grant execute on function public.enrol_participant(jsonb), public.participant_for_link(jsonb),
  public.participant_register(jsonb), public.update_participant_register(jsonb) to authenticated;
