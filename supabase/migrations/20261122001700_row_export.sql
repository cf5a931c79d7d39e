-- Row-level pseudonymised export (issue 5), under a grant (export_grants migration). An export is
-- begun (checked, recorded, audited) and then read page by page with keyset pagination, so the app
-- can stream a million rows with flat memory. The database hands out the participant uuid only to
-- the app, which replaces it with a per-export HMAC pseudonym (src/research/row-export.ts).

create table public.row_exports (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects(id) on delete cascade,
  staff_id uuid not null references public.staff(id) on delete cascade,
  grant_id uuid not null references public.export_grants(id) on delete cascade,
  survey_key text not null,
  version integer,
  definition_ids uuid[] not null,
  -- The answer keys the export may carry; everything else is dropped from each row in SQL.
  columns text[] not null,
  include_free_text boolean not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '1 hour',
  check (expires_at > created_at)
);
create index row_exports_staff_idx on public.row_exports(staff_id);

alter table public.row_exports enable row level security;
-- No policies and no grants: the table is reached only through the functions below.
revoke all on public.row_exports from anon, authenticated;

-- The answer keys of an export, in definition order (union over the versions; a name keeps the
-- place it first had). Free text is a text or comment question that is not scored, a name in
-- meta.freeText, a signature or a file upload, and every "<name>-Comment" key; those columns
-- appear only when p_free_text. Display-only elements (html, image) have no answers.
create function app.row_export_columns(p_definitions uuid[], p_free_text boolean) returns text[]
language sql stable set search_path = public, pg_temp
as $$
  with q as (
    select d.version, x.ord, x.q ->> 'name' as name,
           (x.q ->> 'type' in ('text', 'comment') and not coalesce(d.meta -> 'scored', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('name', x.q ->> 'name')))
             or coalesce(d.meta -> 'freeText', '[]'::jsonb) ? (x.q ->> 'name')
             or x.q ->> 'type' in ('signaturepad', 'file') as free,
           coalesce((x.q ->> 'hasComment')::boolean, false) or coalesce((x.q ->> 'showCommentArea')::boolean, false)
             or coalesce((x.q ->> 'showOtherItem')::boolean, false) or coalesce((x.q ->> 'hasOther')::boolean, false) as has_comment
    from public.survey_definitions d
    cross join lateral jsonb_path_query(d.json, 'strict $.**.elements[*] ? (@.name.type() == "string" && @.type.type() == "string" && @.type != "panel")')
      with ordinality x(q, ord)
    where d.id = any (p_definitions) and x.q ->> 'type' not in ('html', 'image')
  ),
  named as (
    select name, bool_or(free) as free, bool_or(has_comment) as has_comment,
           min(version * 100000 + ord) as pos
    from q group by name
  ),
  cols as (
    select name, pos * 2 as pos from named where p_free_text or not free
    union all
    select name || '-Comment', pos * 2 + 1 from named where p_free_text and has_comment
  )
  select coalesce(array_agg(name order by pos), '{}') from cols
$$;
revoke all on function app.row_export_columns(uuid[], boolean) from public;

-- The published and retired versions of p.survey_key (p.version, if given, alone) in the
-- project's organisation that an export reads; DEFINITION_NOT_FOUND when there are none.
create function app.row_export_definitions(p_project uuid, p jsonb) returns uuid[]
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_definitions uuid[];
begin
  select array_agg(d.id order by d.version) into v_definitions
  from public.survey_definitions d
  where d.key = p ->> 'survey_key' and d.kind = 'survey' and d.status <> 'draft'
    and d.organisation_id = (select pr.organisation_id from public.projects pr where pr.id = p_project)
    and (p ->> 'version' is null or d.version = (p ->> 'version')::int);
  if v_definitions is null then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  return v_definitions;
end
$$;
revoke all on function app.row_export_definitions(uuid, jsonb) from public;

