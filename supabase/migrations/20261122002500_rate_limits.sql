-- Rate limits shared by every instance of the app (Node processes, edge isolates): a fixed window
-- per (scope, key) in one table. Keys arrive already hashed with a server-side secret (HMAC), so
-- no address or e-mail is stored, nor can one be recovered by hashing guesses. System only.

create table public.rate_limits (
  scope text not null check (scope ~ '^[a-z][a-z_]{1,39}$'),
  key_hash text not null check (key_hash ~ '^[0-9a-f]{64}$'),
  hits integer not null check (hits >= 0),
  expires_at timestamptz not null,
  primary key (scope, key_hash)
);
create index rate_limits_expires_idx on public.rate_limits(expires_at);
alter table public.rate_limits enable row level security;
revoke all on public.rate_limits from anon, authenticated, service_role;

-- One item of a call: scope and hashed key, with the budget (limit per window) it is held to.
create function app.rate_limit_item(p_item jsonb) returns jsonb
language plpgsql immutable set search_path = public, pg_temp
as $$
begin
  if jsonb_typeof(p_item) is distinct from 'object'
     or coalesce(p_item ->> 'scope', '') !~ '^[a-z][a-z_]{1,39}$'
     or coalesce(p_item ->> 'key_hash', '') !~ '^[0-9a-f]{64}$'
     or coalesce(p_item ->> 'limit', '') !~ '^[0-9]{1,7}$'
     or coalesce(p_item ->> 'window_seconds', '') !~ '^[0-9]{1,5}$'
     or (p_item ->> 'limit')::int < 1
     or (p_item ->> 'window_seconds')::int not between 1 and 86400 then
    perform app.fail('400', 'VALIDATION_FAILED');
  end if;
  return p_item;
end
$$;

-- Counts one attempt against every item of p.hits, all or none: when any budget is spent the
-- call changes nothing and answers allowed = false with the seconds until the longest of the
-- spent windows ends. Items are taken in key order, so two calls never wait on each other in a
-- cycle; INSERT … ON CONFLICT DO UPDATE holds the row, so concurrent calls cannot both get the
-- last attempt. Expired rows are pruned a few at a time on the way.
create function public.rate_limit_hit(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_item jsonb;
  v_hits integer;
  v_expires timestamptz;
  v_wait integer := 0;
begin
  if auth.role() is distinct from 'service_role' then perform app.fail('403', 'FORBIDDEN'); end if;
  if jsonb_typeof(p -> 'hits') is distinct from 'array' or jsonb_array_length(p -> 'hits') not between 1 and 8 then
    perform app.fail('400', 'VALIDATION_FAILED');
  end if;
  delete from public.rate_limits where ctid in (
    select ctid from public.rate_limits where expires_at < now() order by expires_at limit 50 for update skip locked);
  begin
    for v_item in
      select app.rate_limit_item(e) from jsonb_array_elements(p -> 'hits') e
      order by e ->> 'scope', e ->> 'key_hash'
    loop
      insert into public.rate_limits as r (scope, key_hash, hits, expires_at)
      values (v_item ->> 'scope', v_item ->> 'key_hash', 1,
              now() + make_interval(secs => (v_item ->> 'window_seconds')::int))
      on conflict (scope, key_hash) do update set
        hits = case when r.expires_at <= now() then 1 else r.hits + 1 end,
        expires_at = case when r.expires_at <= now() then excluded.expires_at else r.expires_at end
      returning hits, expires_at into v_hits, v_expires;
      if v_hits > (v_item ->> 'limit')::int then
        v_wait := greatest(v_wait, 1, ceil(extract(epoch from v_expires - now()))::int);
      end if;
    end loop;
    -- Undoes this block's counting (a refused attempt spends nothing); variables keep their values.
    if v_wait > 0 then raise exception using errcode = 'EK429', message = 'RATE_LIMITED'; end if;
  exception when sqlstate 'EK429' then
    null;
  end;
  return jsonb_build_object('allowed', v_wait = 0, 'retry_after', v_wait);
end
$$;

-- Gives attempts back, for outcomes that must not count (a successful sign-in, a code that
-- worked): clear = true ends the key's window (its failures are forgotten), else one attempt is
-- returned.
create function public.rate_limit_forgive(p jsonb) returns jsonb
language plpgsql security definer set search_path = public, pg_temp
as $$
declare
  v_item jsonb;
begin
  if auth.role() is distinct from 'service_role' then perform app.fail('403', 'FORBIDDEN'); end if;
  if jsonb_typeof(p -> 'forgive') is distinct from 'array' or jsonb_array_length(p -> 'forgive') not between 1 and 8 then
    perform app.fail('400', 'VALIDATION_FAILED');
  end if;
  for v_item in
    select e from jsonb_array_elements(p -> 'forgive') e order by e ->> 'scope', e ->> 'key_hash'
  loop
    if coalesce(v_item ->> 'scope', '') !~ '^[a-z][a-z_]{1,39}$'
       or coalesce(v_item ->> 'key_hash', '') !~ '^[0-9a-f]{64}$' then
      perform app.fail('400', 'VALIDATION_FAILED');
    end if;
    if coalesce((v_item ->> 'clear')::boolean, false) then
      delete from public.rate_limits where scope = v_item ->> 'scope' and key_hash = v_item ->> 'key_hash';
    else
      update public.rate_limits set hits = greatest(hits - 1, 0)
      where scope = v_item ->> 'scope' and key_hash = v_item ->> 'key_hash' and expires_at > now();
    end if;
  end loop;
  return '{}'::jsonb;
end
$$;

revoke all on function app.rate_limit_item(jsonb) from public, anon, authenticated, service_role;
revoke all on function public.rate_limit_hit(jsonb), public.rate_limit_forgive(jsonb)
  from public, anon, authenticated;
grant execute on function public.rate_limit_hit(jsonb), public.rate_limit_forgive(jsonb) to service_role;
