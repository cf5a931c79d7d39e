/** Dates as a coach in Sweden reads them: the day in Swedish local time (Europe/Stockholm), never UTC. */
const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/** The Swedish day (YYYY-MM-DD) of an instant; '' for none. */
export function swedishDate(at: Date | string | null | undefined): string {
  if (at === null || at === undefined || at === '') return '';
  return day.format(typeof at === 'string' ? new Date(at) : at);
}

/** Today's date in Sweden (not UTC, which is yesterday before 01:00). */
export function swedishToday(): string {
  return day.format(new Date());
}
