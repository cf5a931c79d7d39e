-- Survey and consent definitions: SurveyJS JSON plus our metadata, versioned, immutable once
-- published (no update of its content, no delete) and at most one draft per key. Admins manage
-- drafts through the definition admin functions; here are the table, its guards and the readers.

create table public.survey_definitions (
  id uuid primary key default gen_random_uuid(),
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
  unique (key, version),
  check ((status = 'draft') = (published_at is null))
);

-- One draft per key at a time: a draft is the next version and there is only one next version.
create unique index survey_definitions_one_draft_idx on public.survey_definitions(key) where status = 'draft';

-- A published definition never changes; only its status may move on to retired.
create function app.guard_published_definition() returns trigger
language plpgsql set search_path = public, pg_temp
as $$
begin
  if old.status <> 'draft' and (new.json is distinct from old.json or new.meta is distinct from old.meta
      or new.key is distinct from old.key or new.version is distinct from old.version
      or new.kind is distinct from old.kind or (old.status = 'retired' and new.status <> 'retired')) then
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
create policy "signed-in users read published definitions" on public.survey_definitions
  for select to authenticated
  using (status = 'published');
grant select on public.survey_definitions to authenticated;

-- The newest published version of a definition, or nothing.
create function app.definition_json(d public.survey_definitions) returns jsonb
language sql immutable set search_path = public, pg_temp
as $$
  select jsonb_build_object('id', d.id, 'key', d.key, 'version', d.version, 'kind', d.kind,
                            'json', d.json, 'meta', d.meta)
$$;
revoke all on function app.definition_json(public.survey_definitions) from public, anon, authenticated;

create function public.published_definition(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select app.definition_json(d)
  from public.survey_definitions d
  where d.key = p ->> 'key' and d.status = 'published'
    and (app.staff_id() is not null or app.participant_id() is not null or auth.role() = 'service_role')
  order by d.version desc
  limit 1
$$;

-- One definition by id, as long as it has been published (responses stay pinned to their version).
create function public.definition_by_id(p jsonb) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select app.definition_json(d)
  from public.survey_definitions d
  where d.id = (p ->> 'id')::uuid and d.status <> 'draft'
    and (app.staff_id() is not null or app.participant_id() is not null or auth.role() = 'service_role')
$$;

-- Seeds a shipped definition as published. Re-seeding identical content is a no-op;
-- different content under a published (key, version) is refused.
create function public.seed_definition(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
begin
  if auth.role() is distinct from 'service_role' then perform app.fail('403', 'FORBIDDEN'); end if;
  select * into v_row from public.survey_definitions where key = p ->> 'key' and version = (p ->> 'version')::int;
  if found then
    if v_row.json <> p -> 'json' or v_row.meta <> p -> 'meta' then
      perform app.fail('409', 'DEFINITION_IMMUTABLE');
    end if;
    return jsonb_build_object('id', v_row.id, 'created', false);
  end if;
  insert into public.survey_definitions (key, version, kind, status, json, meta, published_at)
  values (p ->> 'key', (p ->> 'version')::int, p ->> 'kind', 'published', p -> 'json', p -> 'meta', now())
  returning * into v_row;
  perform app.audit('definition.seed', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('key', v_row.key, 'version', v_row.version));
  return jsonb_build_object('id', v_row.id, 'created', true);
end
$$;

revoke all on function public.published_definition(jsonb), public.definition_by_id(jsonb), public.seed_definition(jsonb)
  from public, anon, authenticated;
grant execute on function public.published_definition(jsonb), public.definition_by_id(jsonb) to authenticated, service_role;
grant execute on function public.seed_definition(jsonb) to service_role;
