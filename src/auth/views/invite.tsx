import { MIN_PASSWORD_LENGTH } from '../passwords.ts';
import { Layout } from '../../views/layout.tsx';

/** The page behind a one-time link: the person chooses their password. */
export function SetPasswordPage(props: { token: string; email: string; error?: string }) {
  return (
    <Layout title="Välj lösenord">
      <h1>Välj lösenord</h1>
      <p>
        Kontot <strong>{props.email}</strong>. Välj ett lösenord med minst {MIN_PASSWORD_LENGTH} tecken. Länken fungerar
        en gång. När lösenordet är sparat är du inloggad.
      </p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action={`/invite/${props.token}`} class="stack">
        <input type="text" name="username" autocomplete="username" value={props.email} hidden />
        <label>
          Nytt lösenord
          <input type="password" name="password" autocomplete="new-password" required minlength={MIN_PASSWORD_LENGTH} />
        </label>
        <label>
          Samma lösenord igen
          <input type="password" name="confirm" autocomplete="new-password" required minlength={MIN_PASSWORD_LENGTH} />
        </label>
        <button type="submit" class="primary">
          Spara lösenord
        </button>
      </form>
    </Layout>
  );
}
