-- The accessibility statement (tillgänglighetsredogörelse, /tillganglighet): the public page names
-- the organisation behind a participant's survey and where to report an accessibility problem. A
-- participant page links to it with its project's id; this function returns the organisation's
-- name and the project's feedback contact (settings.accessibility_contact, else settings.contact)
-- and nothing else. Called by the server only (service_role): no role a browser holds may call it.
-- An unknown id returns null, exactly like an id of a project without a contact, apart from the
-- organisation's name, which a participant already sees on the consent page.

create function public.accessibility_statement(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select jsonb_build_object(
    'organisation', o.name,
    'contact', coalesce(nullif(pr.settings ->> 'accessibility_contact', ''), nullif(pr.settings ->> 'contact', ''))
  )
  from public.projects pr
  join public.organisations o on o.id = pr.organisation_id
  where pr.id = case when (p ->> 'project_id') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                     then (p ->> 'project_id')::uuid end
$$;

revoke all on function public.accessibility_statement(jsonb) from public, anon, authenticated;
grant execute on function public.accessibility_statement(jsonb) to service_role;
