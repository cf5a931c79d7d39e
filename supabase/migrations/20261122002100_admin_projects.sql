-- Project administration: an admin edits the projects they administer (and may create one in the
-- same organisation). Every change is audited, naming the changed fields only. Admins never reach
-- answers here.

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

revoke all on function public.admin_projects(jsonb), public.admin_create_project(jsonb), public.admin_update_project(jsonb)
  from public, anon, authenticated;
grant execute on function public.admin_projects(jsonb), public.admin_create_project(jsonb), public.admin_update_project(jsonb)
  to authenticated;
