/**
 * The participant pages' own words in Swedish, the source every other language is translated from
 * (the questionnaires carry their words in the definition). Shared by the runner and the server.
 */
export const sv = {
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
  /** Shown on the coach's phone (a hand-over) instead of "you can close the page". */
  coachPhone: {
    thanksBody: 'Dina svar är sparade. Lämna tillbaka telefonen till din coach.',
    withdrawnBody:
      'Inget mer samlas in från dig. Du får samma stöd som förut. Lämna tillbaka telefonen till din coach.',
    declineBody:
      'Du har inte lämnat något samtycke, och inget av det du har fyllt i har skickats till oss. Om du inte vill delta, lämna tillbaka telefonen till din coach. Du får samma stöd ändå.',
  },
  page: {
    next: 'Nästa',
    signHere: 'Signera här',
    /** A project fact the consent text names ({contact}, {ethicsReference}) that is not set. */
    unknownFact: 'ingen uppgift',
    /** Above a questionnaire shown in Swedish because it lacks the language chosen. */
    notInYourLanguage:
      'Den här texten finns inte på ditt språk än. Den visas på svenska. Be din coach om hjälp eller tolk.',
  },
  shortCode: {
    title: 'Skriv din kod',
    intro: 'Koden har 8 tecken och du får den av din coach.',
    label: 'Kod',
    open: 'Öppna enkäten',
  },
  offlinePage: {
    title: 'Du är inte uppkopplad',
    kept: 'Dina svar finns kvar i telefonen. Inget har försvunnit.',
    reload: 'Ladda om sidan när du är uppkopplad igen.',
    retry: 'Försök igen',
  },
  rateLimited: (minutes: number) =>
    `För många försök. Vänta ${minutes} ${minutes === 1 ? 'minut' : 'minuter'} och försök igen.`,
  /** SurveyJS's own strings that can show on our pages (surveyLocalization). */
  surveyjs: {
    requiredError: 'Svara på frågan.',
    otherItemText: 'Annat (beskriv)',
    noneItemText: 'Ingen',
    selectAllItemText: 'Välj alla',
    clearCaption: 'Rensa',
    textMaxLength: 'Skriv högst {0} tecken.',
    otherRequiredError: 'Skriv vad du menar med annat.',
  },
};

/** The shape every language fills. */
export type RunnerTexts = typeof sv;
