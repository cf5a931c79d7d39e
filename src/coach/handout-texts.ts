/**
 * The hand-out page (QR code, link, SMS, short code, hand-over), the hand-back page and the
 * "vill inte delta" page. The SMS itself goes to the participant and stays Swedish.
 */
import type { Catalogue } from '../views/lang.tsx';

type Target = 'wai:start' | 'pagaende:pagaende' | 'avslut:avslut' | 'wai:avslut';

const sv = {
  startSurvey: 'Starta enkät',
  participant: 'Deltagare',
  survey: 'Enkät',
  target: {
    'wai:start': 'Start: WAI (arbetsförmåga)',
    'pagaende:pagaende': 'Pågående (vecka 4–8)',
    'avslut:avslut': 'Avslut: enkät',
    'wai:avslut': 'Avslut: WAI (arbetsförmåga)',
  } as Record<Target, string>,
  change: 'Byt',
  participantLanguage: 'Deltagarens språk',
  /** Under the language choice: the link and the hand-over open in it; only approved languages are offered. */
  languageNote:
    'Länken och överlämningen öppnas på det språket. Deltagaren kan byta språk själv. Bara språk som en administratör har godkänt för enkäten finns med.',
  neverAnswers: 'Du ser aldrig svaren.',
  scanQr: '1. Deltagaren skannar QR-koden',
  qrLabel: 'QR-kod med länken till enkäten',
  sendLink: '2. Skicka länken',
  sendSms: 'Skicka som sms',
  linkValid: (day: string) => `Länken gäller till ${day} och bara för den här enkäten.`,
  dayLocale: 'sv-SE' as 'sv-SE' | 'en-GB',
  showSms: 'Visa sms-texten',
  shortCode: '3. Kort kod',
  shortCodeBefore: 'Deltagaren går till ',
  shortCodeAfter: ' och skriver en kod på 8 tecken. Koden gäller i 30 minuter.',
  showShortCode: 'Visa kort kod',
  handOver: '4. Lämna över din telefon',
  handOverIntro: 'Din telefon visar bara enkäten. Du loggas ut, och för att komma tillbaka behöver du ditt lösenord.',
  handOverButton: 'Lämna över till deltagaren',
  backToList: 'Tillbaka till mina deltagare',
  shortCodeTitle: 'Kort kod',
  askToGo: 'Be deltagaren gå till ',
  andType: ' och skriva:',
  codeOnce: (time: string) => `Koden fungerar en gång och gäller till kl. ${time}.`,
  back: 'Tillbaka',
  returnTitle: 'Tillbaka till coachen',
  returnIntro: 'Coachen skriver sitt lösenord för att komma tillbaka.',
  password: 'Lösenord',
  returnButton: 'Tillbaka till coachvyn',
  // "Vill inte delta"
  declineTitle: 'Vill inte delta',
  undoTitle: 'Ändra: vill delta ändå',
  declineExplain:
    'Har deltagaren sagt att hen inte vill vara med i uppföljningen? Då frågar vi inte om samtycke igen, och ' +
    'deltagaren försvinner från att göra-listan. Stödet blir detsamma. Du kan ändra det här senare.',
  declineButton: 'Ja, deltagaren vill inte delta',
  undoExplain: 'Har deltagaren ändrat sig, eller blev det fel? Då kommer samtycket med på att göra-listan igen.',
  undoButton: 'Ja, deltagaren vill delta ändå',
  ownDecline: 'Deltagaren har själv sagt nej. Om hen ändrar sig kan hen lämna samtycke via en ny länk.',
};

const en: typeof sv = {
  startSurvey: 'Start survey',
  participant: 'Participant',
  survey: 'Survey',
  target: {
    'wai:start': 'Start: WAI (work ability)',
    'pagaende:pagaende': 'Ongoing (weeks 4–8)',
    'avslut:avslut': 'Exit: survey',
    'wai:avslut': 'Exit: WAI (work ability)',
  },
  change: 'Change',
  participantLanguage: "Participant's language",
  languageNote:
    'The link and the hand-over open in that language. The participant can switch language. Only languages an admin has approved for the survey are listed.',
  neverAnswers: 'You never see the answers.',
  scanQr: '1. The participant scans the QR code',
  qrLabel: 'QR code with the link to the survey',
  sendLink: '2. Send the link',
  sendSms: 'Send as text message',
  linkValid: (day) => `The link works until ${day}, and only for this survey.`,
  dayLocale: 'en-GB',
  showSms: 'Show the text message (in Swedish)',
  shortCode: '3. Short code',
  shortCodeBefore: 'The participant goes to ',
  shortCodeAfter: ' and types a code of 8 characters. The code works for 30 minutes.',
  showShortCode: 'Show short code',
  handOver: '4. Hand over your phone',
  handOverIntro: 'Your phone shows only the survey. You are signed out, and you need your password to come back.',
  handOverButton: 'Hand over to the participant',
  backToList: 'Back to my participants',
  shortCodeTitle: 'Short code',
  askToGo: 'Ask the participant to go to ',
  andType: ' and type:',
  codeOnce: (time) => `The code works once, until ${time}.`,
  back: 'Back',
  returnTitle: 'Back to the coach',
  returnIntro: 'The coach types their password to come back.',
  password: 'Password',
  returnButton: 'Back to the coach view',
  declineTitle: 'Does not want to take part',
  undoTitle: 'Change: wants to take part after all',
  declineExplain:
    'Has the participant said they do not want to be part of the follow-up? Then we do not ask for consent ' +
    'again, and the participant leaves the to-do list. The support stays the same. You can change this later.',
  declineButton: 'Yes, the participant does not want to take part',
  undoExplain: 'Has the participant changed their mind, or was it a mistake? Then consent is back on the to-do list.',
  undoButton: 'Yes, the participant wants to take part after all',
  ownDecline: 'The participant said no themselves. If they change their mind, they can consent through a new link.',
};

export const handoutTexts: Catalogue<typeof sv> = { sv, en };
