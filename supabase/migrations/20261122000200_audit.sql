-- Append-only audit log: who did what to which target, when. Nobody gets UPDATE or DELETE.

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
revoke all on public.audit_log from anon, authenticated, service_role;
grant select, insert on public.audit_log to service_role;

create policy "admins read the audit log of their projects" on public.audit_log
  for select to authenticated
  using (project_id is not null and app.has_role(project_id, array['admin']));
grant select on public.audit_log to authenticated;

-- Records an event as the current principal. Called from the guarded SQL functions.
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
revoke all on function app.audit(text, uuid, text, text, jsonb) from public;
grant execute on function app.audit(text, uuid, text, text, jsonb) to anon, authenticated, service_role;
