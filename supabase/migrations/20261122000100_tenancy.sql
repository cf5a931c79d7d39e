-- Organisations, projects (insatser), staff and their project roles, plus the helpers every
-- later policy and function uses to know who is asking.

create extension if not exists pgcrypto;

create table public.organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

create table public.projects (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations(id),
  name text not null check (length(name) between 1 and 200),
  -- Figures resting on fewer participants than this are suppressed.
  min_group_size smallint not null default 5 check (min_group_size between 3 and 100),
  -- Due windows, target, ethics reference, contact: validated by the app (zod).
  settings jsonb not null default '{}'::jsonb check (jsonb_typeof(settings) = 'object'),
  created_at timestamptz not null default now(),
  -- What withdrawal does to sent answers (public.withdraw_consent): 'erase' (the default) or 'keep'.
  constraint projects_withdrawal_policy_valid
    check (settings -> 'withdrawalPolicy' is null or settings ->> 'withdrawalPolicy' in ('keep', 'erase'))
);
create index projects_organisation_idx on public.projects(organisation_id);

-- An account belongs to one organisation (the security boundary): its memberships are in that
-- organisation's projects only, and the same e-mail address may have an account in each of several
-- organisations without anyone outside one of them learning that it exists there.
create table public.staff (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations(id),
  email text not null check (email = lower(email) and email like '%_@_%' and length(email) <= 254),
  password_hash text not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  -- Bumped whenever old sessions must stop working (password set or reset, deactivation); the
  -- session token carries the version it was signed with.
  session_version integer not null default 0,
  -- Set for a one-time password someone else saw (the staff CLI's add, the demo accounts): the
  -- first sign-in must choose a new one before anything else (public.change_own_password).
  must_change_password boolean not null default false,
  unique (organisation_id, email)
);
create index staff_email_idx on public.staff(email);

create table public.memberships (
  staff_id uuid not null references public.staff(id) on delete cascade,
  project_id uuid not null references public.projects(id) on delete cascade,
  role text not null check (role in ('admin', 'coach', 'researcher')),
  created_at timestamptz not null default now(),
  primary key (staff_id, project_id, role)
);
create index memberships_project_idx on public.memberships(project_id);

-- A membership is in a project of the account's own organisation; anything else is refused, so
-- no path (admin pages, invites, the CLI) can reach across organisations.
create function app.memberships_same_organisation() returns trigger
language plpgsql security definer set search_path = public, pg_temp
as $$
begin
  if (select organisation_id from public.projects where id = new.project_id)
     is distinct from (select organisation_id from public.staff where id = new.staff_id) then
    raise exception using errcode = 'EK409', message = 'STAFF_OUTSIDE_SCOPE';
  end if;
  return new;
end
$$;
revoke all on function app.memberships_same_organisation() from public, anon, authenticated, service_role;
create trigger memberships_same_organisation before insert or update on public.memberships
  for each row execute function app.memberships_same_organisation();

alter table public.organisations enable row level security;
alter table public.projects enable row level security;
alter table public.staff enable row level security;
alter table public.memberships enable row level security;

revoke all on public.organisations, public.projects, public.staff, public.memberships from anon, authenticated;

-- Who is asking. Claims are set per transaction by the app (SqlStore) or by PostgREST.
create function app.claims() returns jsonb
language sql stable set search_path = public, pg_temp
as $$ select coalesce(auth.jwt(), '{}'::jsonb) $$;

create function app.staff_id() returns uuid
language sql stable security definer set search_path = public, pg_temp
as $$
  select s.id from public.staff s
  where app.claims() ->> 'kind' = 'staff' and s.id = auth.uid() and s.active
$$;

-- A participant principal whose token names a link (every token the app signs does) must hold a
-- link that is not revoked (public.participant_links, created by a later migration: resolved when
-- called). Claims without a link id can only be set by the server itself (tests, demo data).
create function app.participant_id() returns uuid
language plpgsql stable security definer set search_path = public, pg_temp
as $$
begin
  if app.claims() ->> 'kind' is distinct from 'participant' then return null; end if;
  if app.claims() ->> 'link' is not null and not exists (
    select 1 from public.participant_links l
    where l.id::text = app.claims() ->> 'link' and l.participant_id = auth.uid() and l.revoked_at is null
  ) then
    perform app.fail('401', 'LINK_INVALID');
  end if;
  return auth.uid();
end
$$;

create function app.has_role(p_project uuid, p_roles text[]) returns boolean
language sql stable security definer set search_path = public, pg_temp
as $$
  select exists (
    select 1 from public.memberships m
    join public.staff s on s.id = m.staff_id and s.active
    where m.project_id = p_project and m.role = any (p_roles)
      and s.id = app.staff_id()
  )
$$;

-- Research figures are for researchers and admins of the project who are not also its coaches:
-- a coach knows who answered when, and could read one participant's answer out of two figures
-- taken before and after it (separation of duties; memberships never hold coach and researcher).
create function app.sees_figures(p_project uuid) returns boolean
language sql stable security definer set search_path = public, pg_temp
as $$
  select app.has_role(p_project, array['researcher', 'admin']) and not app.has_role(p_project, array['coach'])
$$;

-- Raises an error the app maps to an HTTP status: errcode EK4xx, message = machine code.
create function app.fail(p_status text, p_code text) returns void
language plpgsql set search_path = public, pg_temp
as $$
begin
  raise exception using errcode = 'EK' || p_status, message = p_code;
end
$$;

revoke all on function app.claims(), app.staff_id(), app.participant_id(),
  app.has_role(uuid, text[]), app.sees_figures(uuid), app.fail(text, text) from public, anon, authenticated, service_role;
-- The policies below run these as the signed-in role; the API functions run them as their owner.
grant execute on function app.claims(), app.staff_id(), app.participant_id(), app.has_role(uuid, text[]) to authenticated;

create policy "staff read projects they belong to" on public.projects
  for select to authenticated
  using (exists (select 1 from public.memberships m where m.project_id = id and m.staff_id = app.staff_id()));
create policy "staff read organisations of their projects" on public.organisations
  for select to authenticated
  using (exists (
    select 1 from public.projects p join public.memberships m on m.project_id = p.id
    where p.organisation_id = organisations.id and m.staff_id = app.staff_id()));
create policy "staff read their own account" on public.staff
  for select to authenticated
  using (id = app.staff_id());
create policy "staff read their own memberships" on public.memberships
  for select to authenticated
  using (staff_id = app.staff_id());

grant select on public.organisations, public.projects, public.memberships to authenticated;
grant select (id, email, active, created_at) on public.staff to authenticated;