-- Begins an export: checks the caller's grant, records the export (valid one hour) and writes it
-- to the audit log (survey, version and free-text choice; no personal data). p.include_free_text
-- = false leaves free text out even when the grant allows it.
create function public.begin_row_export(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_project uuid := (p ->> 'project_id')::uuid;
  v_version int := (p ->> 'version')::int;
  v_grant public.export_grants := app.my_export_grant(v_project);
  v_free boolean;
  v_definitions uuid[];
  v_row public.row_exports;
begin
  if v_grant.id is null then perform app.fail('404', 'ROW_EXPORT_NOT_FOUND'); end if;
  v_free := v_grant.include_free_text and coalesce((p ->> 'include_free_text')::boolean, true);
  v_definitions := app.row_export_definitions(v_project, p);

  insert into public.row_exports (project_id, staff_id, grant_id, survey_key, version, definition_ids, columns, include_free_text)
  values (v_project, v_grant.staff_id, v_grant.id, p ->> 'survey_key', v_version, v_definitions,
          app.row_export_columns(v_definitions, v_free), v_free)
  returning * into v_row;
  perform app.audit('research.row_export', v_project, 'survey', v_row.survey_key,
                    jsonb_build_object('survey_key', v_row.survey_key, 'version', v_version,
                                       'include_free_text', v_free, 'export_id', v_row.id));
  return jsonb_build_object('export_id', v_row.id, 'columns', to_jsonb(v_row.columns),
                            'include_free_text', v_free, 'expires_at', v_row.expires_at);
end
$$;

-- One page of an export, keyset-paginated on responses.id (p.after = the last id of the previous
-- page; p.limit 1–5000); next is null on the last page. Only the caller's own unexpired export, and only while the grant is
-- still active: a revoked grant stops an export under way.
-- More private: participants who have withdrawn (status 'withdrawn') or have no active consent
-- are left out, even though their earlier answers remain in the aggregates' history.
-- Answers keep only the export's columns (free text is dropped here, not in the app). Rows of the
-- WAI survey also carry wai: {total, category, start: {total} | null} (start only on exit rows).
create function public.row_export_page(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp set jit = off
as $$
declare
  v_export public.row_exports;
  v_limit int := coalesce((p ->> 'limit')::int, 1000);
  v_after uuid := (p ->> 'after')::uuid;
  v_result jsonb;
begin
  if v_limit not between 1 and 5000 then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  select e.* into v_export
  from public.row_exports e join public.export_grants g on g.id = e.grant_id and g.revoked_at is null
  where e.id = (p ->> 'export_id')::uuid and e.staff_id = app.staff_id();
  if not found then perform app.fail('404', 'ROW_EXPORT_NOT_FOUND'); end if;
  if v_export.expires_at <= now() then perform app.fail('410', 'ROW_EXPORT_EXPIRED'); end if;

  select jsonb_build_object(
           'rows', coalesce(jsonb_agg(jsonb_build_object(
                     'participant_id', pg.participant_id, 'response_id', pg.id, 'version', pg.version,
                     'occasion', pg.occasion, 'submitted_on', pg.submitted_on, 'answers', pg.answers)
                     || case when pg.wai is not null then jsonb_build_object('wai', pg.wai) else '{}'::jsonb end order by pg.id)
                     filter (where pg.n <= v_limit), '[]'::jsonb),
           'next', case when count(*) > v_limit then (array_agg(pg.id order by pg.id) filter (where pg.n <= v_limit))[v_limit] end)
  into v_result
  from (
    select row_number() over (order by r.id) as n, r.id, r.participant_id, d.version, r.occasion,
           (r.submitted_at at time zone 'Europe/Stockholm')::date as submitted_on,
           (select coalesce(jsonb_object_agg(a.key, a.value), '{}'::jsonb)
            from jsonb_each(r.answers) a where a.key = any (v_export.columns)) as answers,
           -- WAI rows carry their score; an exit row also says whether the participant has a start
           -- response and its total, so the app can write the change (or why there is none).
           case when r.survey_key = 'wai' then jsonb_build_object(
             'total', r.derived -> 'wai' -> 'total', 'category', r.derived -> 'wai' -> 'category',
             'start', case when r.occasion = 'avslut' then (
               select jsonb_build_object('total', s.derived -> 'wai' -> 'total') from public.responses s
               where s.participant_id = r.participant_id and s.survey_key = 'wai' and s.occasion = 'start') end)
           end as wai
    from public.responses r
    join public.participants pa on pa.id = r.participant_id
    join public.survey_definitions d on d.id = r.definition_id
    where r.project_id = v_export.project_id and r.survey_key = v_export.survey_key
      and r.definition_id = any (v_export.definition_ids)
      and (v_after is null or r.id > v_after)
      and pa.status <> 'withdrawn'
      and exists (select 1 from public.consents c where c.participant_id = pa.id and c.withdrawn_at is null)
    order by r.id
    limit v_limit + 1 -- one more tells whether another page follows
  ) pg;
  return v_result;
end
$$;

-- The columns a row-level export would carry now, for the syntax files (SPSS, R, Stata) that load
-- its CSV: same grant check and free-text choice as begin_row_export, no export record. Each
-- download is written to the audit log with its format (p.format: sps, r or do).
create function public.row_export_syntax(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_project uuid := (p ->> 'project_id')::uuid;
  v_grant public.export_grants := app.my_export_grant(v_project);
  v_free boolean;
  v_definitions uuid[];
begin
  if v_grant.id is null then perform app.fail('404', 'ROW_EXPORT_NOT_FOUND'); end if;
  if coalesce(p ->> 'format', '') not in ('sps', 'r', 'do') then perform app.fail('400', 'VALIDATION_FAILED'); end if;
  v_free := v_grant.include_free_text and coalesce((p ->> 'include_free_text')::boolean, true);
  v_definitions := app.row_export_definitions(v_project, p);
  perform app.audit('research.row_export_syntax', v_project, 'survey', p ->> 'survey_key',
                    jsonb_build_object('survey_key', p ->> 'survey_key', 'version', (p ->> 'version')::int,
                                       'include_free_text', v_free, 'format', p ->> 'format'));
  return jsonb_build_object('columns', to_jsonb(app.row_export_columns(v_definitions, v_free)), 'include_free_text', v_free);
end
$$;

revoke all on function public.begin_row_export(jsonb), public.row_export_page(jsonb), public.row_export_syntax(jsonb)
  from public, anon, authenticated;
grant execute on function public.begin_row_export(jsonb), public.row_export_page(jsonb), public.row_export_syntax(jsonb)
  to authenticated;
