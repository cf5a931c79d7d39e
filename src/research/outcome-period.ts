import { AppError } from '../errors.ts';
import type { OutcomeFilter } from '../store/store.ts';
import { quarterStart } from './csv.ts';

/**
 * The period of an outcomes download from its query (`from`/`to` as quarters, 2025-Q1, as the
 * research page's pickers send them) as project_outcomes takes it (first days of quarters). A
 * value that is not a quarter, or an end before the start, is PERIOD_INVALID (400), as the
 * database says for item_aggregates.
 */
export function outcomePeriod(q: { from?: string; to?: string }): OutcomeFilter {
  const day = (label: string | undefined) => {
    if (label === undefined || label === '') return undefined;
    const start = quarterStart(label);
    if (!start) throw new AppError('PERIOD_INVALID');
    return start;
  };
  const period = { from: day(q.from), to: day(q.to) };
  if (period.from && period.to && period.from > period.to) throw new AppError('PERIOD_INVALID');
  return Object.fromEntries(Object.entries(period).filter(([, v]) => v !== undefined));
}

/** The period as a query string tail for links ('' when open at both ends). */
export function periodQuery(q: { from?: string; to?: string }): string {
  const p = new URLSearchParams();
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  const s = p.toString();
  return s ? `&${s}` : '';
}
