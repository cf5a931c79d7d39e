-- Survey and consent definitions: SurveyJS JSON plus our metadata, versioned, immutable once
-- published (no update of its content, no delete) and at most one draft per key. Admins manage
-- drafts through the definition admin functions; here are the table, its guards and the readers.
--
-- Every definition belongs to an organisation (its own series of versions per key), or to nobody:
-- organisation_id null is the library shipped with the product, changed only by the operator (the
-- CLI, as service_role; see the definition library migration). A project only ever uses its
-- organisation's definitions, so whatever one organisation publishes reaches nobody else.

create table public.survey_definitions (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid references public.organisations(id),
  -- The library version this one was copied from (adoption), if any.
  adopted_from uuid references public.survey_definitions(id),
  key text not null check (key ~ '^[a-z][a-z0-9-]{1,40}$'),
  version integer not null check (version >= 1),
  kind text not null check (kind in ('consent', 'survey')),
  status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
  json jsonb not null check (jsonb_typeof(json) = 'object'),
  meta jsonb not null check (jsonb_typeof(meta) = 'object'),
  created_at timestamptz not null default now(),
  published_at timestamptz,
  -- Wording of a licensed instrument (meta.lockedWording = true on the version a draft builds on) may
  -- be changed only in a draft an admin has unlocked, with a reason. The unlock belongs to that one
  -- draft: the next draft starts locked again.
  wording_unlock jsonb check (wording_unlock is null or jsonb_typeof(wording_unlock) = 'object'),
  updated_at timestamptz not null default now(),
  unique nulls not distinct (organisation_id, key, version),
  check ((status = 'draft') = (published_at is null)),
  -- The library holds published versions only; an organisation's drafts are its own.
  check (organisation_id is not null or status = 'published'),
  check (adopted_from is null or organisation_id is not null)
);

-- One draft per key and organisation at a time: a draft is the next version and there is only one.
create unique index survey_definitions_one_draft_idx on public.survey_definitions(organisation_id, key) where status = 'draft';
create index survey_definitions_library_idx on public.survey_definitions(key, version) where organisation_id is null;

-- A published definition never changes; only its status may move on to retired.
create function app.guard_published_definition() returns trigger
language plpgsql set search_path = public, pg_temp
as $$
begin
  if old.status <> 'draft' and (new.json is distinct from old.json or new.meta is distinct from old.meta
      or new.key is distinct from old.key or new.version is distinct from old.version
      or new.kind is distinct from old.kind or new.organisation_id is distinct from old.organisation_id
      or new.adopted_from is distinct from old.adopted_from or (old.status = 'retired' and new.status <> 'retired')) then
    perform app.fail('409', 'DEFINITION_IMMUTABLE');
  end if;
  return new;
end
$$;
create trigger survey_definitions_immutable before update on public.survey_definitions
  for each row execute function app.guard_published_definition();

-- Nor is a published (or retired) version ever deleted; a draft may be.
create function app.guard_definition_delete() returns trigger
language plpgsql set search_path = public, pg_temp
as $$
begin
  if old.status <> 'draft' then perform app.fail('409', 'DEFINITION_IMMUTABLE'); end if;
  return old;
end
$$;
create trigger survey_definitions_no_delete before delete on public.survey_definitions
  for each row execute function app.guard_definition_delete();
-- Trigger functions are called by their triggers only.
revoke all on function app.guard_published_definition(), app.guard_definition_delete() from public, anon, authenticated;

alter table public.survey_definitions enable row level security;
revoke all on public.survey_definitions from anon, authenticated;

-- Which languages of a version participants are offered (issue 20): a translation is not trusted
-- until a person approves it. Swedish, the source, is always offered; every other language of a
-- version only once an admin of the organisation has approved it for that version (a row here,
-- written by public.set_definition_language in the definition admin migration, audited). A new
-- version starts without approvals: its texts may differ. Read through the functions only.
create table public.definition_languages (
  definition_id uuid not null references public.survey_definitions(id),
  lang text not null check (lang ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2}$' and lang <> 'sv'),
  approved_by uuid references public.staff(id),
  approved_at timestamptz not null default now(),
  primary key (definition_id, lang)
);
alter table public.definition_languages enable row level security;
revoke all on public.definition_languages from anon, authenticated;

-- The organisation whose definitions the caller uses: a participant's project's; for staff their
-- account's organisation (when p_project is given, only if they hold a role in it; else none).
create function app.caller_organisation(p_project uuid) returns uuid
language plpgsql stable security definer set search_path = public, pg_temp
as $$
begin
  -- plpgsql: participants are created by a later migration.
  if app.participant_id() is not null then
    return (select pr.organisation_id from public.participants pa join public.projects pr on pr.id = pa.project_id
            where pa.id = app.participant_id());
  end if;
  -- Staff: the account's own organisation (an account belongs to one); a project named must be
  -- one the caller has a role in.
  if app.staff_id() is null then return null; end if;
  if p_project is not null and not exists (select 1 from public.memberships m
      where m.staff_id = app.staff_id() and m.project_id = p_project) then
    return null;
  end if;
  return (select s.organisation_id from public.staff s where s.id = app.staff_id());
end
$$;
revoke all on function app.caller_organisation(uuid) from public, anon, authenticated, service_role;
grant execute on function app.caller_organisation(uuid) to authenticated;

create policy "signed-in users read their organisation's published definitions and the library" on public.survey_definitions
  for select to authenticated
  using (status = 'published' and (organisation_id is null or organisation_id = app.caller_organisation(null)));
grant select on public.survey_definitions to authenticated;

create function app.definition_json(d public.survey_definitions) returns jsonb
language sql immutable set search_path = public, pg_temp
as $$
  select jsonb_build_object('id', d.id, 'key', d.key, 'version', d.version, 'kind', d.kind,
                            'json', d.json, 'meta', d.meta)
$$;
revoke all on function app.definition_json(public.survey_definitions) from public, anon, authenticated;

-- The newest published version of a definition in the caller's organisation, or nothing.
-- p.project_id (optional, staff) names the project it is for.
-- approved_languages: the languages participants are offered besides Swedish (read fresh on every
-- call: the app caches a version's content, never its approvals).
create function public.published_definition(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select app.definition_json(d) || jsonb_build_object('approved_languages', coalesce(
           (select jsonb_agg(l.lang order by l.lang) from public.definition_languages l where l.definition_id = d.id),
           '[]'::jsonb))
  from public.survey_definitions d
  where d.key = p ->> 'key' and d.status = 'published'
    and d.organisation_id = app.caller_organisation((p ->> 'project_id')::uuid)
  order by d.version desc
  limit 1
$$;

-- One definition of the caller's organisation by id, as long as it has been published (responses
-- stay pinned to their version). The system (service_role) reads any.
create function public.definition_by_id(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select app.definition_json(d)
  from public.survey_definitions d
  where d.id = (p ->> 'id')::uuid and d.status <> 'draft'
    and (d.organisation_id = app.caller_organisation(null) or auth.role() = 'service_role')
$$;

revoke all on function public.published_definition(jsonb), public.definition_by_id(jsonb) from public, anon, authenticated;
grant execute on function public.published_definition(jsonb), public.definition_by_id(jsonb) to authenticated, service_role;
