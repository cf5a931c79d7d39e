-- Definition admin (issue 6): admins list, draft, edit, publish, retire and import questionnaire and
-- consent definitions. Definitions are shared by all projects, so whoever is admin in at least one
-- project may manage them (app.is_any_admin()); coaches, researchers and everyone else are told
-- the resource does not exist (404). The app validates a draft (zod metadata, SurveyJS jsonErrors,
-- the cross-version rules in src/admin/definition-rules.ts) before it calls publish; the database
-- keeps the invariants: only drafts change, a published version never does (the triggers of the
-- survey definitions migration refuse UPDATE of json/meta/key/version/kind and DELETE of non-draft
-- rows), and every action is written to the audit log without personal data.
--
-- Which version is in use: public.published_definition returns the newest *published* version.
-- Retiring that version therefore makes the previous published version current again (it was
-- approved once, and its answers stay comparable); retiring every version of a key makes new
-- sessions fail with DEFINITION_NOT_FOUND. Responses keep their definition_id, so they stay pinned
-- to the version they answered whatever happens later.

-- Admin in at least one project (definitions are shared, so one admin role is enough).
create function app.is_any_admin() returns boolean
language sql stable security definer set search_path = public, pg_temp
as $$
  select exists (select 1 from public.memberships m join public.staff s on s.id = m.staff_id and s.active
                 where s.id = app.staff_id() and m.role = 'admin')
$$;
revoke all on function app.is_any_admin() from public, anon, authenticated, service_role;

create function app.require_definition_admin() returns void
language plpgsql stable security definer set search_path = public, pg_temp
as $$
begin
  if not app.is_any_admin() then perform app.fail('404', 'NOT_FOUND'); end if;
end
$$;

-- The definition a change is about, locked, in the status the change needs: else 404, or 409
-- (DEFINITION_IMMUTABLE for a change to a draft, DEFINITION_NOT_PUBLISHED for one to a published version).
create function app.definition_for_change(p_id uuid, p_status text) returns public.survey_definitions
language plpgsql set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
begin
  select * into v_row from public.survey_definitions where id = p_id for update;
  if not found then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  if v_row.status <> p_status then
    perform app.fail('409', case p_status when 'draft' then 'DEFINITION_IMMUTABLE' else 'DEFINITION_NOT_PUBLISHED' end);
  end if;
  return v_row;
end
$$;
revoke all on function app.definition_for_change(uuid, text) from public;
revoke all on function app.require_definition_admin() from public, anon, authenticated, service_role;

-- A definition with its admin facts. base_id: the version a draft is compared with (item names,
-- scales, wording): the newest published version below it, else the newest retired one.
create function app.definition_admin_json(d public.survey_definitions) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select app.definition_json(d) || jsonb_build_object(
    'status', d.status, 'published_at', d.published_at, 'created_at', d.created_at, 'updated_at', d.updated_at,
    'wording_unlock', d.wording_unlock,
    'base_id', (select b.id from public.survey_definitions b
                where b.key = d.key and b.version < d.version and b.status <> 'draft'
                order by b.status = 'published' desc, b.version desc limit 1))
$$;
revoke all on function app.definition_admin_json(public.survey_definitions) from public;

