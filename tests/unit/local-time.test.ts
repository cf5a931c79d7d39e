import { describe, expect, it } from 'vitest';
import { localDate, localDateTime, localDateTimeSeconds, localTime, todayInSweden } from '../../src/views/time.ts';

describe('Swedish local time', () => {
  it('shows winter times one hour ahead of UTC', () => {
    expect(localDateTime('2026-12-07T18:05:09Z')).toBe('2026-12-07 19:05');
    expect(localDateTimeSeconds('2026-12-07T18:05:09Z')).toBe('2026-12-07 19:05:09');
  });

  it('shows summer times two hours ahead of UTC', () => {
    expect(localTime(new Date('2026-07-01T10:30:00Z'))).toBe('12:30');
  });

  it('names the Swedish calendar day, not the UTC day, around midnight', () => {
    expect(localDate('2026-12-31T23:30:00Z')).toBe('2027-01-01');
    expect(todayInSweden(new Date('2026-06-30T22:15:00Z'))).toBe('2026-07-01');
  });

  it('follows the change to summer time on the last Sunday of March', () => {
    expect(localTime('2026-03-29T00:59:00Z')).toBe('01:59');
    expect(localTime('2026-03-29T01:00:00Z')).toBe('03:00');
  });
});
