-- Project-scoped administration: an admin edits the projects they administer (and may create one
-- in the same organisation), invites staff with a one-time link, changes their project roles,
-- deactivates them and issues password resets. Every change is audited; the audit log becomes
-- append-only for every role, the table owner included. Admins never reach answers here.

-- Bumped whenever old sessions must stop working (password set or reset, deactivation); the
-- session token carries the version it was signed with.
alter table public.staff add column session_version integer not null default 0;

-- One-time links to set a password: only the SHA-256 of the random token is stored.
create table public.staff_invites (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  staff_id uuid not null references public.staff(id) on delete cascade,
  purpose text not null check (purpose in ('invite', 'reset')),
  created_by uuid references public.staff(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check (expires_at > created_at and expires_at <= created_at + interval '7 days')
);
create index staff_invites_staff_idx on public.staff_invites(staff_id);
alter table public.staff_invites enable row level security;
revoke all on public.staff_invites from anon, authenticated, service_role;

-- Grants already leave out UPDATE and DELETE; the trigger also stops the owner and superusers.
create function app.audit_log_append_only() returns trigger
language plpgsql
as $$
begin
  raise exception using errcode = 'EK409', message = 'AUDIT_APPEND_ONLY';
end
$$;
create trigger audit_log_no_update_or_delete before update or delete on public.audit_log
  for each row execute function app.audit_log_append_only();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function app.audit_log_append_only();

-- The login lookups and the staff context now carry the session version.
create or replace function public.staff_login_lookup(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object('id', s.id, 'password_hash', s.password_hash, 'active', s.active, 'session_version', s.session_version)
  from public.staff s where s.email = lower(p ->> 'email') and auth.role() = 'service_role'
$$;

create or replace function public.staff_by_id(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object('id', s.id, 'password_hash', s.password_hash, 'active', s.active, 'session_version', s.session_version)
  from public.staff s where s.id = (p ->> 'id')::uuid and auth.role() = 'service_role'
$$;

create or replace function public.staff_context(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object(
    'id', s.id, 'email', s.email, 'session_version', s.session_version,
    'memberships', coalesce((
      select jsonb_agg(jsonb_build_object('project_id', pr.id, 'project_name', pr.name, 'role', m.role)
                       order by pr.name, m.role)
      from public.memberships m join public.projects pr on pr.id = m.project_id
      where m.staff_id = s.id), '[]'::jsonb))
  from public.staff s where s.id = app.staff_id()
$$;

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
revoke all on function app.audit_log_append_only(), app.other_active_admins(uuid, uuid), app.require_manageable_staff(uuid),
  app.audit_staff(text, uuid, jsonb) from public, anon, authenticated, service_role;

-- Projects the caller administers, with their settings.
create function public.admin_projects(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object('projects', coalesce(jsonb_agg(jsonb_build_object(
    'id', pr.id, 'name', pr.name, 'organisation_id', pr.organisation_id, 'organisation_name', o.name,
    'min_group_size', pr.min_group_size, 'settings', pr.settings, 'created_at', pr.created_at) order by o.name, pr.name), '[]'::jsonb))
  from public.projects pr join public.organisations o on o.id = pr.organisation_id
  where app.has_role(pr.id, array['admin'])
$$;

-- A new project in an organisation where the caller already administers a project; they become its admin.
create function public.admin_create_project(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_me uuid := app.staff_id();
  v_project uuid;
begin
  if v_me is null or not exists (select 1 from public.projects pr
      where pr.organisation_id = (p ->> 'organisation_id')::uuid and app.has_role(pr.id, array['admin'])) then
    perform app.fail('404', 'PROJECT_NOT_FOUND');
  end if;
  insert into public.projects (organisation_id, name, min_group_size, settings)
  values ((p ->> 'organisation_id')::uuid, p ->> 'name', coalesce((p ->> 'min_group_size')::smallint, 5),
          jsonb_strip_nulls(coalesce(p -> 'settings', '{}'::jsonb)))
  returning id into v_project;
  insert into public.memberships (staff_id, project_id, role) values (v_me, v_project, 'admin');
  perform app.audit('project.created', v_project, 'project', v_project::text);
  perform app.audit('staff.membership_changed', v_project, 'staff', v_me::text, jsonb_build_object('roles', jsonb_build_array('admin')));
  return jsonb_build_object('project_id', v_project);
end
$$;

-- Updates name, minimum group size and settings (merged; a null value removes a key). The audit
-- row names the changed fields only, never their content.
create function public.admin_update_project(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_old public.projects;
  v_new public.projects;
  v_fields jsonb;
begin
  select * into v_old from public.projects where id = (p ->> 'project_id')::uuid for update;
  if not found or not app.has_role(v_old.id, array['admin']) then perform app.fail('404', 'PROJECT_NOT_FOUND'); end if;
  update public.projects
  set name = coalesce(p ->> 'name', name),
      min_group_size = coalesce((p ->> 'min_group_size')::smallint, min_group_size),
      settings = jsonb_strip_nulls(settings || coalesce(p -> 'settings', '{}'::jsonb))
  where id = v_old.id
  returning * into v_new;
  select coalesce(jsonb_agg(f order by f), '[]'::jsonb) into v_fields from (
    select 'name' as f where v_old.name is distinct from v_new.name
    union all select 'min_group_size' where v_old.min_group_size is distinct from v_new.min_group_size
    union all select 'settings.' || k from (
      select jsonb_object_keys(v_old.settings) as k union select jsonb_object_keys(v_new.settings)) keys
    where v_old.settings -> k is distinct from v_new.settings -> k) changed;
  if jsonb_array_length(v_fields) > 0 then
    perform app.audit('project.updated', v_old.id, 'project', v_old.id::text, jsonb_build_object('fields', v_fields));
  end if;
  return jsonb_build_object('project_id', v_old.id, 'changed', v_fields);
end
$$;

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
-- password: an existing account keeps its own.
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
  select * into v_staff from public.staff where email = lower(p ->> 'email') for update;
  if not found then
    insert into public.staff (email, password_hash) values (lower(p ->> 'email'), '!invited') returning * into v_staff;
    v_created := true;
  end if;
  for v_m in select * from jsonb_array_elements(p -> 'memberships') loop
    insert into public.memberships (staff_id, project_id, role)
    values (v_staff.id, (v_m ->> 'project_id')::uuid, v_m ->> 'role') on conflict do nothing;
  end loop;
  v_issue := v_staff.password_hash not like 'pbkdf2-sha256$%';
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

-- The account behind an unused, unexpired link (system only: the page is public).
create function public.invite_lookup(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object('email', s.email, 'purpose', i.purpose)
  from public.staff_invites i join public.staff s on s.id = i.staff_id and s.active
  where i.token_hash = p ->> 'token_hash' and i.used_at is null and i.expires_at > now()
    and auth.role() = 'service_role'
$$;

-- Uses a link once: sets the password and ends every older session. System only.
create function public.accept_invite(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_invite public.staff_invites;
  v_staff public.staff;
  v_project uuid;
begin
  if auth.role() is distinct from 'service_role' then perform app.fail('403', 'FORBIDDEN'); end if;
  if coalesce(p ->> 'password_hash', '') not like 'pbkdf2-sha256$%' then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  update public.staff_invites set used_at = now()
  where token_hash = p ->> 'token_hash' and used_at is null and expires_at > now()
  returning * into v_invite;
  if not found then perform app.fail('404', 'INVITE_INVALID'); end if;
  update public.staff set password_hash = p ->> 'password_hash', session_version = session_version + 1
  where id = v_invite.staff_id and active
  returning * into v_staff;
  if not found then perform app.fail('404', 'INVITE_INVALID'); end if;
  -- The person acts here, through the link: recorded as their own action.
  for v_project in select distinct project_id from public.memberships where staff_id = v_staff.id loop
    insert into public.audit_log (actor_kind, actor_id, action, project_id, target_type, target_id, details)
    values ('staff', v_staff.id, 'staff.password_set', v_project, 'staff', v_staff.id::text,
            jsonb_build_object('purpose', v_invite.purpose));
  end loop;
  return jsonb_build_object('staff_id', v_staff.id, 'email', v_staff.email, 'session_version', v_staff.session_version);
end
$$;

-- The audit log as an admin sees it: rows of the projects they administer, logins of their staff
-- and their own actions, newest first, keyset-paged on id. Participants appear only as a kind:
-- their ids are never returned. `export` records the download itself.
create function public.admin_audit_log(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_me uuid := app.staff_id();
  v_limit integer := least(greatest(coalesce((p ->> 'limit')::int, 100), 1), 1000);
  v_admin uuid[];
  v_project uuid := (p ->> 'project_id')::uuid;
  v_actor uuid;
  v_rows jsonb;
begin
  if v_me is null then perform app.fail('404', 'NOT_FOUND'); end if;
  v_admin := array(select distinct m.project_id from public.memberships m where m.staff_id = v_me and m.role = 'admin');
  if v_project is not null and not v_project = any (v_admin) then perform app.fail('404', 'PROJECT_NOT_FOUND'); end if;
  if p ->> 'actor_email' is not null then
    v_actor := coalesce((select id from public.staff where email = lower(p ->> 'actor_email')), '00000000-0000-0000-0000-000000000000');
  end if;
  if coalesce((p ->> 'export')::boolean, false) then
    perform app.audit('audit.exported', v_project, 'audit_log', null, jsonb_build_object('filters',
      (select coalesce(jsonb_agg(k order by k), '[]'::jsonb) from jsonb_object_keys(p) k
       where k in ('from', 'to', 'action', 'actor_email', 'project_id') and p ->> k is not null)));
  end if;
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', a.id, 'at', a.at, 'actor_kind', a.actor_kind,
    'actor_email', case when a.actor_kind = 'staff' then (select s.email from public.staff s where s.id = a.actor_id) end,
    'action', a.action, 'project_id', a.project_id,
    'project_name', (select pr.name from public.projects pr where pr.id = a.project_id),
    'target_type', a.target_type,
    'target_id', case when a.target_type = 'participant' then null else a.target_id end,
    'details', a.details) order by a.id desc), '[]'::jsonb)
  into v_rows
  from (
    select * from public.audit_log a
    where (a.project_id = any (v_admin)
           or (a.actor_kind = 'staff' and a.actor_id = v_me)
           or (a.project_id is null and a.target_type = 'staff' and a.target_id in (
                 select m.staff_id::text from public.memberships m where m.project_id = any (v_admin)))
           -- Definitions are shared by every project and managed by any admin: so is their history.
           or (a.project_id is null and a.target_type = 'survey_definition' and cardinality(v_admin) > 0))
      and (p ->> 'before' is null or a.id < (p ->> 'before')::bigint)
      and (p ->> 'from' is null or a.at >= (p ->> 'from')::date)
      and (p ->> 'to' is null or a.at < (p ->> 'to')::date + 1)
      and (p ->> 'action' is null or starts_with(a.action, p ->> 'action'))
      and (v_project is null or a.project_id = v_project)
      and (v_actor is null or (a.actor_kind = 'staff' and a.actor_id = v_actor))
    order by a.id desc
    limit v_limit + 1
  ) a;
  return jsonb_build_object(
    'rows', coalesce((select jsonb_agg(r order by n) from jsonb_array_elements(v_rows) with ordinality e(r, n) where n <= v_limit), '[]'::jsonb),
    'next', case when jsonb_array_length(v_rows) > v_limit then v_rows -> (v_limit - 1) -> 'id' end);
end
$$;

revoke all on function public.admin_projects(jsonb), public.admin_create_project(jsonb), public.admin_update_project(jsonb),
  public.admin_staff(jsonb), public.admin_invite_staff(jsonb), public.admin_set_membership(jsonb),
  public.admin_set_staff_active(jsonb), public.admin_issue_password_reset(jsonb), public.invite_lookup(jsonb),
  public.accept_invite(jsonb), public.admin_audit_log(jsonb) from public, anon, authenticated;
grant execute on function public.admin_projects(jsonb), public.admin_create_project(jsonb), public.admin_update_project(jsonb),
  public.admin_staff(jsonb), public.admin_invite_staff(jsonb), public.admin_set_membership(jsonb),
  public.admin_set_staff_active(jsonb), public.admin_issue_password_reset(jsonb), public.admin_audit_log(jsonb) to authenticated;
grant execute on function public.invite_lookup(jsonb), public.accept_invite(jsonb), public.admin_invite_staff(jsonb) to service_role;
