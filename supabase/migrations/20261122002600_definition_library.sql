-- The definition library: the definitions shipped with the product (surveys/*.json), held as
-- survey_definitions rows without an organisation. Nobody uses the library directly. Each
-- organisation adopts it: a copy of a library version becomes a version of the organisation's own
-- series (adopted_from records which library version), and only that organisation's admins change
-- their series from then on. The library itself changes only through the operator: the CLI
-- (`npm run library -- publish <file>`, first start, setup) runs as service_role; no admin of any
-- project reaches it.
--
-- When a library version arrives:
-- - a new organisation adopts the newest published version of every library key as it is created;
-- - an organisation without any version of the key (a new instrument) adopts it at once;
-- - an organisation that already has the key keeps what it has: its admins may adopt the newer
--   library version (public.adopt_library_definition), which makes it a draft of their series, to
--   be checked and published like any other draft (audited both times).

-- A copy of a library version as the next version of an organisation's series.
create function app.adopt_library_version(p_org uuid, p_lib public.survey_definitions, p_status text)
returns public.survey_definitions
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
  v_version int;
begin
  select coalesce(max(version), 0) + 1 into v_version
  from public.survey_definitions where organisation_id = p_org and key = p_lib.key;
  insert into public.survey_definitions (organisation_id, adopted_from, key, version, kind, status, json, meta, published_at)
  values (p_org, p_lib.id, p_lib.key, v_version, p_lib.kind, p_status, p_lib.json,
          p_lib.meta || jsonb_build_object('version', v_version),
          case when p_status = 'published' then now() end)
  returning * into v_row;
  perform app.audit('definition.adopted', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('organisation', p_org, 'key', v_row.key, 'version', v_row.version,
                                       'library_version', p_lib.version, 'status', p_status));
  return v_row;
end
$$;
revoke all on function app.adopt_library_version(uuid, public.survey_definitions, text) from public, anon, authenticated;

-- A new organisation starts with the newest library version of every key, published.
create function app.adopt_library_on_create() returns trigger
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_lib public.survey_definitions;
begin
  for v_lib in
    select distinct on (l.key) l.* from public.survey_definitions l
    where l.organisation_id is null and l.status = 'published'
    order by l.key, l.version desc
  loop
    perform app.adopt_library_version(new.id, v_lib, 'published');
  end loop;
  return new;
end
$$;
revoke all on function app.adopt_library_on_create() from public, anon, authenticated;
create trigger organisations_adopt_library after insert on public.organisations
  for each row execute function app.adopt_library_on_create();

-- Publishes a shipped definition in the library (operator only: service_role). Re-seeding
-- identical content is a no-op; different content under a published (key, version) is refused.
-- Organisations that have no version of the key adopt the new version at once.
create function public.seed_definition(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
  v_org uuid;
begin
  if auth.role() is distinct from 'service_role' then perform app.fail('403', 'FORBIDDEN'); end if;
  select * into v_row from public.survey_definitions
  where organisation_id is null and key = p ->> 'key' and version = (p ->> 'version')::int;
  if found then
    if v_row.json <> p -> 'json' or v_row.meta <> p -> 'meta' then
      perform app.fail('409', 'DEFINITION_IMMUTABLE');
    end if;
    return jsonb_build_object('id', v_row.id, 'created', false);
  end if;
  if exists (select 1 from public.survey_definitions where key = p ->> 'key' and kind <> p ->> 'kind') then
    perform app.fail('422', 'DEFINITION_INVALID');
  end if;
  insert into public.survey_definitions (key, version, kind, status, json, meta, published_at)
  values (p ->> 'key', (p ->> 'version')::int, p ->> 'kind', 'published', p -> 'json', p -> 'meta', now())
  returning * into v_row;
  perform app.audit('definition.seed', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('key', v_row.key, 'version', v_row.version));
  for v_org in
    select o.id from public.organisations o
    where not exists (select 1 from public.survey_definitions d where d.organisation_id = o.id and d.key = v_row.key)
  loop
    perform app.adopt_library_version(v_org, v_row, 'published');
  end loop;
  return jsonb_build_object('id', v_row.id, 'created', true);
end
$$;

-- The library, newest version first per key (operator: the CLI lists it).
create function public.library_definitions(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
begin
  if auth.role() is distinct from 'service_role' then perform app.fail('403', 'FORBIDDEN'); end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', l.id, 'key', l.key, 'version', l.version, 'kind', l.kind,
                                        'title', l.meta -> 'title', 'published_at', l.published_at,
                                        'organisations', (select count(distinct d.organisation_id)
                                                          from public.survey_definitions d where d.adopted_from = l.id))
                     order by l.key, l.version desc)
    from public.survey_definitions l where l.organisation_id is null), '[]'::jsonb);
end
$$;

-- An admin adopts a library version (the newest, or p.version) of a key into their organisation's
-- series as a draft, to be checked and published like any other. Refused while the key has a draft.
create function public.adopt_library_definition(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_org uuid := app.definition_organisation();
  v_lib public.survey_definitions;
  v_row public.survey_definitions;
begin
  select * into v_lib from public.survey_definitions l
  where l.organisation_id is null and l.key = p ->> 'key' and l.status = 'published'
    and (p ->> 'version' is null or l.version = (p ->> 'version')::int)
  order by l.version desc limit 1;
  if not found then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  if exists (select 1 from public.survey_definitions
             where organisation_id = v_org and key = v_lib.key and status = 'draft') then
    perform app.fail('409', 'DRAFT_EXISTS');
  end if;
  if exists (select 1 from public.survey_definitions
             where organisation_id = v_org and key = v_lib.key and kind <> v_lib.kind) then
    perform app.fail('422', 'DEFINITION_INVALID');
  end if;
  v_row := app.adopt_library_version(v_org, v_lib, 'draft');
  return app.definition_admin_json(v_row);
end
$$;

revoke all on function public.seed_definition(jsonb), public.library_definitions(jsonb),
  public.adopt_library_definition(jsonb) from public, anon, authenticated;
grant execute on function public.seed_definition(jsonb), public.library_definitions(jsonb) to service_role;
grant execute on function public.adopt_library_definition(jsonb) to authenticated;
