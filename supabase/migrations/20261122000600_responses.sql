-- Responses: one row per submitted questionnaire, keyed by the client's uuid (idempotency key).
-- The scored items are also kept as a smallint array in the order of the definition's
-- meta.scored (NULL = missing), so aggregates group one table without a join and a submission
-- writes one row. Nobody reads rows directly: no grants.

create table public.responses (
  id uuid primary key,
  participant_id uuid not null references public.participants(id) on delete cascade,
  project_id uuid not null references public.projects(id),
  definition_id uuid not null references public.survey_definitions(id),
  survey_key text not null,
  occasion text not null check (occasion in ('start', 'pagaende', 'avslut')),
  answers jsonb not null check (jsonb_typeof(answers) = 'object'),
  scores smallint[] not null default '{}' check (0 <= all (scores) and 100 >= all (scores)),
  -- Scores the app computed from the answers on submit (e.g. {"wai": {"total": 38.5, …}});
  -- recomputable from answers at any time.
  derived jsonb not null default '{}'::jsonb check (jsonb_typeof(derived) = 'object'),
  submitted_at timestamptz not null default now(),
  -- The participant language the questions were shown in (src/participant/i18n/locales.ts);
  -- NULL for answers stored before it was recorded. Counted in research figures, never exported per row.
  locale text check (locale in ('sv', 'sv-x-ll', 'en', 'ar', 'so', 'ti', 'prs', 'fa')),
  unique (participant_id, survey_key, occasion)
);
create index responses_project_definition_idx on public.responses(project_id, definition_id);
-- Serves the keyset scan of public.row_export_page: one project and survey, in id order.
create index responses_project_survey_id_idx on public.responses(project_id, survey_key, id);

alter table public.responses enable row level security;
-- Deliberately no policies and no grants for anon or authenticated: coaches, researchers and
-- admins never read individual answers. Aggregates come from public.item_aggregates().
revoke all on public.responses from anon, authenticated;

