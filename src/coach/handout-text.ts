/**
 * The words of a hand-out: times in Swedish local time, and the SMS a coach sends with a short
 * link, counted in SMS parts as a phone would send it.
 */

const ZONE = 'Europe/Stockholm';

/** "21 december" (and the year when it is not the current one) in Swedish local time; "21 December" in en-GB. */
export function stockholmDay(d: Date, now = new Date(), locale: 'sv-SE' | 'en-GB' = 'sv-SE'): string {
  const year = (x: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric' }).format(x);
  return new Intl.DateTimeFormat(locale, {
    timeZone: ZONE,
    day: 'numeric',
    month: 'long',
    ...(year(d) === year(now) ? {} : { year: 'numeric' }),
  }).format(d);
}

/** The SMS: who it is from (the project), what it is, until when, and the link alone on the last line. */
export function smsText(input: { project: string; url: string; expiresAt: Date; now?: Date }): string {
  const until = stockholmDay(input.expiresAt, input.now);
  // The link ends the message with nothing after it, so no full stop is read as part of it.
  return `Hej! Här är enkäten från ${input.project}. Du får den av din coach. Länken gäller till ${until}.\n${input.url}`;
}

// GSM 03.38: the basic set costs one septet, the extension set two (escape + character).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿' +
  'abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** How a text goes out as SMS: GSM-7 (160 a part, 153 when split) or else UCS-2 (70, 67). */
export function smsParts(text: string): { encoding: 'GSM-7' | 'UCS-2'; units: number; parts: number } {
  let septets = 0;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else {
      const units = text.length; // UTF-16 code units
      return { encoding: 'UCS-2', units, parts: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}
