-- Per-language approval of a definition version (issue 20): which languages of a published version
-- the organisation's participants are offered. The table is in the survey definitions migration
-- (public.published_definition reads it); here are the admin's functions. Only an admin of the
-- organisation changes its own published versions (app.definition_for_change), each change is
-- audited, and a new version starts without approvals.

-- The languages of one version of the caller's organisation approved for participants, with when
-- and by whom (the admin's e-mail: staff of the same organisation only).
create function public.definition_language_list(p jsonb) returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp
as $$
declare
  v_id uuid := (p ->> 'id')::uuid;
begin
  if not exists (select 1 from public.survey_definitions
                 where id = v_id and organisation_id = app.definition_organisation()) then
    perform app.fail('404', 'DEFINITION_NOT_FOUND');
  end if;
  return coalesce((select jsonb_agg(jsonb_build_object('lang', l.lang, 'approved_at', l.approved_at,
                                                       'approved_by', s.email) order by l.lang)
                   from public.definition_languages l left join public.staff s on s.id = l.approved_by
                   where l.definition_id = v_id), '[]'::jsonb);
end
$$;

-- Approves a language of a published version for participants, or withdraws the approval
-- (p.approved false). The app checks that the version has the language's texts and that a consent
-- form's warning was confirmed; the database that only an admin of the organisation changes its
-- own published versions, and audits each change. Approving twice, or withdrawing what is not
-- approved, changes nothing and writes nothing.
create function public.set_definition_language(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
  v_lang text := p ->> 'lang';
  v_approve boolean := coalesce((p ->> 'approved')::boolean, true);
  v_changed int;
begin
  v_row := app.definition_for_change((p ->> 'id')::uuid, 'published');
  if v_lang is null or v_lang = 'sv' or v_lang !~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2}$' then
    perform app.fail('400', 'VALIDATION_FAILED');
  end if;
  if v_approve then
    insert into public.definition_languages (definition_id, lang, approved_by)
    values (v_row.id, v_lang, app.staff_id()) on conflict do nothing;
  else
    delete from public.definition_languages where definition_id = v_row.id and lang = v_lang;
  end if;
  get diagnostics v_changed = row_count;
  if v_changed > 0 then
    perform app.audit(case when v_approve then 'definition.language_approved' else 'definition.language_withdrawn' end,
                      null, 'survey_definition', v_row.id::text,
                      jsonb_build_object('key', v_row.key, 'version', v_row.version, 'lang', v_lang,
                                         'consent_form', v_row.kind = 'consent'));
  end if;
  return jsonb_build_object('changed', v_changed > 0, 'languages', public.definition_language_list(jsonb_build_object('id', v_row.id)));
end
$$;

revoke all on function public.definition_language_list(jsonb), public.set_definition_language(jsonb) from public, anon, authenticated;
grant execute on function public.definition_language_list(jsonb), public.set_definition_language(jsonb) to authenticated;
