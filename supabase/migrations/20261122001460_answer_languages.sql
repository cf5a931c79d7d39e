-- Answer languages: how many responses to a survey were given in each participant language
-- (responses.locale; 'unknown' where it was not recorded), for the codebook and the
-- Rapportunderlag. Researchers and admins of the project only; counts, never who answered in which
-- language (there are no grants on responses, and no row export carries the language).
--
-- The language someone answered in says something about their origin, so the counts are a
-- frequency table of people under the register-count rule (docs/disclosure-control.md, rule 5),
-- taken over the same blocks as the survey figures (rules 2 and 3: closed quarters, whole period
-- segments of (project, version, occasion) holding at least the minimum): a language a block would
-- hide by itself (app.category_counts: a non-zero count below the minimum, and when exactly one is,
-- the next smallest too) is hidden in every result holding that block (app.guarded_counts). So a
-- count shown is a sum of block counts of 0 or at least the minimum, two results showing it differ
-- by such counts, and a hidden count cannot be recovered from the total. The language series is
-- not a new item series: the item figures count every language together (research aggregates).

-- p: {project_id, survey_key, version?: int, from?: 'YYYY-MM-DD', to?: (first days of quarters),
--     export?: boolean, format?: text}. A download (export) is recorded in the audit log.
create function public.answer_languages(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp set jit = off
as $$
declare
  v_project public.projects := app.research_project((p ->> 'project_id')::uuid);
  v_min int := v_project.min_group_size;
  v_from date := nullif(p ->> 'from', '')::date;
  v_to date := nullif(p ->> 'to', '')::date;
  v_version int := nullif(p ->> 'version', '')::int;
  -- Closed quarters only: the first day of the current quarter (Swedish time) is the cut-off.
  v_before date := app.quarter_of(now());
  v_counts jsonb;
begin
  if (v_from is not null and v_from <> app.quarter_of(v_from::timestamp at time zone 'Europe/Stockholm'))
     or (v_to is not null and v_to <> app.quarter_of(v_to::timestamp at time zone 'Europe/Stockholm'))
     or v_from > v_to then
    perform app.fail('400', 'PERIOD_INVALID');
  end if;

  with sq as (
    select d.id as definition_id, o.occasion, q.quarter, q.segment
    from public.survey_definitions d
    cross join lateral jsonb_array_elements_text(d.meta -> 'occasions') o(occasion)
    cross join lateral app.selected_quarters(array[v_project.id], d.id, o.occasion, v_from, v_to, v_before) q
    where d.key = p ->> 'survey_key' and d.kind = 'survey' and d.status <> 'draft'
      and d.organisation_id = v_project.organisation_id
      and (v_version is null or d.version = v_version)
  ),
  r as (
    select sq.definition_id::text || ':' || sq.occasion || ':' || sq.segment as block,
           coalesce(re.locale, 'unknown') as lang
    from public.responses re
    join sq on sq.definition_id = re.definition_id and sq.occasion = re.occasion
           and sq.quarter = app.quarter_of(re.submitted_at)
    where re.project_id = v_project.id
  ),
  -- Blocks holding at least the minimum: the responses the survey figures publish.
  published as (select r.* from r where r.block in (select block from r group by block having count(*) >= v_min))
  select app.guarded_counts(
           coalesce((select array_agg(distinct lang order by lang) from published), '{}'),
           (select array_agg(lang) from published),
           (select array_agg(block) from published),
           (select array_agg(lang) from published),
           v_min)
  into v_counts;

  if coalesce((p ->> 'export')::boolean, false) then
    perform app.audit('research.export', v_project.id, 'survey', p ->> 'survey_key',
                      jsonb_build_object('format', p ->> 'format', 'what', 'answer_languages', 'from', v_from, 'to', v_to,
                                         'version', v_version));
  end if;
  return jsonb_build_object(
    'project_id', v_project.id, 'survey_key', p ->> 'survey_key', 'min_group_size', v_min,
    'closed_through', v_before - 1,
    'filter', jsonb_build_object('from', v_from, 'to', v_to, 'version', v_version),
    'responses', v_counts -> 'n', 'suppressed', v_counts -> 'suppressed',
    'languages', (select coalesce(jsonb_agg(jsonb_build_object('language', c ->> 'category', 'n', c -> 'n',
                                                              'suppressed', c -> 'suppressed') order by ord), '[]'::jsonb)
                  from jsonb_array_elements(v_counts -> 'categories') with ordinality e(c, ord)));
end
$$;

revoke all on function public.answer_languages(jsonb) from public, anon, authenticated;
grant execute on function public.answer_languages(jsonb) to authenticated;