-- Every key with its versions, status, response counts (consents for consent forms) and lock flag.
-- Counts are totals over all projects: numbers only, nothing about anyone.
create function public.definition_list(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
begin
  perform app.require_definition_admin();
  return coalesce((
    select jsonb_agg(jsonb_build_object('key', k.key, 'kind', k.kind, 'versions', k.versions) order by k.key)
    from (
      select d.key, min(d.kind) as kind,
             jsonb_agg(jsonb_build_object(
               'id', d.id, 'version', d.version, 'status', d.status, 'published_at', d.published_at,
               'updated_at', d.updated_at, 'title', d.meta -> 'title',
               'locked', coalesce((d.meta ->> 'lockedWording')::boolean, false),
               'responses', case when d.kind = 'consent'
                                 then (select count(*) from public.consents c where c.definition_id = d.id)
                                 else (select count(*) from public.responses r where r.definition_id = d.id) end)
               order by d.version desc) as versions
      from public.survey_definitions d
      group by d.key
    ) k), '[]'::jsonb);
end
$$;

-- One version, drafts included, for admins.
create function public.definition_get(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
begin
  perform app.require_definition_admin();
  select * into v_row from public.survey_definitions where id = (p ->> 'id')::uuid;
  if not found then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  return app.definition_admin_json(v_row);
end
$$;

-- A new draft (version = newest + 1) copied from any version of the key. When the key already has
-- a draft, that draft is returned instead (created = false): there is one next version.
create function public.create_definition_draft(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_from public.survey_definitions;
  v_row public.survey_definitions;
  v_version int;
begin
  perform app.require_definition_admin();
  select * into v_from from public.survey_definitions where id = (p ->> 'from_id')::uuid;
  if not found then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  select * into v_row from public.survey_definitions where key = v_from.key and status = 'draft';
  if found then return app.definition_admin_json(v_row) || jsonb_build_object('created', false); end if;
  select max(version) + 1 into v_version from public.survey_definitions where key = v_from.key;
  insert into public.survey_definitions (key, version, kind, status, json, meta)
  values (v_from.key, v_version, v_from.kind, 'draft', v_from.json,
          v_from.meta || jsonb_build_object('version', v_version))
  returning * into v_row;
  perform app.audit('definition.draft_created', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('key', v_row.key, 'version', v_row.version, 'from_version', v_from.version));
  return app.definition_admin_json(v_row) || jsonb_build_object('created', true);
end
$$;

-- Saves a draft's JSON and metadata (key and version in meta are kept those of the row).
create function public.save_definition_draft(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
begin
  perform app.require_definition_admin();
  if jsonb_typeof(p -> 'json') is distinct from 'object' or jsonb_typeof(p -> 'meta') is distinct from 'object' then
    perform app.fail('422', 'DEFINITION_INVALID');
  end if;
  v_row := app.definition_for_change((p ->> 'id')::uuid, 'draft');
  update public.survey_definitions
  set json = p -> 'json',
      meta = (p -> 'meta') || jsonb_build_object('key', v_row.key, 'version', v_row.version, 'kind', v_row.kind),
      updated_at = now()
  where id = v_row.id
  returning * into v_row;
  perform app.audit('definition.draft_saved', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('key', v_row.key, 'version', v_row.version));
  return app.definition_admin_json(v_row);
end
$$;

-- Publishes a draft the app has just validated. The app sends the json and meta it validated:
-- if the draft was saved again meanwhile, publishing is refused (DRAFT_CHANGED). The confirmations
-- given (items removed, re-scaled, reworded) are recorded in the audit row.
create function public.publish_definition(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
begin
  perform app.require_definition_admin();
  v_row := app.definition_for_change((p ->> 'id')::uuid, 'draft');
  if v_row.json is distinct from p -> 'json' or v_row.meta is distinct from p -> 'meta' then
    perform app.fail('409', 'DRAFT_CHANGED');
  end if;
  update public.survey_definitions set status = 'published', published_at = now(), updated_at = now()
  where id = v_row.id returning * into v_row;
  perform app.audit('definition.published', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('key', v_row.key, 'version', v_row.version,
                                       'confirmations', coalesce(p -> 'confirmations', '[]'::jsonb),
                                       'wording_unlocked', v_row.wording_unlock is not null));
  return app.definition_admin_json(v_row);
end
$$;

-- Retires a published version: no new sessions use it; its responses stay.
create function public.retire_definition(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
begin
  perform app.require_definition_admin();
  v_row := app.definition_for_change((p ->> 'id')::uuid, 'published');
  update public.survey_definitions set status = 'retired', updated_at = now() where id = v_row.id returning * into v_row;
  perform app.audit('definition.retired', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('key', v_row.key, 'version', v_row.version));
  return app.definition_admin_json(v_row);
end
$$;

-- Unlocks the wording of one draft, with a reason (a licence matter: no personal data).
create function public.unlock_definition_wording(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
  v_reason text := btrim(coalesce(p ->> 'reason', ''));
begin
  perform app.require_definition_admin();
  if length(v_reason) < 3 or length(v_reason) > 500 then perform app.fail('400', 'UNLOCK_REASON_REQUIRED'); end if;
  v_row := app.definition_for_change((p ->> 'id')::uuid, 'draft');
  update public.survey_definitions
  set wording_unlock = jsonb_build_object('by', app.staff_id(), 'at', now(), 'reason', v_reason), updated_at = now()
  where id = v_row.id returning * into v_row;
  perform app.audit('definition.unlocked', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('key', v_row.key, 'version', v_row.version, 'reason', v_reason));
  return app.definition_admin_json(v_row);
end
$$;

-- Imports a definition file (validated by the app) as a draft: the next version of an existing
-- key, or version 1 of a new one. Refused while the key has a draft.
create function public.import_definition(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_key text := p -> 'meta' ->> 'key';
  v_kind text := p -> 'meta' ->> 'kind';
  v_row public.survey_definitions;
  v_version int;
begin
  perform app.require_definition_admin();
  if jsonb_typeof(p -> 'json') is distinct from 'object' or jsonb_typeof(p -> 'meta') is distinct from 'object'
     or v_key !~ '^[a-z][a-z0-9-]{1,40}$' or v_kind not in ('consent', 'survey') then
    perform app.fail('422', 'DEFINITION_INVALID');
  end if;
  if exists (select 1 from public.survey_definitions where key = v_key and status = 'draft') then
    perform app.fail('409', 'DRAFT_EXISTS');
  end if;
  if exists (select 1 from public.survey_definitions where key = v_key and kind <> v_kind) then
    perform app.fail('422', 'DEFINITION_INVALID');
  end if;
  select coalesce(max(version), 0) + 1 into v_version from public.survey_definitions where key = v_key;
  insert into public.survey_definitions (key, version, kind, status, json, meta)
  values (v_key, v_version, v_kind, 'draft', p -> 'json', (p -> 'meta') || jsonb_build_object('version', v_version))
  returning * into v_row;
  perform app.audit('definition.imported', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('key', v_row.key, 'version', v_row.version));
  return app.definition_admin_json(v_row);
end
$$;

revoke all on function public.definition_list(jsonb), public.definition_get(jsonb), public.create_definition_draft(jsonb),
  public.save_definition_draft(jsonb), public.publish_definition(jsonb), public.retire_definition(jsonb),
  public.unlock_definition_wording(jsonb), public.import_definition(jsonb)
  from public, anon;
grant execute on function public.definition_list(jsonb), public.definition_get(jsonb), public.create_definition_draft(jsonb),
  public.save_definition_draft(jsonb), public.publish_definition(jsonb), public.retire_definition(jsonb),
  public.unlock_definition_wording(jsonb), public.import_definition(jsonb)
  to authenticated;
