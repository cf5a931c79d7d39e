/**
 * The participant pages' own words (the questionnaires carry theirs in the definition), the
 * languages offered, and writing direction. A locale without our own texts falls back to Swedish.
 */
/**
 * A hand-over: the coach's phone shows the survey, and the page carries the link token itself
 * (participant/routes.tsx, /d). Read once; false outside a browser (tests import these texts).
 */
export const handover = typeof document !== 'undefined' && document.querySelector('meta[name="enkat-link"]') !== null;

export type UiLang = 'sv' | 'en';
/** The languages the switch offers, each named in itself. */
export const UI_LANGS: { lang: UiLang; name: string }[] = [
  { lang: 'sv', name: 'På svenska' },
  { lang: 'en', name: 'In English' },
];

/** Written right to left: Arabic, Persian, Dari, Hebrew, Urdu, Pashto, Yiddish, Sorani Kurdish, Dhivehi. */
export const RTL_LOCALES: readonly string[] = ['ar', 'fa', 'prs', 'he', 'ur', 'ps', 'yi', 'ckb', 'dv'];

export function dirOf(locale: string): 'rtl' | 'ltr' {
  return RTL_LOCALES.includes(locale.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

/** A locale as asked for in ?lang=: a short BCP 47 language tag, or null. */
export function parseLocale(value: string | null): string | null {
  return value && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(value) ? value : null;
}

const sv = {
  languages: 'Språk',
  thanks: 'Tack för dina svar!',
  thanksBody: 'Dina svar är sparade. Du kan stänga sidan nu.',
  already: 'Du har redan svarat på den här enkäten. Tack!',
  withdrawn: 'Du har återkallat ditt samtycke',
  withdrawnBody: 'Inget mer samlas in från dig. Du får samma stöd som förut. Du kan stänga sidan.',
  sending: 'Skickar dina svar …',
  offline: 'Du är inte uppkopplad. Dina svar är sparade i telefonen och skickas när du är uppkopplad igen.',
  serverBusy: 'Det gick inte att skicka just nu. Dina svar är sparade i telefonen och skickas igen om en stund.',
  notSentTitle: 'Dina svar är inte skickade än',
  retryNow: 'Försök igen nu',
  error: 'Något gick fel',
  tryAgain: 'Försök igen om en stund. Dina svar finns kvar.',
  linkTitle: 'Länken fungerar inte',
  progress: (n: number, of: number) => `Fråga ${n} av ${of}`,
  saveLater: 'Spara och fortsätt senare',
  savedTitle: 'Dina svar är sparade',
  savedBody:
    'Du kan stänga sidan nu. Öppna samma länk igen på den här telefonen när du vill fortsätta. Du kommer tillbaka till samma fråga.',
  savedLocalBody: 'Dina svar är sparade i telefonen. Öppna samma länk igen på den här telefonen när du vill fortsätta.',
  continue: 'Fortsätt svara',
  withdrawLink: 'Återkalla samtycke',
  declineLink: 'Jag vill inte delta',
  consentRenew:
    'Texten om samtycke har ändrats. Läs den nya texten och svara igen. Du behöver göra det innan du kan fortsätta.',
  withdrawTitle: 'Återkalla ditt samtycke',
  withdrawIntro: 'Du kan när som helst ångra dig, utan att säga varför.',
  withdrawPoints: [
    'Vi samlar inte in några fler svar från dig.',
    'Du får samma stöd som förut. Det påverkar inte ditt stöd.',
    'Din coach ser att du har återkallat ditt samtycke, men inte varför.',
  ],
  /** What happens to answers already sent, under the project's withdrawal policy (also {withdrawalAnswers} in the consent text). */
  sentAnswers: {
    erase: 'Svar du redan har skickat tas bort direkt. De finns inte kvar och räknas inte i några sammanställningar.',
    keep: 'Svar du redan har skickat finns kvar i sammanställningarna, utan ditt namn.',
  },
  /** After the withdrawal, under the policy applied. */
  sentAnswersDone: {
    erase: 'Dina svar är borttagna.',
    keep: 'Svar du redan har skickat finns kvar i sammanställningarna, utan ditt namn.',
  },
  contact: (who: string) => `Frågor: ${who}`,
  withdrawConfirm: 'Ja, återkalla mitt samtycke',
  withdrawCancel: 'Nej, gå tillbaka',
  withdrawing: 'Återkallar …',
  withdrawDone: 'Ditt samtycke är återkallat',
  declineTitle: 'Du behöver inte delta',
  declineBody:
    'Du har inte lämnat något samtycke, och inget av det du har fyllt i har skickats till oss. Om du inte vill delta kan du stänga sidan. Du får samma stöd ändå.',
  back: 'Tillbaka',
  offlineBanner: 'Du är offline. Dina svar sparas på telefonen och skickas när du är uppkopplad igen.',
  answerRequired: 'Välj ett svar för att gå vidare.',
  consentRequired: 'Kryssa i rutan om du vill vara med. Vill du inte vara med, tryck på ”Jag vill inte delta”.',
  declineRecord: 'Vill du att din coach ska veta att du inte vill delta? Tryck på knappen. Då frågar vi dig inte igen.',
  declineConfirm: 'Jag vill inte delta',
  declinedTitle: 'Tack för att du sa till',
  declinedBody:
    'Din coach ser att du inte vill delta, men inte varför. Vi frågar dig inte igen. Du får samma stöd ändå. Om du ändrar dig kan du öppna länken igen.',
};

const en: typeof sv = {
  languages: 'Language',
  thanks: 'Thank you for your answers!',
  thanksBody: 'Your answers are saved. You can close this page now.',
  already: 'You have already answered this survey. Thank you!',
  withdrawn: 'You have withdrawn your consent',
  withdrawnBody: 'Nothing more is collected from you. You get the same support as before. You can close this page.',
  sending: 'Sending your answers …',
  offline: 'You are not connected. Your answers are saved on this phone and will be sent when you are connected again.',
  serverBusy: 'Your answers could not be sent just now. They are saved on this phone and will be sent again shortly.',
  notSentTitle: 'Your answers are not sent yet',
  retryNow: 'Try again now',
  error: 'Something went wrong',
  tryAgain: 'Try again in a moment. Your answers are kept.',
  linkTitle: 'The link does not work',
  progress: (n: number, of: number) => `Question ${n} of ${of}`,
  saveLater: 'Save and continue later',
  savedTitle: 'Your answers are saved',
  savedBody:
    'You can close this page now. Open the same link again on this phone when you want to continue. You will come back to the same question.',
  savedLocalBody:
    'Your answers are saved on this phone. Open the same link again on this phone when you want to continue.',
  continue: 'Continue answering',
  withdrawLink: 'Withdraw consent',
  declineLink: 'I do not want to take part',
  consentRenew: 'The consent text has changed. Please read the new text and answer again before you go on.',
  withdrawTitle: 'Withdraw your consent',
  withdrawIntro: 'You can change your mind at any time, without giving a reason.',
  withdrawPoints: [
    'We collect no more answers from you.',
    'You get the same support as before. It does not affect your support.',
    'Your coach sees that you have withdrawn your consent, but not why.',
  ],
  sentAnswers: {
    erase: 'Answers you have already sent are deleted at once. They are not kept and are not counted in any summaries.',
    keep: 'Answers you have already sent stay in the summaries, without your name.',
  },
  sentAnswersDone: {
    erase: 'Your answers are deleted.',
    keep: 'Answers you have already sent stay in the summaries, without your name.',
  },
  contact: (who: string) => `Questions: ${who}`,
  withdrawConfirm: 'Yes, withdraw my consent',
  withdrawCancel: 'No, go back',
  withdrawing: 'Withdrawing …',
  withdrawDone: 'Your consent is withdrawn',
  declineTitle: 'You do not have to take part',
  declineBody:
    'You have not given consent, and nothing you filled in has been sent to us. If you do not want to take part, you can close this page. You get the same support either way.',
  back: 'Back',
  offlineBanner: 'You are offline. Your answers are saved on this phone and will be sent when you are connected again.',
  answerRequired: 'Choose an answer to go on.',
  consentRequired: 'Tick the box if you want to take part. If you do not, tap “I do not want to take part”.',
  declineRecord:
    'Do you want your coach to know that you do not want to take part? Press the button. Then we will not ask you again.',
  declineConfirm: 'I do not want to take part',
  declinedTitle: 'Thank you for telling us',
  declinedBody:
    'Your coach sees that you do not want to take part, but not why. We will not ask you again. You get the same support either way. If you change your mind, you can open the link again.',
};

export type Texts = typeof sv;
const all: Record<UiLang, Texts> = { sv, en };

/**
 * On the coach's phone (a hand-over) the last words ask for the phone to be given back, never
 * "you can close the page": the coach takes the phone back with the password (coach/handover-return).
 */
const onCoachPhone: Record<UiLang, Partial<Texts>> = {
  sv: {
    thanksBody: 'Dina svar är sparade. Lämna tillbaka telefonen till din coach.',
    withdrawnBody:
      'Inget mer samlas in från dig. Du får samma stöd som förut. Lämna tillbaka telefonen till din coach.',
    declineBody:
      'Du har inte lämnat något samtycke, och inget av det du har fyllt i har skickats till oss. Om du inte vill delta, lämna tillbaka telefonen till din coach. Du får samma stöd ändå.',
  },
  en: {
    thanksBody: 'Your answers are saved. Please give the phone back to your coach.',
    withdrawnBody:
      'Nothing more is collected from you. You get the same support as before. Please give the phone back to your coach.',
    declineBody:
      'You have not given consent, and nothing you filled in has been sent to us. If you do not want to take part, please give the phone back to your coach. You get the same support either way.',
  },
};

/** The language our own texts are shown in for a locale: itself when we have it, else Swedish. */
export function uiLangOf(locale: string): UiLang {
  const base = locale.split('-')[0]!.toLowerCase();
  return base === 'en' ? 'en' : 'sv';
}

export function textsFor(locale: string): Texts {
  const lang = uiLangOf(locale);
  return handover ? { ...all[lang], ...onCoachPhone[lang] } : all[lang];
}