-- Stores a submission as the participant in the request claims. A retry with the same id returns
-- the stored response; everything is checked before anything is written.
create function public.submit_response(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_claims jsonb := app.claims();
  v_id uuid := (p ->> 'id')::uuid;
  v_definition uuid := (p ->> 'definition_id')::uuid;
  v_answers jsonb := p -> 'answers';
  v_locale text := p ->> 'locale';
  v_participant uuid;
  v_project uuid;
  v_status text;
  v_consented boolean;
  v_reconsent boolean;
  v_key text;
  v_scored jsonb;
  v_row public.responses;
  v_bad boolean;
  v_scores smallint[];
  v_submitted timestamptz;
begin
  -- One lookup for the participant, their consent and an earlier submission under this id.
  select pa.id, pa.project_id, pa.status,
         exists (select 1 from public.consents c where c.participant_id = pa.id and c.withdrawn_at is null),
         coalesce(pr.settings ->> 'requireReconsent', 'false') = 'true'
  into v_participant, v_project, v_status, v_consented, v_reconsent
  from public.participants pa join public.projects pr on pr.id = pa.project_id
  -- app.participant_id(): the participant of a link that is not revoked.
  where pa.id = app.participant_id()
  -- The lock the insert's foreign key takes anyway, taken first: a submission racing a withdrawal
  -- waits for it and then sees status 'withdrawn'.
  for key share of pa;
  if v_participant is null then perform app.fail('404', 'PARTICIPANT_NOT_FOUND'); end if;
  -- Withdrawn before a retry is looked up: an old client uuid collects nothing either (under the
  -- 'erase' policy the response is gone; under 'keep' it is not handed back).
  if v_status = 'withdrawn' then perform app.fail('409', 'CONSENT_WITHDRAWN'); end if;

  -- Checked before the retry lookup, so a bad value is refused alike whether or not a response exists.
  if v_locale is not null and v_locale not in ('sv', 'sv-x-ll', 'en', 'ar', 'so', 'ti', 'prs', 'fa') then
    perform app.fail('400', 'VALIDATION_FAILED');
  end if;

  -- A retry of a stored submission is answered from what is stored (its language included: a retry
  -- in another language changes nothing).
  select * into v_row from public.responses where id = v_id;
  if found then
    if v_row.participant_id = v_participant and v_row.definition_id = v_definition then
      return jsonb_build_object('id', v_row.id, 'submitted_at', v_row.submitted_at, 'created', false);
    end if;
    perform app.fail('409', 'RESPONSE_ID_CONFLICT');
  end if;

  if not v_consented then perform app.fail('422', 'CONSENT_REQUIRED'); end if;
  -- Only projects that require it look for a newer consent text (the common path stays one lookup).
  if v_reconsent and app.consent_state(v_participant) = 'renew' then perform app.fail('422', 'CONSENT_RENEWAL_REQUIRED'); end if;

  -- Only the key and the scored items: the SurveyJS JSON itself is large and not needed here.
  -- Only a definition of the project's own organisation.
  select d.key, d.meta -> 'scored' into v_key, v_scored
  from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
  where d.id = v_definition and d.kind = 'survey' and d.status = 'published' and pr.id = v_project
    and d.meta -> 'occasions' ? (v_claims ->> 'occasion');
  if v_key is null or v_key <> v_claims ->> 'survey' then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  if jsonb_typeof(v_answers) is distinct from 'object' then perform app.fail('400', 'ANSWERS_INVALID'); end if;

  -- Defence in depth: the app validated the answers already; the scale is enforced here too.
  -- One pass over the scored items gives both the verdict and the scores array (NULL = missing).
  select coalesce(bool_or(t.bad), false), coalesce(array_agg(t.value order by t.ord), '{}')
  into v_bad, v_scores
  from (
    select x.ord,
           a.v is not null and not coalesce(x.s -> 'missing', '[]'::jsonb) @> jsonb_build_array(a.v) as scored,
           case when a.v is null or coalesce(x.s -> 'missing', '[]'::jsonb) @> jsonb_build_array(a.v) then false
                when jsonb_typeof(a.v) <> 'number' then true
                else (a.v #>> '{}')::numeric % 1 <> 0
                     or (a.v #>> '{}')::numeric not between (x.s ->> 'min')::int and (x.s ->> 'max')::int end as bad,
           a.v
    from jsonb_array_elements(v_scored) with ordinality x(s, ord), lateral (select v_answers -> (x.s ->> 'name') as v) a
  ) t0, lateral (select t0.ord, t0.bad, case when t0.scored and not t0.bad then (t0.v #>> '{}')::smallint end as value) t;
  if v_bad then perform app.fail('422', 'ANSWER_OUT_OF_RANGE'); end if;

  -- on conflict covers both the id (a concurrent retry) and one response per participant,
  -- survey and occasion, without the cost of an exception block.
  insert into public.responses (id, participant_id, project_id, definition_id, survey_key, occasion, answers, scores, derived, locale)
  values (v_id, v_participant, v_project, v_definition, v_key, v_claims ->> 'occasion', v_answers, v_scores,
          coalesce(p -> 'derived', '{}'::jsonb), v_locale)
  on conflict do nothing
  returning submitted_at into v_submitted;
  if v_submitted is null then
    select * into v_row from public.responses where id = v_id and participant_id = v_participant;
    if found then
      return jsonb_build_object('id', v_row.id, 'submitted_at', v_row.submitted_at, 'created', false);
    end if;
    perform app.fail('409', 'ALREADY_SUBMITTED');
  end if;

  return jsonb_build_object('id', v_id, 'submitted_at', v_submitted, 'created', true);
end
$$;

revoke all on function public.submit_response(jsonb) from public, anon, authenticated;
grant execute on function public.submit_response(jsonb) to authenticated;
