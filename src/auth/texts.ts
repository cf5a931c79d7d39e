/** The sign-in page's texts. */
import type { Catalogue } from '../views/lang.tsx';

const sv = {
  title: 'Logga in',
  intro: 'För coacher, forskare och administratörer.',
  email: 'E-postadress',
  password: 'Lösenord',
  submit: 'Logga in',
  missing: 'Fyll i e-postadress och lösenord.',
};

const en: typeof sv = {
  title: 'Sign in',
  intro: 'For coaches, researchers and administrators.',
  email: 'E-mail address',
  password: 'Password',
  submit: 'Sign in',
  missing: 'Fill in your e-mail address and password.',
};

export const loginTexts: Catalogue<typeof sv> = { sv, en };
