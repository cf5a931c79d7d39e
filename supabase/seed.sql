-- Seed for a LOCAL Supabase stack only (`supabase start`, `supabase db reset`); never run on a
-- hosted project. Deliberately creates nothing:
-- * the survey definitions are validated by the app before they are stored, so they are seeded
--   by `npm run setup` (DATABASE_URL = the local stack's postgresql://postgres:postgres@127.0.0.1:54322/postgres);
-- * no accounts and no passwords belong in a file in the repository: `npm run setup -- --email …
--   --organisation … --project …` creates the first admin and prints a one-time password.
-- supabase/local/bootstrap.sql is for plain PostgreSQL and PGlite only: Supabase has those roles
-- and auth.* functions itself.
select 1;
