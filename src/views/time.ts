/**
 * Times as people in Sweden read them: Swedish local time (Europe/Stockholm, summer time included),
 * never UTC. Stored times stay UTC (timestamptz); only what is shown or named is local.
 */
const ZONE = 'Europe/Stockholm';

const dateFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
const secondsFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

type When = string | Date;
const toDate = (when: When) => (when instanceof Date ? when : new Date(when));

/** 2026-12-07 (the Swedish calendar day of an instant); '' for none. */
export function localDate(when: When | null | undefined): string {
  return when === null || when === undefined || when === '' ? '' : dateFormat.format(toDate(when));
}

/** 19:05 */
export function localTime(when: When): string {
  return timeFormat.format(toDate(when));
}

/** 2026-12-07 19:05 */
export function localDateTime(when: When): string {
  return `${localDate(when)} ${localTime(when)}`;
}

/** 2026-12-07 19:05:09, for logs people compare line by line. */
export function localDateTimeSeconds(when: When): string {
  return `${localDate(when)} ${secondsFormat.format(toDate(when))}`;
}

/** Today's date in Sweden (for file names and report dates). */
export function todayInSweden(now: Date = new Date()): string {
  return localDate(now);
}
