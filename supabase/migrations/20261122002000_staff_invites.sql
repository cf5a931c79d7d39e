-- Staff invites: one-time links to set a password, issued by an admin (an invitation, or a reset)
-- and used once by the person on a public page. Setting the password ends every older session.

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
  update public.staff set password_hash = p ->> 'password_hash', session_version = session_version + 1,
                          must_change_password = false
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

revoke all on function public.invite_lookup(jsonb), public.accept_invite(jsonb) from public, anon, authenticated;
grant execute on function public.invite_lookup(jsonb), public.accept_invite(jsonb) to service_role;
