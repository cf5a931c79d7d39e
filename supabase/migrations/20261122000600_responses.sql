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
  submitted_at timestamptz not null default now(),
  unique (participant_id, survey_key, occasion)
);
create index responses_project_definition_idx on public.responses(project_id, definition_id);

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
  v_participant public.participants;
  v_def public.survey_definitions;
  v_row public.responses;
  v_answers jsonb := p -> 'answers';
begin
  select * into v_participant from public.participants where id = app.participant_id();
  if not found then perform app.fail('404', 'PARTICIPANT_NOT_FOUND'); end if;

  -- A retry of a stored submission is answered from what is stored.
  select * into v_row from public.responses where id = v_id;
  if found then
    if v_row.participant_id = v_participant.id and v_row.definition_id = (p ->> 'definition_id')::uuid then
      return jsonb_build_object('id', v_row.id, 'submitted_at', v_row.submitted_at, 'created', false);
    end if;
    perform app.fail('409', 'RESPONSE_ID_CONFLICT');
  end if;

  if v_participant.status = 'withdrawn' then perform app.fail('409', 'CONSENT_WITHDRAWN'); end if;
  if not exists (select 1 from public.consents where participant_id = v_participant.id and withdrawn_at is null) then
    perform app.fail('422', 'CONSENT_REQUIRED');
  end if;

  select * into v_def from public.survey_definitions
  where id = (p ->> 'definition_id')::uuid and kind = 'survey' and status = 'published';
  if not found or v_def.key <> v_claims ->> 'survey' then perform app.fail('404', 'DEFINITION_NOT_FOUND'); end if;
  if jsonb_typeof(v_answers) is distinct from 'object' then perform app.fail('400', 'ANSWERS_INVALID'); end if;

  -- Defence in depth: the app validated the answers already; the scale is enforced here too.
  if exists (
    select 1 from jsonb_array_elements(v_def.meta -> 'scored') s, lateral (select v_answers -> (s ->> 'name') as v) a
    where a.v is not null and not coalesce(s -> 'missing', '[]'::jsonb) @> jsonb_build_array(a.v)
      and case when jsonb_typeof(a.v) <> 'number' then true
               else (a.v #>> '{}')::numeric % 1 <> 0
                    or (a.v #>> '{}')::numeric not between (s ->> 'min')::int and (s ->> 'max')::int end
  ) then
    perform app.fail('422', 'ANSWER_OUT_OF_RANGE');
  end if;

  -- on conflict covers both the id (a concurrent retry) and one response per participant,
  -- survey and occasion, without the cost of an exception block.
  insert into public.responses (id, participant_id, project_id, definition_id, survey_key, occasion, answers, scores)
  select v_id, v_participant.id, v_participant.project_id, v_def.id, v_def.key, v_claims ->> 'occasion', v_answers,
         coalesce(array_agg(case when a.v is null or coalesce(s -> 'missing', '[]'::jsonb) @> jsonb_build_array(a.v) then null
                                 else (a.v #>> '{}')::smallint end order by x.ord), '{}')
  from jsonb_array_elements(v_def.meta -> 'scored') with ordinality x(s, ord),
       lateral (select v_answers -> (s ->> 'name') as v) a
  on conflict do nothing
  returning * into v_row;
  if not found then
    select * into v_row from public.responses where id = v_id and participant_id = v_participant.id;
    if found then
      return jsonb_build_object('id', v_row.id, 'submitted_at', v_row.submitted_at, 'created', false);
    end if;
    perform app.fail('409', 'ALREADY_SUBMITTED');
  end if;

  return jsonb_build_object('id', v_row.id, 'submitted_at', v_row.submitted_at, 'created', true);
end
$$;

revoke all on function public.submit_response(jsonb) from public, anon, authenticated;
grant execute on function public.submit_response(jsonb) to authenticated;
