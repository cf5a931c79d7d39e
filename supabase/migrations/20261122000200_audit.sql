-- Append-only audit log: who did what to which target, when. Nobody gets UPDATE or DELETE, and a
-- trigger stops even the table owner. Admins read it through public.admin_audit_log.

create table public.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_kind text not null check (actor_kind in ('staff', 'participant', 'system', 'anonymous')),
  actor_id uuid,
  action text not null check (action ~ '^[a-z_.]{3,60}$'),
  project_id uuid,
  target_type text,
  target_id text,
  details jsonb not null default '{}'::jsonb
);
create index audit_log_project_at_idx on public.audit_log(project_id, at);

alter table public.audit_log enable row level security;
revoke all on public.audit_log from public, anon, authenticated, service_role;

create policy "admins read the audit log of their projects" on public.audit_log
  for select to authenticated
  using (project_id is not null and app.has_role(project_id, array['admin']));
grant select on public.audit_log to authenticated;

-- Records an event as the current principal. Called from the guarded SQL functions (as their
-- owner), never by a role: a role that could call it could write any audit row.
create function app.audit(p_action text, p_project uuid, p_target_type text, p_target_id text,
                          p_details jsonb default '{}'::jsonb) returns void
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_kind text := coalesce(app.claims() ->> 'kind', case auth.role() when 'service_role' then 'system' else 'anonymous' end);
begin
  insert into public.audit_log (actor_kind, actor_id, action, project_id, target_type, target_id, details)
  values (v_kind, case when v_kind in ('staff', 'participant') then auth.uid() end,
          p_action, p_project, p_target_type, p_target_id, coalesce(p_details, '{}'::jsonb));
end
$$;
revoke all on function app.audit(text, uuid, text, text, jsonb) from public, anon, authenticated, service_role;

-- Grants already leave out UPDATE and DELETE; the trigger also stops the owner and superusers.
create function app.audit_log_append_only() returns trigger
language plpgsql set search_path = public, pg_temp
as $$
begin
  raise exception using errcode = 'EK409', message = 'AUDIT_APPEND_ONLY';
end
$$;
create trigger audit_log_no_update_or_delete before update or delete on public.audit_log
  for each row execute function app.audit_log_append_only();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function app.audit_log_append_only();
revoke all on function app.audit_log_append_only() from public, anon, authenticated, service_role;

