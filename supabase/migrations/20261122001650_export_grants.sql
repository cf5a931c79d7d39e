-- Row-level export grants (issue 5). Only staff an admin has granted it may export rows: the
-- grant is the permission, not the role, so an admin needs a grant too. The exports themselves
-- are in the row_export migration that follows.

create table public.export_grants (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects(id) on delete cascade,
  staff_id uuid not null references public.staff(id) on delete cascade,
  -- Free-text answers can identify people: out of the export unless the admin includes them.
  include_free_text boolean not null default false,
  -- NULL when granted by the system (the staff CLI).
  granted_by uuid references public.staff(id),
  granted_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references public.staff(id),
  check (revoked_at is null or revoked_at >= granted_at)
);
create unique index export_grants_one_active_idx on public.export_grants(project_id, staff_id) where revoked_at is null;
create index export_grants_staff_idx on public.export_grants(staff_id);

alter table public.export_grants enable row level security;
-- No policies and no grants: the table is reached only through the functions below.
revoke all on public.export_grants from anon, authenticated;

-- The staff member a grant is about: given by id or e-mail, a researcher or admin of the project.
-- Separation of duties: never the granting admin themselves (409 EXPORT_GRANT_SELF), never a
-- coach of the project (409 ROLE_CONFLICT): a coach knows who answered when, and rows carry the day.
create function app.export_grant_target(p_project uuid, p jsonb) returns uuid
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_staff uuid;
begin
  select s.id into v_staff from public.staff s
  where (s.id = (p ->> 'staff_id')::uuid or s.email = lower(p ->> 'staff_email')) and s.active
    and exists (select 1 from public.memberships m
                where m.staff_id = s.id and m.project_id = p_project and m.role in ('researcher', 'admin'));
  if v_staff is null then perform app.fail('404', 'STAFF_NOT_FOUND'); end if;
  if v_staff = app.staff_id() then perform app.fail('409', 'EXPORT_GRANT_SELF'); end if;
  if exists (select 1 from public.memberships m where m.staff_id = v_staff and m.project_id = p_project and m.role = 'coach') then
    perform app.fail('409', 'ROLE_CONFLICT');
  end if;
  return v_staff;
end
$$;
revoke all on function app.export_grant_target(uuid, jsonb) from public;

-- Admins of the project (or the system, for the staff CLI) may grant and revoke; anyone else is
-- told the project does not exist.
create function app.export_grant_admin(p_project uuid) returns void
language plpgsql stable security definer set search_path = public, pg_temp
as $$
begin
  if p_project is null or not (app.has_role(p_project, array['admin']) or auth.role() = 'service_role')
     or not exists (select 1 from public.projects where id = p_project) then
    perform app.fail('404', 'PROJECT_NOT_FOUND');
  end if;
end
$$;
revoke all on function app.export_grant_admin(uuid) from public;

-- Grants row-level export in one project to one researcher or admin. Granting again with another
-- free-text choice replaces the active grant; granting the same again changes nothing.
create function public.grant_row_export(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_project uuid := (p ->> 'project_id')::uuid;
  v_free boolean := coalesce((p ->> 'include_free_text')::boolean, false);
  v_staff uuid;
  v_old public.export_grants;
  v_row public.export_grants;
begin
  perform app.export_grant_admin(v_project);
  v_staff := app.export_grant_target(v_project, p);

  select * into v_old from public.export_grants
  where project_id = v_project and staff_id = v_staff and revoked_at is null for update;
  if found and v_old.include_free_text = v_free then
    return jsonb_build_object('id', v_old.id, 'staff_id', v_staff, 'include_free_text', v_free,
                              'granted_at', v_old.granted_at, 'created', false);
  end if;
  if found then
    update public.export_grants set revoked_at = now(), revoked_by = app.staff_id() where id = v_old.id;
  end if;
  insert into public.export_grants (project_id, staff_id, include_free_text, granted_by)
  values (v_project, v_staff, v_free, app.staff_id())
  returning * into v_row;
  perform app.audit('export_grant.created', v_project, 'staff', v_staff::text,
                    jsonb_build_object('include_free_text', v_free, 'replaces', v_old.id));
  return jsonb_build_object('id', v_row.id, 'staff_id', v_staff, 'include_free_text', v_free,
                            'granted_at', v_row.granted_at, 'created', true);
end
$$;

create function public.revoke_row_export(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_project uuid := (p ->> 'project_id')::uuid;
  v_staff uuid;
  v_id uuid;
begin
  perform app.export_grant_admin(v_project);
  -- A grant outlives a removed membership, so the target is looked up without the role check.
  select s.id into v_staff from public.staff s
  where (s.id = (p ->> 'staff_id')::uuid or s.email = lower(p ->> 'staff_email'))
    and s.organisation_id = (select organisation_id from public.projects where id = v_project);
  update public.export_grants set revoked_at = now(), revoked_by = app.staff_id()
  where project_id = v_project and staff_id = v_staff and revoked_at is null
  returning id into v_id;
  if v_id is null then perform app.fail('404', 'EXPORT_GRANT_NOT_FOUND'); end if;
  perform app.audit('export_grant.revoked', v_project, 'staff', v_staff::text);
  return jsonb_build_object('id', v_id, 'revoked', true);
end
$$;

-- Active grants of a project, for its admins.
create function public.row_export_grants(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_project uuid := (p ->> 'project_id')::uuid;
begin
  perform app.export_grant_admin(v_project);
  return jsonb_build_object('grants', coalesce((
    select jsonb_agg(jsonb_build_object('staff_id', s.id, 'email', s.email, 'include_free_text', g.include_free_text,
                                        'granted_at', g.granted_at) order by s.email)
    from public.export_grants g join public.staff s on s.id = g.staff_id
    where g.project_id = v_project and g.revoked_at is null), '[]'::jsonb));
end
$$;

-- The caller's own active grant in a project (for showing the download link), or granted: false.
-- A grant counts only while its holder still sees the project's figures (a researcher or admin who
-- is not its coach).
create function app.my_export_grant(p_project uuid) returns public.export_grants
language sql stable security definer set search_path = public, pg_temp
as $$
  select g.* from public.export_grants g
  where g.project_id = p_project and g.staff_id = app.staff_id() and g.revoked_at is null
    and app.sees_figures(p_project)
$$;
revoke all on function app.my_export_grant(uuid) from public;

create function public.row_export_grant(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_grant public.export_grants := app.my_export_grant((p ->> 'project_id')::uuid);
begin
  return jsonb_build_object('granted', v_grant.id is not null, 'include_free_text', coalesce(v_grant.include_free_text, false));
end
$$;

revoke all on function public.grant_row_export(jsonb), public.revoke_row_export(jsonb), public.row_export_grants(jsonb),
  public.row_export_grant(jsonb) from public, anon, authenticated;
grant execute on function public.grant_row_export(jsonb), public.revoke_row_export(jsonb), public.row_export_grants(jsonb)
  to authenticated, service_role;
grant execute on function public.row_export_grant(jsonb) to authenticated;
