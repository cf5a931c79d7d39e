import { Layout } from '../../views/layout.tsx';

export function LoginPage(props: { error?: string; next?: string; email?: string }) {
  return (
    <Layout title="Logga in">
      <h1>Logga in</h1>
      <p>För coacher, forskare och administratörer.</p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="next" value={props.next ?? ''} />
        <label>
          E-postadress
          <input type="email" name="email" autocomplete="username" required value={props.email ?? ''} />
        </label>
        <label>
          Lösenord
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit" class="primary">
          Logga in
        </button>
      </form>
    </Layout>
  );
}
