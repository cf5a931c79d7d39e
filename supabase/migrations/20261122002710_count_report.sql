-- Count report for the national follow-up (Uppföljning Finsam): participants per project by gender
-- per period, exact. These are register counts without answers, filed by the project's admins, so
-- no disclosure rule applies; nobody else may read them (not even the project's researchers).

-- The counts of one project and period (days in Swedish time, both ends included):
--   active:   enrolled on or before the last day and not exited before the first day;
--   enrolled: enrolled within the period;  exited: exited within the period.
-- Each split by gender, with 'saknas' for participants without a recorded gender, and a total.
create function app.count_report_rows(p_project uuid, p_from date, p_to date) returns jsonb
language sql stable set search_path = public, pg_temp
as $$
  with pa as (
    select coalesce(pa.gender, 'saknas') as g,
           (pa.enrolled_at at time zone 'Europe/Stockholm')::date as enrolled_on,
           (pa.exited_at at time zone 'Europe/Stockholm')::date as exited_on
    from public.participants pa
    where pa.project_id = p_project
  ),
  flagged as (
    select g,
           enrolled_on <= p_to and (exited_on is null or exited_on >= p_from) as active,
           enrolled_on between p_from and p_to as enrolled,
           coalesce(exited_on between p_from and p_to, false) as exited
    from pa
  ),
  measures as (
    select m.measure, f.g
    from flagged f
    cross join lateral (values ('active', f.active), ('enrolled', f.enrolled), ('exited', f.exited)) as m(measure, counted)
    where m.counted
  )
  select jsonb_object_agg(s.measure, s.counts)
  from (
    select k.measure, jsonb_build_object(
             'kvinna', count(x.g) filter (where x.g = 'kvinna'),
             'man', count(x.g) filter (where x.g = 'man'),
             'annat', count(x.g) filter (where x.g = 'annat'),
             'vill_inte_ange', count(x.g) filter (where x.g = 'vill_inte_ange'),
             'saknas', count(x.g) filter (where x.g = 'saknas'),
             'total', count(x.g)) as counts
    from (values ('active'), ('enrolled'), ('exited')) k(measure)
    left join measures x on x.measure = k.measure
    group by k.measure
  ) s
$$;
revoke all on function app.count_report_rows(uuid, date, date) from public, anon, authenticated, service_role;

-- The report for the projects p.project_ids (1–50, each administered by the caller, else 404 as
-- if it did not exist) and the period p.from–p.to (dates, from <= to). p.export records the
-- download in the audit log, one entry per project, naming the period only.
create function public.admin_count_report(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_ids uuid[];
  v_from date;
  v_to date;
  v_id uuid;
begin
  if app.staff_id() is null then perform app.fail('404', 'PROJECT_NOT_FOUND'); end if;
  if jsonb_typeof(p -> 'project_ids') is distinct from 'array' or jsonb_array_length(p -> 'project_ids') not between 1 and 50 then
    perform app.fail('404', 'PROJECT_NOT_FOUND');
  end if;
  begin
    v_ids := array(select distinct e::uuid from jsonb_array_elements_text(p -> 'project_ids') e);
  exception when others then
    perform app.fail('404', 'PROJECT_NOT_FOUND');
  end;
  foreach v_id in array v_ids loop
    if not app.has_role(v_id, array['admin']) then perform app.fail('404', 'PROJECT_NOT_FOUND'); end if;
  end loop;
  begin
    v_from := (p ->> 'from')::date;
    v_to := (p ->> 'to')::date;
  exception when others then
    perform app.fail('400', 'REPORT_PERIOD_INVALID');
  end;
  if v_from is null or v_to is null or v_from > v_to then perform app.fail('400', 'REPORT_PERIOD_INVALID'); end if;
  if coalesce((p ->> 'export')::boolean, false) then
    foreach v_id in array v_ids loop
      perform app.audit('admin.count_report', v_id, 'project', v_id::text,
                        jsonb_build_object('from', v_from, 'to', v_to));
    end loop;
  end if;
  return jsonb_build_object('from', v_from, 'to', v_to, 'projects', (
    select coalesce(jsonb_agg(jsonb_build_object('id', pr.id, 'name', pr.name,
                                                 'counts', app.count_report_rows(pr.id, v_from, v_to))
                              order by pr.name, pr.id), '[]'::jsonb)
    from public.projects pr where pr.id = any (v_ids)));
end
$$;

revoke all on function public.admin_count_report(jsonb) from public, anon, authenticated;
grant execute on function public.admin_count_report(jsonb) to authenticated;
