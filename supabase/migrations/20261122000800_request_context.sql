-- Runs one API function as a request's principal in a single round trip: sets the JWT claims and
-- the role for the current transaction (as PostgREST does), then calls public.<fn>(args).
-- Only the connecting login role (the app's "authenticator") may call it; it is not exposed to
-- anon/authenticated, and on Supabase PostgREST does this job instead.

create function app.call_as(p_claims text, p_role text, p_fn text, p_args jsonb) returns jsonb
language plpgsql set search_path = public, pg_temp
as $$
declare
  v_result jsonb;
begin
  if p_role not in ('anon', 'authenticated', 'service_role') then
    raise exception 'invalid role %', p_role;
  end if;
  if p_fn !~ '^[a-z][a-z_]{1,62}$' then
    raise exception 'invalid function name';
  end if;
  perform set_config('request.jwt.claims', p_claims, true);
  perform set_config('role', p_role, true);
  -- By argument name, as PostgREST calls (fn(p := …)): a renamed argument fails here too.
  execute format('select public.%I(p => $1)', p_fn) into v_result using p_args;
  return v_result;
end
$$;
revoke all on function app.call_as(text, text, text, jsonb) from public, anon, authenticated, service_role;
