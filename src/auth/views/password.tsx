import type { StaffContext } from '../../store/store.ts';
import { Layout } from '../../views/layout.tsx';
import { MIN_PASSWORD_LENGTH } from '../passwords.ts';

/**
 * The signed-in staff member chooses a new password. `forced`: they signed in with a one-time
 * password someone else saw (the demo, the staff CLI), and nothing else opens until it is replaced.
 */
export function ChangePasswordPage(props: { staff: StaffContext; forced: boolean; error?: string }) {
  return (
    <Layout title="Byt lösenord" staff={props.forced ? undefined : props.staff}>
      <h1>Byt lösenord</h1>
      {props.forced ? (
        <p>
          Du loggade in med ett engångslösenord. Välj ett eget lösenord innan du fortsätter, med minst{' '}
          {MIN_PASSWORD_LENGTH} tecken.
        </p>
      ) : (
        <p>Välj ett nytt lösenord med minst {MIN_PASSWORD_LENGTH} tecken. Du loggas ut på andra enheter.</p>
      )}
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/account/password" class="stack">
        <input type="text" name="username" autocomplete="username" value={props.staff.email} hidden />
        <label>
          Nuvarande lösenord
          <input type="password" name="current" autocomplete="current-password" required />
        </label>
        <label>
          Nytt lösenord
          <input type="password" name="password" autocomplete="new-password" required minlength={MIN_PASSWORD_LENGTH} />
        </label>
        <label>
          Samma nya lösenord igen
          <input type="password" name="confirm" autocomplete="new-password" required minlength={MIN_PASSWORD_LENGTH} />
        </label>
        <button type="submit" class="primary">
          Spara lösenord
        </button>
      </form>
      {props.forced ? (
        <form method="post" action="/logout" class="inline">
          <button type="submit" class="link">
            Logga ut
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
