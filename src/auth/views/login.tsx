import { Layout } from '../../views/layout.tsx';
import { useTexts } from '../../views/lang.tsx';
import { loginTexts } from '../texts.ts';

export function LoginPage(props: { error?: string; next?: string; email?: string }) {
  const t = useTexts(loginTexts);
  return (
    <Layout title={t.title}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="next" value={props.next ?? ''} />
        <label>
          {t.email}
          <input type="email" name="email" autocomplete="username" required value={props.email ?? ''} />
        </label>
        <label>
          {t.password}
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit" class="primary">
          {t.submit}
        </button>
      </form>
    </Layout>
  );
}
