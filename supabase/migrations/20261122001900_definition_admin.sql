-- Definition admin (issue 6): admins list, draft, edit, publish, retire and import questionnaire and
-- consent definitions of their own organisation. Whoever is admin of a project in an organisation
-- manages that organisation's definitions (app.definition_organisation()); everyone else, and every
-- definition of another organisation or of the library, is told the resource does not exist (404).
-- The app validates a draft (zod metadata, SurveyJS jsonErrors, the cross-version rules in
-- src/surveys/definition-rules.ts) before it calls publish; the database keeps the invariants: only
-- drafts change, a published version never does (the triggers of the survey definitions migration
-- refuse UPDATE of json/meta/key/version/kind/organisation and DELETE of non-draft rows), and every
-- action is written to the audit log without personal data.
--
-- Which version is in use: public.published_definition returns the newest *published* version of
-- the organisation's series. Retiring that version therefore makes the previous published version
-- current again (it was approved once, and its answers stay comparable); retiring every version of
-- a key makes new sessions fail with DEFINITION_NOT_FOUND. Responses keep their definition_id, so
-- they stay pinned to the version they answered whatever happens later.

-- The organisation whose definitions the caller administers: the one their memberships are in,
-- provided they are admin of a project there. Else 404.
create function app.definition_organisation() returns uuid
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_org uuid := app.caller_organisation(null);
begin
  if v_org is null or not exists (
    select 1 from public.memberships m join public.projects pr on pr.id = m.project_id
    where m.staff_id = app.staff_id() and m.role = 'admin' and pr.organisation_id = v_org) then
    perform app.fail('404', 'NOT_FOUND');
  end if;
  return v_org;
end
$$;
revoke all on function app.definition_organisation() from public, anon, authenticated, service_role;

-- The definition a change is about, locked, in the status the change needs: else 404, or 409
-- (DEFINITION_IMMUTABLE for a change to a draft, DEFINITION_NOT_PUBLISHED for one to a published version).
-- Only the caller's organisation's definitions: another organisation's and the library's are 404.
create function app.definition_for_change(p_id uuid, p_status text) returns public.survey_definitions
language plpgsql set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
begin
  select * into v_row from public.survey_definitions
  where id = p_id and organisation_id = app.definition_organisation() for update;
  if not found then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  if v_row.status <> p_status then
    perform app.fail('409', case p_status when 'draft' then 'DEFINITION_IMMUTABLE' else 'DEFINITION_NOT_PUBLISHED' end);
  end if;
  return v_row;
end
$$;
revoke all on function app.definition_for_change(uuid, text) from public, anon, authenticated, service_role;

-- A definition with its admin facts. base_id: the version a draft is compared with (item names,
-- scales, wording): the newest published version below it in the same series, else the newest
-- retired one. library_version: the library version it was adopted from.
create function app.definition_admin_json(d public.survey_definitions) returns jsonb
language sql stable security definer set search_path = public, pg_temp
as $$
  select app.definition_json(d) || jsonb_build_object(
    'status', d.status, 'published_at', d.published_at, 'created_at', d.created_at, 'updated_at', d.updated_at,
    'wording_unlock', d.wording_unlock,
    'library_version', (select l.version from public.survey_definitions l where l.id = d.adopted_from),
    'base_id', (select b.id from public.survey_definitions b
                where b.organisation_id = d.organisation_id and b.key = d.key and b.version < d.version
                  and b.status <> 'draft'
                order by b.status = 'published' desc, b.version desc limit 1))
$$;
revoke all on function app.definition_admin_json(public.survey_definitions) from public;

