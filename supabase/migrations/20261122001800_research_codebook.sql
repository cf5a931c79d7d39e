-- Research downloads: every non-draft version of a definition of the caller's organisation, for
-- the codebook (p.project_id, optional, names the project). Definitions hold no answers, so anyone
-- who is researcher or admin in a project of the organisation may read them; other callers are
-- told the resource does not exist.

create function public.definition_versions(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
begin
  if not exists (select 1 from public.memberships m join public.staff s on s.id = m.staff_id and s.active
                 where s.id = app.staff_id() and m.role in ('researcher', 'admin')) then
    perform app.fail('404', 'NOT_FOUND');
  end if;
  -- Newest first: the codebook shows the version in use at the top.
  return coalesce((
    select jsonb_agg(app.definition_json(d) || jsonb_build_object('status', d.status, 'published_at', d.published_at)
                     order by d.version desc)
    from public.survey_definitions d
    where d.key = p ->> 'key' and d.status <> 'draft'
      and d.organisation_id = app.caller_organisation((p ->> 'project_id')::uuid)), '[]'::jsonb);
end
$$;

revoke all on function public.definition_versions(jsonb) from public, anon, authenticated;
grant execute on function public.definition_versions(jsonb) to authenticated;
