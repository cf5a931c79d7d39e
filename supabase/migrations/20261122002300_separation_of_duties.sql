-- Separation of duties within a project. The surveys rate the coach, and a coach knows which
-- participants are theirs and on which day each answered: one person holding both the coach role
-- and access to the project's figures or rows could tie an answer to a person. So, per project:
--   * an account is never both coach and researcher (whichever path adds the role: admin pages,
--     the staff CLI, an invite);
--   * an account with an active row-export grant cannot become coach (revoke the grant first);
--   * an admin who is also coach sees no figures (app.sees_figures), and row exports are never
--     granted to oneself or to a coach (app.export_grant_target).
-- Refusals are 409 ROLE_CONFLICT, so nothing is stored half-way.

create function app.memberships_separate_duties() returns trigger
language plpgsql security definer set search_path = public, pg_temp
as $$
begin
  -- Two transactions adding coach and researcher at once must not both pass: serialise per account.
  perform pg_advisory_xact_lock(hashtextextended('memberships:' || new.staff_id::text, 0));
  if new.role = 'coach' and exists (select 1 from public.memberships m
      where m.staff_id = new.staff_id and m.project_id = new.project_id and m.role = 'researcher') then
    perform app.fail('409', 'ROLE_CONFLICT');
  end if;
  if new.role = 'researcher' and exists (select 1 from public.memberships m
      where m.staff_id = new.staff_id and m.project_id = new.project_id and m.role = 'coach') then
    perform app.fail('409', 'ROLE_CONFLICT');
  end if;
  if new.role = 'coach' and exists (select 1 from public.export_grants g
      where g.staff_id = new.staff_id and g.project_id = new.project_id and g.revoked_at is null) then
    perform app.fail('409', 'ROLE_CONFLICT');
  end if;
  return new;
end
$$;
revoke all on function app.memberships_separate_duties() from public, anon, authenticated, service_role;

create trigger memberships_separate_duties before insert or update on public.memberships
  for each row execute function app.memberships_separate_duties();
