import { Layout } from '../../views/layout.tsx';

/** Where a participant types a short code. Swedish first, with the English in small type. */
export function ShortCodeEntryPage(props: { error?: string; errorEn?: string; value?: string }) {
  return (
    <Layout title="Skriv din kod">
      <h1>Skriv din kod</h1>
      <p>
        Koden har 8 tecken och du får den av din coach.{' '}
        <span class="muted" lang="en">
          Type the 8-character code from your coach.
        </span>
      </p>
      {props.error ? (
        <div class="notice error" role="alert">
          <p>{props.error}</p>
          {props.errorEn ? (
            <p class="muted" lang="en">
              {props.errorEn}
            </p>
          ) : null}
        </div>
      ) : null}
      <form method="post" action="/k" class="stack short-code-form">
        <label>
          Kod
          <input
            name="code"
            required
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            maxLength={12}
            class="code-input"
            value={props.value ?? ''}
          />
        </label>
        <button type="submit" class="primary">
          Öppna enkäten
        </button>
      </form>
    </Layout>
  );
}