-- The audit log as an admin sees it: rows of the projects they administer, logins of their staff
-- and their own actions, newest first, keyset-paged on id. Participants appear only as a kind:
-- their ids are never returned. `export` records the download itself.
-- Ids are resolved to words for the page, within the caller's organisation only: `actor_email`
-- (for a sign-in, the person who signed in), `target_label` (e-mail, project name or the
-- definition's Swedish title) and `names` (detail keys whose value is a staff id or a definition
-- key, with the e-mail or title). What is not resolved stays an id, which the page leaves out.
create function public.admin_audit_log(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_me uuid := app.staff_id();
  v_org uuid := (select s.organisation_id from public.staff s where s.id = app.staff_id());
  v_limit integer := least(greatest(coalesce((p ->> 'limit')::int, 100), 1), 1000);
  v_admin uuid[];
  v_project uuid := (p ->> 'project_id')::uuid;
  v_actor uuid;
  v_uuid constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
  v_rows jsonb;
begin
  if v_me is null then perform app.fail('404', 'NOT_FOUND'); end if;
  v_admin := array(select distinct m.project_id from public.memberships m where m.staff_id = v_me and m.role = 'admin');
  if v_project is not null and not v_project = any (v_admin) then perform app.fail('404', 'PROJECT_NOT_FOUND'); end if;
  if p ->> 'actor_email' is not null then
    v_actor := coalesce((select s.id from public.staff s
                         where s.email = lower(p ->> 'actor_email') and s.organisation_id = v_org),
                        '00000000-0000-0000-0000-000000000000');
  end if;
  if coalesce((p ->> 'export')::boolean, false) then
    perform app.audit('audit.exported', v_project, 'audit_log', null, jsonb_build_object('filters',
      (select coalesce(jsonb_agg(k order by k), '[]'::jsonb) from jsonb_object_keys(p) k
       where k in ('from', 'to', 'action', 'actor_email', 'project_id') and p ->> k is not null)));
  end if;
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', a.id, 'at', a.at, 'actor_kind', a.actor_kind,
    'actor_email', case
      when a.actor_kind = 'staff' then
        (select s.email from public.staff s where s.id = a.actor_id and s.organisation_id = v_org)
      -- A sign-in is recorded by the server (the system): the person is the account it opened.
      when a.action = 'login.success' and a.target_type = 'staff' and a.target_id ~ v_uuid then
        (select s.email from public.staff s where s.id = a.target_id::uuid and s.organisation_id = v_org)
      end,
    'action', a.action, 'project_id', a.project_id,
    'project_name', (select pr.name from public.projects pr where pr.id = a.project_id and pr.organisation_id = v_org),
    'target_type', a.target_type,
    'target_id', case when a.target_type = 'participant' then null else a.target_id end,
    'target_label', case
      when a.target_type = 'staff' and a.target_id ~ v_uuid then
        (select s.email from public.staff s where s.id = a.target_id::uuid and s.organisation_id = v_org)
      when a.target_type in ('project', 'outcomes') and a.target_id ~ v_uuid then
        (select pr.name from public.projects pr where pr.id = a.target_id::uuid and pr.organisation_id = v_org)
      when a.target_type = 'survey_definition' and a.target_id ~ v_uuid then
        (select coalesce(d.meta -> 'title' ->> 'sv', d.key) from public.survey_definitions d
         where d.id = a.target_id::uuid and d.organisation_id = v_org)
      when a.target_type = 'survey' then
        (select coalesce(d.meta -> 'title' ->> 'sv', d.key) from public.survey_definitions d
         where d.key = a.target_id and d.organisation_id = v_org order by d.version desc limit 1)
      end,
    'names', (select coalesce(jsonb_object_agg(e.key, e.label), '{}'::jsonb) from (
      select d.key, case
        when d.value ~ v_uuid then
          (select s.email from public.staff s where s.id = d.value::uuid and s.organisation_id = v_org)
        when d.key in ('definition', 'survey', 'survey_key') then
          (select coalesce(sd.meta -> 'title' ->> 'sv', sd.key) from public.survey_definitions sd
           where sd.key = d.value and sd.organisation_id = v_org order by sd.version desc limit 1)
        end as label
      from jsonb_each_text(a.details) d) e where e.label is not null),
    'details', a.details) order by a.id desc), '[]'::jsonb)
  into v_rows
  from (
    select * from public.audit_log a
    where (a.project_id = any (v_admin)
           or (a.actor_kind = 'staff' and a.actor_id = v_me)
           -- Sign-ins and account events of the staff of the caller's projects, in their organisation.
           or (a.project_id is null and a.target_type = 'staff' and a.target_id in (
                 select m.staff_id::text from public.memberships m join public.staff s on s.id = m.staff_id
                 where m.project_id = any (v_admin) and s.organisation_id = v_org))
           -- The history of the definitions of the organisations the caller administers (the
           -- library's own rows have no organisation and are nobody's history to read here).
           or (a.project_id is null and a.target_type = 'survey_definition' and a.target_id in (
                 select d.id::text from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
                 where pr.id = any (v_admin))))
      and (p ->> 'before' is null or a.id < (p ->> 'before')::bigint)
      and (p ->> 'from' is null or a.at >= (p ->> 'from')::date)
      and (p ->> 'to' is null or a.at < (p ->> 'to')::date + 1)
      and (p ->> 'action' is null or starts_with(a.action, p ->> 'action'))
      and (v_project is null or a.project_id = v_project)
      and (v_actor is null or (a.actor_kind = 'staff' and a.actor_id = v_actor)
           or (a.action = 'login.success' and a.target_type = 'staff' and a.target_id = v_actor::text))
    order by a.id desc
    limit v_limit + 1
  ) a;
  return jsonb_build_object(
    'rows', coalesce((select jsonb_agg(r order by n) from jsonb_array_elements(v_rows) with ordinality e(r, n) where n <= v_limit), '[]'::jsonb),
    'next', case when jsonb_array_length(v_rows) > v_limit then v_rows -> (v_limit - 1) -> 'id' end);
end
$$;

revoke all on function public.admin_audit_log(jsonb) from public, anon, authenticated;
grant execute on function public.admin_audit_log(jsonb) to authenticated;
