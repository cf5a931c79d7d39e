-- Staff administration, scoped to projects: an admin sees the staff of the projects they
-- administer, invites staff with a one-time link (staff invites), changes their project roles,
-- deactivates them and issues password resets. A project always keeps an active admin, and an
-- account that also belongs to a project the caller does not administer is out of reach. Every
-- change is audited.

-- Admins of a project other than p_staff who can still sign in.
create function app.other_active_admins(p_project uuid, p_staff uuid) returns integer
language sql stable security definer set search_path = public, pg_temp
as $$
  select count(*)::int from public.memberships m join public.staff s on s.id = m.staff_id and s.active
  where m.project_id = p_project and m.role = 'admin' and m.staff_id <> p_staff
$$;

-- The caller may manage an account only when it belongs to a project they administer (else 404)
-- and to no project they do not administer (else an admin could take over another project's account).
create function app.require_manageable_staff(p_staff uuid) returns void
language plpgsql security definer set search_path = public, pg_temp
as $$
begin
  if p_staff is null or not exists (select 1 from public.memberships m
      where m.staff_id = p_staff and app.has_role(m.project_id, array['admin'])) then
    perform app.fail('404', 'ACCOUNT_NOT_FOUND');
  end if;
  if exists (select 1 from public.memberships m where m.staff_id = p_staff and not app.has_role(m.project_id, array['admin'])) then
    perform app.fail('409', 'STAFF_OUTSIDE_SCOPE');
  end if;
end
$$;

-- One audit row per project the account belongs to, so each project's admins see it.
create function app.audit_staff(p_action text, p_staff uuid, p_details jsonb default '{}'::jsonb) returns void
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_project uuid;
begin
  for v_project in select distinct m.project_id from public.memberships m where m.staff_id = p_staff loop
    perform app.audit(p_action, v_project, 'staff', p_staff::text, p_details);
  end loop;
end
$$;

-- Called only from the security definer functions below (as their owner): no role gets them,
-- so nobody can write audit rows of their choosing through them.
revoke all on function app.other_active_admins(uuid, uuid), app.require_manageable_staff(uuid),
  app.audit_staff(text, uuid, jsonb) from public, anon, authenticated, service_role;

-- Staff of the projects the caller administers, with their roles in those projects only.
create function public.admin_staff(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object('staff', coalesce(jsonb_agg(row order by row ->> 'email'), '[]'::jsonb)) from (
    select jsonb_build_object(
      'id', s.id, 'email', s.email, 'active', s.active,
      'has_password', s.password_hash like 'pbkdf2-sha256$%',
      'invite_expires_at', (select max(i.expires_at) from public.staff_invites i
                            where i.staff_id = s.id and i.used_at is null and i.expires_at > now()),
      'memberships', (select jsonb_agg(jsonb_build_object('project_id', m.project_id, 'project_name', pr.name, 'role', m.role)
                                       order by pr.name, m.role)
                      from public.memberships m join public.projects pr on pr.id = m.project_id
                      where m.staff_id = s.id and app.has_role(m.project_id, array['admin'])),
      'other_projects', exists (select 1 from public.memberships m
                                where m.staff_id = s.id and not app.has_role(m.project_id, array['admin']))) as row
    from public.staff s
    where exists (select 1 from public.memberships m where m.staff_id = s.id and app.has_role(m.project_id, array['admin']))
  ) rows
$$;

-- Creates the account (or finds it) with roles in projects the caller administers (or any
-- project, for the system: the CLI). A one-time link is stored only for an account without a
-- password: an existing account keeps its own. An account that also belongs to a project the
-- caller does not administer never gets a new link from this caller: replacing its pending invite
-- or reset link would hand the account (and that project) to the caller.
create function public.admin_invite_staff(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_me uuid := app.staff_id();
  v_staff public.staff;
  v_created boolean := false;
  v_issue boolean;
  v_m jsonb;
  v_project uuid;
  v_expires timestamptz := now() + interval '7 days';
  v_system boolean := auth.role() = 'service_role';
  v_outside boolean;
  v_orgs uuid[];
begin
  if (v_me is null and not v_system) or jsonb_array_length(coalesce(p -> 'memberships', '[]'::jsonb)) = 0 then
    perform app.fail('400', 'VALIDATION_FAILED');
  end if;
  for v_m in select * from jsonb_array_elements(p -> 'memberships') loop
    if not (case when v_system then exists (select 1 from public.projects where id = (v_m ->> 'project_id')::uuid)
                 else app.has_role((v_m ->> 'project_id')::uuid, array['admin']) end) then
      perform app.fail('404', 'PROJECT_NOT_FOUND');
    end if;
  end loop;
  -- Accounts belong to one organisation: the e-mail is looked up (or the account created) in the
  -- organisation of the projects only, so the answer says nothing about other organisations.
  v_orgs := array(select distinct pr.organisation_id from jsonb_array_elements(p -> 'memberships') e
                  join public.projects pr on pr.id = (e ->> 'project_id')::uuid);
  if cardinality(v_orgs) <> 1 then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  select * into v_staff from public.staff where organisation_id = v_orgs[1] and email = lower(p ->> 'email') for update;
  if not found then
    insert into public.staff (organisation_id, email, password_hash) values (v_orgs[1], lower(p ->> 'email'), '!invited')
    returning * into v_staff;
    v_created := true;
  end if;
  v_outside := not v_system and exists (select 1 from public.memberships m
                                        where m.staff_id = v_staff.id and not app.has_role(m.project_id, array['admin']));
  for v_m in select * from jsonb_array_elements(p -> 'memberships') loop
    insert into public.memberships (staff_id, project_id, role)
    values (v_staff.id, (v_m ->> 'project_id')::uuid, v_m ->> 'role') on conflict do nothing;
  end loop;
  v_issue := v_staff.password_hash not like 'pbkdf2-sha256$%' and not v_outside;
  if v_issue then
    delete from public.staff_invites where staff_id = v_staff.id and used_at is null;
    insert into public.staff_invites (token_hash, staff_id, purpose, created_by, expires_at)
    values (p ->> 'token_hash', v_staff.id, 'invite', v_me, v_expires);
  end if;
  for v_project in select distinct (e ->> 'project_id')::uuid from jsonb_array_elements(p -> 'memberships') e loop
    if v_issue then perform app.audit('staff.invited', v_project, 'staff', v_staff.id::text); end if;
    perform app.audit('staff.membership_changed', v_project, 'staff', v_staff.id::text, jsonb_build_object('roles',
      (select jsonb_agg(m.role order by m.role) from public.memberships m where m.staff_id = v_staff.id and m.project_id = v_project)));
  end loop;
  return jsonb_build_object('staff_id', v_staff.id, 'created', v_created, 'invite', v_issue,
                            'expires_at', case when v_issue then v_expires end);
end
$$;

-- Sets the roles of an account in one project the caller administers. The last admin stays.
create function public.admin_set_membership(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_project uuid := (p ->> 'project_id')::uuid;
  v_staff uuid := (p ->> 'staff_id')::uuid;
  v_roles text[] := array(select jsonb_array_elements_text(coalesce(p -> 'roles', '[]'::jsonb)));
  v_old text[];
  v_new text[];
begin
  if not app.has_role(v_project, array['admin']) then perform app.fail('404', 'PROJECT_NOT_FOUND'); end if;
  if not exists (select 1 from public.memberships m where m.staff_id = v_staff and app.has_role(m.project_id, array['admin'])) then
    perform app.fail('404', 'ACCOUNT_NOT_FOUND');
  end if;
  v_old := array(select role from public.memberships where staff_id = v_staff and project_id = v_project order by role);
  if 'admin' = any (v_old) and not 'admin' = any (v_roles) and app.other_active_admins(v_project, v_staff) = 0 then
    perform app.fail('409', 'LAST_ADMIN');
  end if;
  delete from public.memberships where staff_id = v_staff and project_id = v_project and role <> all (v_roles);
  insert into public.memberships (staff_id, project_id, role) select v_staff, v_project, r from unnest(v_roles) r
  on conflict do nothing;
  v_new := array(select role from public.memberships where staff_id = v_staff and project_id = v_project order by role);
  if v_new is distinct from v_old then
    perform app.audit('staff.membership_changed', v_project, 'staff', v_staff::text, jsonb_build_object('roles', to_jsonb(v_new)));
  end if;
  return jsonb_build_object('roles', to_jsonb(v_new), 'changed', v_new is distinct from v_old);
end
$$;

-- Deactivates (sessions stop at once) or reactivates an account. Not oneself; not a project's last admin.
create function public.admin_set_staff_active(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_staff uuid := (p ->> 'staff_id')::uuid;
  v_active boolean := (p ->> 'active')::boolean;
  v_was boolean;
begin
  if v_active is null then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  perform app.require_manageable_staff(v_staff);
  if not v_active and v_staff = app.staff_id() then perform app.fail('409', 'CANNOT_DEACTIVATE_SELF'); end if;
  if not v_active and exists (select 1 from public.memberships m where m.staff_id = v_staff and m.role = 'admin'
                              and app.other_active_admins(m.project_id, v_staff) = 0) then
    perform app.fail('409', 'LAST_ADMIN');
  end if;
  select active into v_was from public.staff where id = v_staff for update;
  if v_was is distinct from v_active then
    update public.staff set active = v_active, session_version = session_version + 1 where id = v_staff;
    perform app.audit_staff(case when v_active then 'staff.reactivated' else 'staff.deactivated' end, v_staff);
  end if;
  return jsonb_build_object('active', v_active, 'changed', v_was is distinct from v_active);
end
$$;

-- Issues a one-time link to set a new password. The old password and all sessions stop working now.
create function public.admin_issue_password_reset(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_staff uuid := (p ->> 'staff_id')::uuid;
  v_expires timestamptz := now() + interval '7 days';
begin
  perform app.require_manageable_staff(v_staff);
  update public.staff
  set password_hash = case when password_hash like 'pbkdf2-sha256$%' then '!reset' else password_hash end,
      session_version = session_version + 1
  where id = v_staff;
  delete from public.staff_invites where staff_id = v_staff and used_at is null;
  insert into public.staff_invites (token_hash, staff_id, purpose, created_by, expires_at)
  values (p ->> 'token_hash', v_staff, 'reset', app.staff_id(), v_expires);
  perform app.audit_staff('staff.password_reset_issued', v_staff);
  return jsonb_build_object('expires_at', v_expires);
end
$$;

revoke all on function public.admin_staff(jsonb), public.admin_invite_staff(jsonb), public.admin_set_membership(jsonb),
  public.admin_set_staff_active(jsonb), public.admin_issue_password_reset(jsonb) from public, anon, authenticated;
grant execute on function public.admin_staff(jsonb), public.admin_invite_staff(jsonb), public.admin_set_membership(jsonb),
  public.admin_set_staff_active(jsonb), public.admin_issue_password_reset(jsonb) to authenticated;
grant execute on function public.admin_invite_staff(jsonb) to service_role;
