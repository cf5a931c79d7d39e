import type { ProjectOutcomes } from '../store/store.ts';

/** A share of a breakdown's total, with the count behind it; null where it cannot be shown. */
export interface Share {
  count: number;
  n: number;
  share: number;
}

/**
 * The share moving to work, studies or other activity (the funder's headline figure): the sum of
 * the three categories when all are shown, or the total less "ingen sysselsättning" when that is
 * shown. Both follow from the figures shown, so the share reveals nothing hidden; otherwise null.
 */
export function activityShare(a: ProjectOutcomes['activity']): Share | null {
  if (a.suppressed || !a.n) return null;
  const by = new Map(a.categories.map((c) => [c.category, c]));
  const active = (['arbete', 'studier', 'annan_sysselsattning'] as const).map((k) => by.get(k));
  let count: number | null = null;
  if (active.every((c) => c && !c.suppressed && c.n !== null)) count = active.reduce((s, c) => s + c!.n!, 0);
  else {
    const none = by.get('ingen');
    if (none && !none.suppressed && none.n !== null) count = a.n - none.n;
  }
  return count === null ? null : { count, n: a.n, share: count / a.n };
}

/** The share of women among the participants reached, where the count of women is shown. */
export function womenShare(g: ProjectOutcomes['gender']): Share | null {
  const women = g.categories.find((c) => c.category === 'kvinna');
  if (g.suppressed || !g.n || !women || women.suppressed || women.n === null) return null;
  return { count: women.n, n: g.n, share: women.n / g.n };
}
