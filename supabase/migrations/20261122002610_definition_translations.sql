-- Translation files (issue 20): an admin downloads a version's texts in one language for a
-- translator (src/admin/translation-routes.tsx builds the XLIFF or CSV file from what this returns)
-- and reads the translator's file back into the key's draft through save_definition_draft, which
-- records the import ('definition.translation_imported'). Same reach as definition_get: the
-- caller's organisation's versions only, 404 for everything else.

-- One version, drafts included, for a translator's file (src/admin/translation-routes.tsx): the
-- download is recorded (which language and format), as the other exports are.
create function public.definition_translation_export(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_row public.survey_definitions;
begin
  select * into v_row from public.survey_definitions
  where id = (p ->> 'id')::uuid and organisation_id = app.definition_organisation();
  if not found then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  if coalesce(p ->> 'lang', '') !~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2}$' or p ->> 'lang' = 'sv'
     or coalesce(p ->> 'format', '') not in ('xliff', 'csv') then
    perform app.fail('400', 'VALIDATION_FAILED');
  end if;
  perform app.audit('definition.translation_exported', null, 'survey_definition', v_row.id::text,
                    jsonb_build_object('key', v_row.key, 'version', v_row.version,
                                       'lang', p ->> 'lang', 'format', p ->> 'format'));
  return app.definition_admin_json(v_row);
end
$$;

revoke all on function public.definition_translation_export(jsonb) from public, anon;
grant execute on function public.definition_translation_export(jsonb) to authenticated;
