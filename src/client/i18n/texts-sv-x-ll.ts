/** The participant pages' own words in easy Swedish (lättläst): generated from a translator's file, not yet reviewed by a native speaker (see docs/languages.md). */
import type { ParticipantErrorTexts } from './error-codes.ts';
import type { RunnerTexts } from './texts-sv.ts';

export const texts: RunnerTexts = {
  languages: 'Språk',
  thanks: 'Tack för dina svar!',
  thanksBody: 'Dina svar är sparade. Du kan stänga sidan nu.',
  already: 'Du har redan svarat på den här enkäten. Tack!',
  withdrawn: 'Du har tagit tillbaka ditt samtycke',
  withdrawnBody: 'Vi samlar inte in något mer från dig. Du får samma stöd som förut. Du kan stänga sidan.',
  sending: 'Skickar dina svar …',
  offline:
    'Du är inte uppkopplad till internet. Dina svar är sparade i telefonen. Telefonen skickar svaren när du är uppkopplad igen.',
  serverBusy:
    'Det gick inte att skicka svaren just nu. Dina svar är sparade i telefonen. Telefonen försöker skicka dem igen om en stund.',
  notSentTitle: 'Dina svar är inte skickade än',
  retryNow: 'Försök igen nu',
  error: 'Något gick fel',
  tryAgain: 'Försök igen om en stund. Dina svar finns kvar.',
  linkTitle: 'Länken fungerar inte',
  progress: (n: number, of: number) => `Fråga ${n} av ${of}`,
  saveLater: 'Spara och fortsätt senare',
  savedTitle: 'Dina svar är sparade',
  savedBody:
    'Du kan stänga sidan nu. När du vill fortsätta: öppna samma länk igen på den här telefonen. Då kommer du tillbaka till samma fråga.',
  savedLocalBody:
    'Dina svar är sparade i telefonen. När du vill fortsätta: öppna samma länk igen på den här telefonen.',
  continue: 'Fortsätt svara',
  withdrawLink: 'Ta tillbaka samtycke',
  declineLink: 'Jag vill inte vara med',
  consentRenew:
    'Texten om samtycke har ändrats. Läs den nya texten. Svara sedan igen. Du behöver göra det innan du kan fortsätta.',
  withdrawTitle: 'Ta tillbaka ditt samtycke',
  withdrawIntro: 'Du kan ångra dig när du vill. Du behöver inte säga varför.',
  withdrawPoints: [
    'Vi samlar inte in några fler svar från dig.',
    'Du får samma stöd som förut. Det påverkar inte ditt stöd.',
    'Din coach ser att du har tagit tillbaka ditt samtycke. Din coach ser inte varför.',
  ],
  sentAnswers: {
    erase:
      'Svar som du redan har skickat tar vi bort direkt. De finns inte kvar. De räknas inte med i några sammanställningar.',
    keep: 'Svar som du redan har skickat finns kvar i sammanställningarna. Ditt namn finns inte med.',
  },
  sentAnswersDone: {
    erase: 'Vi har tagit bort dina svar.',
    keep: 'Svar som du redan har skickat finns kvar i sammanställningarna. Ditt namn finns inte med.',
  },
  contact: (who: string) => `Har du frågor? Kontakta: ${who}`,
  withdrawConfirm: 'Ja, ta tillbaka mitt samtycke',
  withdrawCancel: 'Nej, gå tillbaka',
  withdrawing: 'Tar tillbaka samtycket …',
  withdrawDone: 'Du har tagit tillbaka ditt samtycke',
  declineTitle: 'Du behöver inte vara med',
  declineBody:
    'Du har inte gett ditt samtycke. Inget av det du har fyllt i har skickats till oss. Om du inte vill vara med kan du stänga sidan. Du får samma stöd ändå.',
  back: 'Tillbaka',
  offlineBanner:
    'Du är inte uppkopplad till internet. Dina svar sparas i telefonen. Telefonen skickar svaren när du är uppkopplad igen.',
  answerRequired: 'Välj ett svar. Sedan kan du gå vidare.',
  consentRequired: 'Kryssa i rutan om du vill vara med. Om du inte vill vara med: tryck på ”Jag vill inte vara med”.',
  declineRecord:
    'Vill du att din coach ska veta att du inte vill vara med? Tryck då på knappen. Sedan frågar vi dig inte igen.',
  declineConfirm: 'Jag vill inte vara med',
  declinedTitle: 'Tack för att du sa till',
  declinedBody:
    'Din coach ser att du inte vill vara med. Din coach ser inte varför. Vi frågar dig inte igen. Du får samma stöd ändå. Om du ändrar dig kan du öppna länken igen.',
  coachPhone: {
    thanksBody: 'Dina svar är sparade. Ge tillbaka telefonen till din coach.',
    withdrawnBody:
      'Vi samlar inte in något mer från dig. Du får samma stöd som förut. Ge tillbaka telefonen till din coach.',
    declineBody:
      'Du har inte gett ditt samtycke. Inget av det du har fyllt i har skickats till oss. Om du inte vill vara med: ge tillbaka telefonen till din coach. Du får samma stöd ändå.',
  },
  page: {
    next: 'Nästa',
    signHere: 'Skriv under här',
    unknownFact: 'ingen uppgift',
    notInYourLanguage:
      'Den här texten finns inte på lättläst svenska än. Därför visas den på vanlig svenska. Be din coach om hjälp. Du kan också be om en tolk.',
  },
  shortCode: {
    title: 'Skriv din kod',
    intro: 'Koden har 8 tecken, alltså bokstäver och siffror. Du får koden av din coach.',
    label: 'Kod',
    open: 'Öppna enkäten',
  },
  offlinePage: {
    title: 'Du är inte uppkopplad till internet',
    kept: 'Dina svar finns kvar i telefonen. Inget har försvunnit.',
    reload: 'När du är uppkopplad igen: ladda om sidan.',
    retry: 'Försök igen',
  },
  rateLimited: (minutes: number) => `Du har försökt för många gånger. Vänta ${minutes} minuter. Försök sedan igen.`,
  surveyjs: {
    requiredError: 'Svara på frågan.',
    otherItemText: 'Något annat (skriv vad)',
    noneItemText: 'Ingen',
    selectAllItemText: 'Välj alla',
    clearCaption: 'Rensa',
    textMaxLength: 'Skriv högst {0} tecken.',
    otherRequiredError: 'Du har valt ”Något annat”. Skriv vad du menar.',
  },
};

