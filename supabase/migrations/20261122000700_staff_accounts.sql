-- Staff accounts: the lookups login and the hand-over back to the coach need (system only),
-- account creation, the signed-in staff member's own context, and the one-time demo set-up of an
-- empty installation. Lookups and context carry staff.session_version, which the session token is
-- checked against.

-- Every account with the e-mail address, one per organisation (oldest first): the login checks
-- the password against each and signs in to the one it opens.
create function public.staff_login_lookup(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'password_hash', s.password_hash, 'active', s.active,
                                               'session_version', s.session_version) order by s.created_at, s.id), '[]'::jsonb)
  from public.staff s where s.email = lower(p ->> 'email') and auth.role() = 'service_role'
$$;

create function public.record_login(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
begin
  if auth.role() is distinct from 'service_role' then perform app.fail('403', 'FORBIDDEN'); end if;
  -- No e-mail address is stored for failures: a mistyped address can be someone's private one.
  perform app.audit(case when (p ->> 'success')::boolean then 'login.success' else 'login.failure' end,
                    null, 'staff', p ->> 'staff_id', jsonb_build_object('reason', p ->> 'reason'));
  return '{}'::jsonb;
end
$$;

-- Creates a staff account with project memberships. System only (CLI, first start). The account
-- belongs to the organisation of its projects (all in one organisation) or to p.organisation_id.
create function public.create_staff(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_id uuid;
  v_m jsonb;
  v_orgs uuid[];
begin
  if auth.role() is distinct from 'service_role' then perform app.fail('403', 'FORBIDDEN'); end if;
  v_orgs := array(select distinct pr.organisation_id from jsonb_array_elements(coalesce(p -> 'memberships', '[]'::jsonb)) e
                  join public.projects pr on pr.id = (e ->> 'project_id')::uuid);
  if p ->> 'organisation_id' is not null then v_orgs := array(select distinct unnest(v_orgs || (p ->> 'organisation_id')::uuid)); end if;
  if cardinality(v_orgs) <> 1 then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  begin
    insert into public.staff (organisation_id, email, password_hash, must_change_password)
    values (v_orgs[1], lower(p ->> 'email'), p ->> 'password_hash', coalesce((p ->> 'must_change_password')::boolean, false))
    returning id into v_id;
  exception when unique_violation then
    perform app.fail('409', 'EMAIL_TAKEN');
  end;
  for v_m in select * from jsonb_array_elements(coalesce(p -> 'memberships', '[]'::jsonb)) loop
    if not exists (select 1 from public.projects where id = (v_m ->> 'project_id')::uuid) then
      perform app.fail('404', 'PROJECT_NOT_FOUND');
    end if;
    insert into public.memberships (staff_id, project_id, role)
    values (v_id, (v_m ->> 'project_id')::uuid, v_m ->> 'role');
    perform app.audit('staff.grant_role', (v_m ->> 'project_id')::uuid, 'staff', v_id::text,
                      jsonb_build_object('role', v_m ->> 'role'));
  end loop;
  perform app.audit('staff.create', null, 'staff', v_id::text);
  return jsonb_build_object('id', v_id);
end
$$;

-- The signed-in staff member: account and project roles.
create function public.staff_context(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object(
    'id', s.id, 'email', s.email, 'session_version', s.session_version, 'must_change_password', s.must_change_password,
    'memberships', coalesce((
      select jsonb_agg(jsonb_build_object('project_id', pr.id, 'project_name', pr.name, 'role', m.role)
                       order by pr.name, m.role)
      from public.memberships m join public.projects pr on pr.id = m.project_id
      where m.staff_id = s.id), '[]'::jsonb))
  from public.staff s where s.id = app.staff_id()
$$;

-- Creates an organisation and a project. System only (CLI, first start).
create function public.create_project(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_org uuid := (p ->> 'organisation_id')::uuid;
  v_project uuid;
begin
  if auth.role() is distinct from 'service_role' then perform app.fail('403', 'FORBIDDEN'); end if;
  if v_org is null then
    insert into public.organisations (name) values (p ->> 'organisation_name') returning id into v_org;
  end if;
  insert into public.projects (organisation_id, name, min_group_size, settings)
  values (v_org, p ->> 'name', coalesce((p ->> 'min_group_size')::smallint, 5), coalesce(p -> 'settings', '{}'::jsonb))
  returning id into v_project;
  perform app.audit('project.create', v_project, 'project', v_project::text);
  return jsonb_build_object('organisation_id', v_org, 'project_id', v_project);
end
$$;

-- Whether any staff account exists (first start creates the demo admin only on an empty install).
create function public.installation_state(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object('has_staff', exists (select 1 from public.staff))
  where auth.role() = 'service_role'
$$;

-- The account behind a hand-over, so the coach's own password brings the phone back. System only.
create function public.staff_by_id(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object('id', s.id, 'password_hash', s.password_hash, 'active', s.active, 'session_version', s.session_version)
  from public.staff s where s.id = (p ->> 'id')::uuid and auth.role() = 'service_role'
$$;

-- Signing out ends every session of the account, not just the cookie in this browser: a copied
-- or cached cookie stops working at once (sessions carry the account's session version).
create function public.end_staff_sessions(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_me uuid := app.staff_id();
begin
  if v_me is null then perform app.fail('401', 'UNAUTHENTICATED'); end if;
  update public.staff set session_version = session_version + 1 where id = v_me;
  perform app.audit('login.logout', null, 'staff', v_me::text);
  return '{}'::jsonb;
end
$$;
-- The signed-in staff member replaces their password (the app has checked the current one): other
-- sessions end, and a one-time password's forced change is done. Audited as their own action.
create function public.change_own_password(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_me uuid := app.staff_id();
  v_version integer;
begin
  if v_me is null then perform app.fail('401', 'UNAUTHENTICATED'); end if;
  if coalesce(p ->> 'password_hash', '') not like 'pbkdf2-sha256$%' then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  update public.staff set password_hash = p ->> 'password_hash', must_change_password = false,
                          session_version = session_version + 1
  where id = v_me returning session_version into v_version;
  perform app.audit('staff.password_changed', null, 'staff', v_me::text);
  return jsonb_build_object('session_version', v_version);
end
$$;
revoke all on function public.change_own_password(jsonb) from public, anon, authenticated;
grant execute on function public.change_own_password(jsonb) to authenticated;

revoke all on function public.end_staff_sessions(jsonb) from public, anon, authenticated;
grant execute on function public.end_staff_sessions(jsonb) to authenticated;

revoke all on function public.staff_login_lookup(jsonb), public.record_login(jsonb), public.create_staff(jsonb),
  public.staff_context(jsonb), public.create_project(jsonb), public.installation_state(jsonb)
  from public, anon, authenticated;
grant execute on function public.staff_login_lookup(jsonb), public.record_login(jsonb), public.create_staff(jsonb),
  public.create_project(jsonb), public.installation_state(jsonb) to service_role;
grant execute on function public.staff_context(jsonb) to authenticated;
revoke all on function public.staff_by_id(jsonb) from public, anon, authenticated;
grant execute on function public.staff_by_id(jsonb) to service_role;
