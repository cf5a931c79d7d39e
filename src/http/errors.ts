import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode, ErrorIssue } from '../errors.ts';
import type { Lang } from '../domain/vocabulary.ts';

/** Each error code's HTTP status and a plain message in Swedish and English (exhaustive over ErrorCode). */
const catalogue = {
  VALIDATION_FAILED: [
    400,
    'Uppgifterna har fel form. Kontrollera och försök igen.',
    'The request is not in the expected form.',
  ],
  INVALID_JSON: [400, 'Uppgifterna gick inte att läsa (ogiltig JSON).', 'The request body is not valid JSON.'],
  ANSWERS_INVALID: [
    422,
    'Några svar stämmer inte med frågorna. Kontrollera svaren och försök igen.',
    'Some answers do not match the questions.',
  ],
  ANSWER_OUT_OF_RANGE: [
    422,
    'Ett svar ligger utanför skalan för frågan.',
    'An answer is outside the scale of its question.',
  ],
  CONSENT_REQUIRED: [
    422,
    'Du behöver först lämna ditt samtycke innan du kan svara på enkäten.',
    'Consent must be given before answering the survey.',
  ],
  CONSENT_RENEWAL_REQUIRED: [
    422,
    'Texten om samtycke har ändrats. Läs den nya texten och lämna ditt samtycke igen innan du fortsätter.',
    'The consent text has changed. Read the new text and give your consent again before you go on.',
  ],
  CONSENT_NOT_GIVEN: [
    422,
    'Du har inte kryssat i att du samtycker. Utan samtycke sparas inga svar.',
    'The consent box was not ticked; nothing is stored without consent.',
  ],
  PERIOD_INVALID: [
    400,
    'Perioden går inte att använda. Välj hela kvartal, och ett slut som inte ligger före början.',
    'The period must be whole quarters, with the end not before the start.',
  ],
  EXIT_DATE_INVALID: [
    422,
    'Datumet för avslut går inte att använda. Det ska vara efter inskrivningen och inte i framtiden.',
    'The exit date must be after enrolment and not in the future.',
  ],
  REGISTER_DATA_INVALID: [
    422,
    'Välj kön och ålder för deltagaren. Inget är sparat.',
    "Choose the participant's gender and age band. Nothing was saved.",
  ],
  REPORT_PERIOD_INVALID: [
    400,
    'Perioden går inte att använda. Ange ett från-datum och ett till-datum som inte ligger före det.',
    'The period needs a start date and an end date that is not before it.',
  ],
  SHORT_CODE_INVALID: [
    404,
    'Koden fungerar inte. Den kan redan vara använd eller för gammal: en kod fungerar en gång, i 30 minuter. ' +
      'Be din coach om en ny kod.',
    'The code does not work. It may be used already or too old: a code works once, for 30 minutes. ' +
      'Ask your coach for a new one.',
  ],
  SHORT_CODE_MISTYPED: [
    400,
    'Koden är inte rätt skriven. Den har 8 tecken, till exempel K7F3-9QX2. Kontrollera tecknen och försök igen.',
    'The code is not typed right. It has 8 characters, like K7F3-9QX2. Check them and try again.',
  ],
  HANDOVER_INVALID: [401, 'Överlämningen har gått ut. Logga in igen.', 'The hand-over has expired. Sign in again.'],
  HANDOVER_PASSWORD_WRONG: [
    401,
    'Lösenordet stämmer inte. Skriv samma lösenord som när du loggar in i Enkät.',
    'The password is not right. Type the one you sign in to Enkät with.',
  ],
  UNAUTHENTICATED: [401, 'Du behöver logga in.', 'You need to sign in.'],
  INVALID_CREDENTIALS: [401, 'Fel e-postadress eller lösenord.', 'Wrong e-mail address or password.'],
  LINK_INVALID: [
    401,
    'Länken fungerar inte längre. Du har kanske fått en nyare länk: använd den. Annars kan du be din coach om en ny länk.',
    'This link no longer works. You may have a newer link: use that one, or ask your coach for a new one.',
  ],
  LINK_INCOMPLETE: [
    401,
    'Länken är inte hel. Kanske kom inte hela länken med. Kopiera hela länken, eller be din coach om en ny länk.',
    'The link is not complete. Copy the whole link, or ask your coach for a new one.',
  ],
  LINK_UNKNOWN: [
    404,
    'Vi hittar inte länken. Kontrollera att du har hela länken, eller be din coach om en ny länk.',
    'We cannot find this link. Check that you have all of it, or ask your coach for a new one.',
  ],
  LINK_EXPIRED: [
    401,
    'Länken har gått ut. Be din coach om en ny länk.',
    'This link has expired. Ask your coach for a new one.',
  ],
  CSRF_REJECTED: [
    403,
    'Begäran kom inte från den här webbplatsen och stoppades.',
    'The request did not come from this site and was refused.',
  ],
  NOT_FOUND: [404, 'Det du söker finns inte.', 'Not found.'],
  PROJECT_NOT_FOUND: [404, 'Projektet finns inte.', 'Project not found.'],
  PARTICIPANT_NOT_FOUND: [404, 'Deltagaren finns inte.', 'Participant not found.'],
  DEFINITION_NOT_FOUND: [404, 'Enkäten finns inte.', 'Survey not found.'],
  STAFF_NOT_FOUND: [
    404,
    'Personen finns inte bland projektets forskare och administratörer.',
    'No researcher or admin of the project has that account.',
  ],
  PASSWORD_TOO_SHORT: [400, 'Lösenordet behöver vara minst 12 tecken.', 'The password must be at least 12 characters.'],
  PASSWORDS_DIFFER: [400, 'Lösenorden är inte likadana. Skriv samma lösenord två gånger.', 'The two passwords differ.'],
  PASSWORD_CHANGE_REQUIRED: [
    403,
    'Välj ett nytt lösenord innan du fortsätter. Det lösenord du loggade in med gällde bara en gång.',
    'Choose a new password first: the one you signed in with was for one use only.',
  ],
  CURRENT_PASSWORD_WRONG: [
    401,
    'Det nuvarande lösenordet stämmer inte. Skriv lösenordet du loggade in med.',
    'The current password is not right.',
  ],
  PASSWORD_UNCHANGED: [
    400,
    'Det nya lösenordet måste vara ett annat än det du loggade in med.',
    'The new password must differ from the current one.',
  ],
  EXPORT_GRANT_NOT_FOUND: [
    404,
    'Personen har ingen behörighet till radnivåexport i projektet.',
    'That person has no row-level export grant in the project.',
  ],
  ROW_EXPORT_NOT_FOUND: [
    404,
    'Radnivåexport finns inte för dig i det här projektet. En administratör i projektet kan ge dig behörighet.',
    'Row-level export is not available to you in this project. An admin of the project can grant it.',
  ],
  ROW_EXPORT_EXPIRED: [
    410,
    'Exporten har gått ut. Starta en ny nedladdning.',
    'The export has expired. Start a new download.',
  ],
  ALREADY_SUBMITTED: [409, 'Den här enkäten är redan besvarad. Tack!', 'This survey has already been answered.'],
  RESPONSE_ID_CONFLICT: [
    409,
    'Svaret krockar med ett annat svar. Ladda om sidan och försök igen.',
    'The response id is already used by another response.',
  ],
  CONSENT_WITHDRAWN: [
    409,
    'Samtycket är återkallat. Inga fler svar samlas in.',
    'Consent has been withdrawn; nothing more is collected.',
  ],
  CONSENT_ALREADY_GIVEN: [
    409,
    'Deltagaren har redan lämnat samtycke. Bara deltagaren kan återkalla det.',
    'The participant has already given consent. Only the participant can withdraw it.',
  ],
  DECLINED_BY_PARTICIPANT: [
    409,
    'Deltagaren har själv sagt att hen inte vill delta. Bara deltagaren kan ändra det, genom att lämna samtycke.',
    'The participant declined themselves. Only the participant can change that, by giving consent.',
  ],
  CODE_TAKEN: [409, 'Koden är redan använd.', 'The code is already in use.'],
  EMAIL_TAKEN: [409, 'E-postadressen används redan.', 'The e-mail address is already in use.'],
  DEFINITION_INVALID: [
    422,
    'Definitionen har fel och kan inte sparas eller publiceras. Se listan över fel.',
    'The definition has errors and cannot be saved or published. See the list of problems.',
  ],
  CONFIRMATION_REQUIRED: [
    422,
    'Ändringar av poängsatta frågor måste bekräftas innan versionen publiceras. Kryssa i bekräftelserna.',
    'Changes to scored items must be confirmed before publishing.',
  ],
  WORDING_LOCKED: [
    422,
    'Formuleringarna är låsta (licensierat instrument). En administratör måste låsa upp dem med en motivering innan de ändras.',
    'The wording is locked (licensed instrument). An admin must unlock it with a reason first.',
  ],
  UNLOCK_REASON_REQUIRED: [
    400,
    'Skriv en motivering (3–500 tecken) till varför formuleringarna låses upp.',
    'Give a reason (3–500 characters) for unlocking the wording.',
  ],
  DEFINITION_NOT_PUBLISHED: [
    409,
    'Bara en publicerad version kan tas ur bruk.',
    'Only a published version can be retired.',
  ],
  DRAFT_EXISTS: [
    409,
    'Det finns redan ett utkast för enkäten. Publicera eller arbeta vidare i det först.',
    'The survey already has a draft. Publish it or continue in it first.',
  ],
  DRAFT_CHANGED: [
    409,
    'Utkastet har ändrats sedan det kontrollerades. Kontrollera och publicera igen.',
    'The draft changed after it was checked. Check and publish again.',
  ],
  TRANSLATION_FILE_INVALID: [
    422,
    'Filen gick inte att läsa som en översättningsfil. Inget har sparats.',
    'The file could not be read as a translation file. Nothing was saved.',
  ],
  TRANSLATION_OUTDATED: [
    409,
    'Utkastet har ändrats sedan du såg ändringarna. Läs in filen igen och granska ändringarna på nytt. Inget har sparats.',
    'The draft changed after you saw the changes. Upload the file again and review the changes. Nothing was saved.',
  ],
  DEFINITION_IMMUTABLE: [409, 'En publicerad version kan inte ändras.', 'A published version cannot be changed.'],
  ACCOUNT_NOT_FOUND: [
    404,
    'Personen finns inte bland personalen i dina projekt.',
    'No staff member of your projects has that account.',
  ],
  INVITE_INVALID: [
    404,
    'Länken fungerar inte. Den kan redan vara använd eller för gammal. Be en administratör om en ny länk.',
    'This link does not work: it may be used or expired. Ask an admin for a new one.',
  ],
  STAFF_OUTSIDE_SCOPE: [
    409,
    'Personen arbetar också i projekt som du inte administrerar. Be en administratör där om hjälp.',
    'The person also works in projects you do not administer.',
  ],
  ROLE_CONFLICT: [
    409,
    'En person kan inte vara både coach och forskare i samma projekt, och en coach kan inte få radexport. ' +
      'Ta först bort den andra rollen eller exporträtten.',
    'One person cannot be both coach and researcher in a project, and a coach cannot hold a row export.',
  ],
  EXPORT_GRANT_SELF: [
    409,
    'Du kan inte ge dig själv radexport. En annan administratör i projektet behöver göra det.',
    'You cannot grant a row export to yourself; another admin of the project must do it.',
  ],
  LAST_ADMIN: [
    409,
    'Projektet måste ha minst en aktiv administratör. Lägg först till en annan administratör.',
    'A project must keep at least one active admin.',
  ],
  CANNOT_DEACTIVATE_SELF: [409, 'Du kan inte inaktivera ditt eget konto.', 'You cannot deactivate your own account.'],
  AUDIT_APPEND_ONLY: [
    409,
    'Granskningsloggen kan inte ändras eller raderas.',
    'The audit log cannot be changed or deleted.',
  ],
  PAYLOAD_TOO_LARGE: [413, 'Uppgifterna är för stora.', 'The request body is too large.'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Fel innehållstyp. Skicka JSON.', 'Unsupported content type; send JSON.'],
  RATE_LIMITED: [
    429,
    'För många försök. Vänta en stund och försök igen.',
    'Too many attempts. Wait a moment and try again.',
  ],
  INTERNAL: [500, 'Något gick fel hos oss. Försök igen om en stund.', 'Something went wrong on our side.'],
  DATABASE_UNAVAILABLE: [
    503,
    'Tjänsten är tillfälligt otillgänglig. Dina svar finns kvar; försök igen om en stund.',
    'The service is temporarily unavailable.',
  ],
} as const satisfies Record<ErrorCode, readonly [ContentfulStatusCode, string, string]>;

export function errorStatus(code: ErrorCode): ContentfulStatusCode {
  return catalogue[code][0];
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return catalogue[code][lang === 'en' ? 2 : 1];
}

/** An error's message; a refused attempt says how many minutes to wait (as Retry-After does in seconds). */
export function errorText(error: { code: ErrorCode; retryAfterSeconds?: number }, lang: Lang): string {
  if (error.code !== 'RATE_LIMITED' || error.retryAfterSeconds === undefined) return errorMessage(error.code, lang);
  const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
  return lang === 'en'
    ? `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
    : `För många försök. Vänta ${minutes} ${minutes === 1 ? 'minut' : 'minuter'} och försök igen.`;
}

/** The one error body shape of the API. */
export function errorBody(code: ErrorCode, lang: Lang, requestId: string, issues?: ErrorIssue[], message?: string) {
  return {
    error: { code, message: message ?? errorMessage(code, lang), requestId, ...(issues?.length ? { issues } : {}) },
  };
}
