import type { Principal } from './store.ts';

/** The JWT claims and database role a principal runs as (the PostgREST convention). */
export function principalClaims(who: Principal): {
  role: 'anon' | 'authenticated' | 'service_role';
  claims: Record<string, unknown>;
} {
  switch (who.kind) {
    case 'anonymous':
      return { role: 'anon', claims: { role: 'anon' } };
    case 'system':
      return { role: 'service_role', claims: { role: 'service_role' } };
    case 'staff':
      return { role: 'authenticated', claims: { role: 'authenticated', sub: who.staffId, kind: 'staff' } };
    case 'participant':
      return {
        role: 'authenticated',
        claims: {
          role: 'authenticated',
          sub: who.participantId,
          kind: 'participant',
          project: who.projectId,
          survey: who.survey,
          occasion: who.occasion,
          ...(who.linkId ? { link: who.linkId } : {}),
          ...(who.deviceHash ? { device: who.deviceHash } : {}),
        },
      };
  }
}