export const errors: ParticipantErrorTexts = {
  VALIDATION_FAILED: 'Uppgifterna är inte skrivna på rätt sätt. Kontrollera dem och försök igen.',
  INVALID_JSON: 'Vi kunde inte läsa uppgifterna. Det är ett tekniskt fel (ogiltig JSON).',
  ANSWERS_INVALID: 'Några svar passar inte till frågorna. Kontrollera svaren och försök igen.',
  ANSWER_OUT_OF_RANGE: 'Ett svar ligger utanför de svar som går att välja på frågan.',
  CONSENT_REQUIRED: 'Du behöver först ge ditt samtycke. Sedan kan du svara på enkäten.',
  CONSENT_RENEWAL_REQUIRED:
    'Texten om samtycke har ändrats. Läs den nya texten. Ge sedan ditt samtycke igen. Du behöver göra det innan du fortsätter.',
  CONSENT_NOT_GIVEN: 'Du har inte kryssat i rutan för samtycke. Utan ditt samtycke sparar vi inga svar.',
  SHORT_CODE_INVALID:
    'Koden fungerar inte. Den kanske redan är använd, eller så är den för gammal. En kod fungerar bara en gång och bara i 30 minuter. Be din coach om en ny kod.',
  SHORT_CODE_MISTYPED:
    'Koden är inte rätt skriven. Koden har 8 tecken, till exempel K7F3-9QX2. Kontrollera tecknen och försök igen.',
  LINK_INVALID:
    'Länken fungerar inte längre. Du har kanske fått en nyare länk. Använd den i så fall. Annars kan du be din coach om en ny länk.',
  LINK_INCOMPLETE:
    'Länken är inte hel. Kanske kom inte hela länken med. Kopiera hela länken. Eller be din coach om en ny länk.',
  LINK_UNKNOWN: 'Vi hittar inte länken. Kontrollera att du har hela länken. Eller be din coach om en ny länk.',
  LINK_EXPIRED: 'Länken gäller inte längre. Tiden för länken är slut. Be din coach om en ny länk.',
  NOT_FOUND: 'Det du söker finns inte.',
  DEFINITION_NOT_FOUND: 'Enkäten finns inte.',
  ALREADY_SUBMITTED: 'Det finns redan svar på den här enkäten. Tack!',
  RESPONSE_ID_CONFLICT: 'Svaret krockar med ett annat svar. Ladda om sidan. Försök sedan igen.',
  CONSENT_WITHDRAWN: 'Samtycket har tagits tillbaka. Vi samlar inte in några fler svar.',
  CONSENT_ALREADY_GIVEN: 'Deltagaren har redan gett sitt samtycke. Bara deltagaren kan ta tillbaka det.',
  DECLINED_BY_PARTICIPANT:
    'Deltagaren har själv sagt att hen inte vill vara med. Bara deltagaren kan ändra det. Deltagaren gör det genom att ge sitt samtycke.',
  PAYLOAD_TOO_LARGE: 'Uppgifterna är för stora.',
  UNSUPPORTED_MEDIA_TYPE: 'Uppgifterna har fel typ. De måste skickas som JSON.',
  RATE_LIMITED: 'Du har försökt för många gånger. Vänta en stund. Försök sedan igen.',
  INTERNAL: 'Något gick fel hos oss. Försök igen om en stund.',
  DATABASE_UNAVAILABLE: 'Tjänsten fungerar inte just nu. Dina svar finns kvar. Försök igen om en stund.',
};
