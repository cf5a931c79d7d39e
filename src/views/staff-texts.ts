/** The staff page frame's texts (top bar, footer, error page). */
import type { Catalogue } from './lang.tsx';

const sv = {
  mainMenu: 'Huvudmeny',
  myParticipants: 'Mina deltagare',
  results: 'Resultat',
  admin: 'Admin',
  logout: 'Logga ut',
  accessibility: 'Tillgänglighet',
  /** The switch names the other language in that language. */
  switchTo: 'English',
  switchLabel: 'Show the pages in English',
  errorTitle: 'Det gick inte',
  errorCode: 'Felkod',
  toStart: 'Till startsidan',
};

const en: typeof sv = {
  mainMenu: 'Main menu',
  myParticipants: 'My participants',
  results: 'Results',
  admin: 'Admin',
  logout: 'Sign out',
  accessibility: 'Accessibility',
  switchTo: 'Svenska',
  switchLabel: 'Visa sidorna på svenska',
  errorTitle: 'Something went wrong',
  errorCode: 'Error code',
  toStart: 'To the start page',
};

export const frameTexts: Catalogue<typeof sv> = { sv, en };