-- Every key of the caller's organisation with its versions, status, lock flag, the library
-- version each was adopted from, the newest library version of the key, and response counts
-- (consents for consent forms) over the projects the caller administers only: numbers, nothing
-- about anyone, and nothing about other projects.
create function public.definition_list(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_org uuid := app.definition_organisation();
  v_projects uuid[] := array(select m.project_id from public.memberships m
                             where m.staff_id = app.staff_id() and m.role = 'admin');
begin
  return coalesce((
    select jsonb_agg(jsonb_build_object('key', k.key, 'kind', k.kind, 'versions', k.versions,
                                        'library_version', (select max(l.version) from public.survey_definitions l
                                                            where l.organisation_id is null and l.key = k.key))
                     order by k.key)
    from (
      select d.key, min(d.kind) as kind,
             jsonb_agg(jsonb_build_object(
               'id', d.id, 'version', d.version, 'status', d.status, 'published_at', d.published_at,
               'updated_at', d.updated_at, 'title', d.meta -> 'title',
               'locked', coalesce((d.meta ->> 'lockedWording')::boolean, false),
               'library_version', (select l.version from public.survey_definitions l where l.id = d.adopted_from),
               'responses', case when d.kind = 'consent'
                                 then (select count(*) from public.consents c join public.participants pa on pa.id = c.participant_id
                                       where c.definition_id = d.id and pa.project_id = any (v_projects))
                                 else (select count(*) from public.responses r
                                       where r.definition_id = d.id and r.project_id = any (v_projects)) end)
               order by d.version desc) as versions
      from public.survey_definitions d
      where d.organisation_id = v_org
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
  select * into v_row from public.survey_definitions
  where id = (p ->> 'id')::uuid and organisation_id = app.definition_organisation();
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
  v_org uuid := app.definition_organisation();
  v_from public.survey_definitions;
  v_row public.survey_definitions;
  v_version int;
begin
  select * into v_from from public.survey_definitions where id = (p ->> 'from_id')::uuid and organisation_id = v_org;
  if not found then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  select * into v_row from public.survey_definitions where organisation_id = v_org and key = v_from.key and status = 'draft';
  if found then return app.definition_admin_json(v_row) || jsonb_build_object('created', false); end if;
  select max(version) + 1 into v_version from public.survey_definitions where organisation_id = v_org and key = v_from.key;
  insert into public.survey_definitions (organisation_id, key, version, kind, status, json, meta)
  values (v_org, v_from.key, v_version, v_from.kind, 'draft', v_from.json,
          v_from.meta || jsonb_build_object('version', v_version))
  returning * into v_row;
  perform app.audit('definition.draft_created', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('key', v_row.key, 'version', v_row.version, 'from_version', v_from.version));
  return app.definition_admin_json(v_row) || jsonb_build_object('created', true);
end
$$;

-- The editor's autosave asks whether this draft was saved lately (below).
create index audit_log_draft_saved_idx on public.audit_log(target_id, at) where action = 'definition.draft_saved';

-- Saves a draft's JSON and metadata (key and version in meta are kept those of the row).
create function public.save_definition_draft(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
begin
  perform app.definition_organisation();
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
  -- The editor saves a draft a moment after each change: one row per person and draft per half
  -- hour keeps the log readable. What was published is recorded when it is published.
  if not exists (select 1 from public.audit_log a
                 where a.action = 'definition.draft_saved' and a.target_id = v_row.id::text
                   and a.actor_id is not distinct from auth.uid() and a.at > now() - interval '30 minutes') then
    perform app.audit('definition.draft_saved', null, 'survey_definition', v_row.id::text,
                      jsonb_build_object('key', v_row.key, 'version', v_row.version));
  end if;
  -- A translator's file read back (src/admin/translation-routes.tsx): which language, from which
  -- format, how many texts it changed. Words only, never the texts themselves.
  if p ? 'translation' then
    if (p -> 'translation' ->> 'lang') !~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2}$'
       or (p -> 'translation' ->> 'format') not in ('xliff', 'csv')
       or jsonb_typeof(p -> 'translation' -> 'changed') is distinct from 'number' then
      perform app.fail('422', 'DEFINITION_INVALID');
    end if;
    perform app.audit('definition.translation_imported', null, 'survey_definition', v_row.id::text,
                      jsonb_build_object('key', v_row.key, 'version', v_row.version,
                                         'lang', p -> 'translation' ->> 'lang',
                                         'format', p -> 'translation' ->> 'format',
                                         'changed', (p -> 'translation' ->> 'changed')::int));
  end if;
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
  v_row := app.definition_for_change((p ->> 'id')::uuid, 'draft');
  if v_row.json is distinct from p -> 'json' or v_row.meta is distinct from p -> 'meta' then
    perform app.fail('409', 'DRAFT_CHANGED');
  end if;
  update public.survey_definitions set status = 'published', published_at = now(), updated_at = now()
  where id = v_row.id returning * into v_row;
  perform app.audit('definition.published', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('key', v_row.key, 'version', v_row.version,
                                       'library_version', (select l.version from public.survey_definitions l where l.id = v_row.adopted_from),
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
  perform app.definition_organisation();
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

-- Imports a definition file (validated by the app) as a draft of the caller's organisation: the
-- next version of an existing key, or version 1 of a new one. Refused while the key has a draft.
create function public.import_definition(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_key text := p -> 'meta' ->> 'key';
  v_kind text := p -> 'meta' ->> 'kind';
  v_org uuid := app.definition_organisation();
  v_row public.survey_definitions;
  v_version int;
begin
  if jsonb_typeof(p -> 'json') is distinct from 'object' or jsonb_typeof(p -> 'meta') is distinct from 'object'
     or v_key !~ '^[a-z][a-z0-9-]{1,40}$' or v_kind not in ('consent', 'survey') then
    perform app.fail('422', 'DEFINITION_INVALID');
  end if;
  if exists (select 1 from public.survey_definitions where organisation_id = v_org and key = v_key and status = 'draft') then
    perform app.fail('409', 'DRAFT_EXISTS');
  end if;
  -- A key keeps one kind, in the organisation and in the library it may adopt from.
  if exists (select 1 from public.survey_definitions
             where (organisation_id = v_org or organisation_id is null) and key = v_key and kind <> v_kind) then
    perform app.fail('422', 'DEFINITION_INVALID');
  end if;
  select coalesce(max(version), 0) + 1 into v_version from public.survey_definitions where organisation_id = v_org and key = v_key;
  insert into public.survey_definitions (organisation_id, key, version, kind, status, json, meta)
  values (v_org, v_key, v_version, v_kind, 'draft', p -> 'json', (p -> 'meta') || jsonb_build_object('version', v_version))
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
