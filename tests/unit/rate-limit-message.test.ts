import { describe, expect, it } from 'vitest';
import { errorText } from '../../src/http/errors.ts';

describe('the refusal of a rate limit says how long to wait', () => {
  it('in whole minutes, rounded up, in Swedish and English', () => {
    expect(errorText({ code: 'RATE_LIMITED', retryAfterSeconds: 900 }, 'sv')).toBe(
      'För många försök. Vänta 15 minuter och försök igen.',
    );
    expect(errorText({ code: 'RATE_LIMITED', retryAfterSeconds: 61 }, 'en')).toBe(
      'Too many attempts. Try again in 2 minutes.',
    );
    expect(errorText({ code: 'RATE_LIMITED', retryAfterSeconds: 5 }, 'sv')).toBe(
      'För många försök. Vänta 1 minut och försök igen.',
    );
    expect(errorText({ code: 'RATE_LIMITED', retryAfterSeconds: 1 }, 'en')).toBe(
      'Too many attempts. Try again in 1 minute.',
    );
  });

  it('without a known wait, and for other errors, the plain message', () => {
    expect(errorText({ code: 'RATE_LIMITED' }, 'sv')).toBe('För många försök. Vänta en stund och försök igen.');
    expect(errorText({ code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 5 }, 'en')).toBe(
      'The service is temporarily unavailable.',
    );
  });
});
