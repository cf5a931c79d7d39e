/**
 * Lending the coach's phone to a participant, and getting it back. While it is lent the coach is
 * signed out; the participant's link travels in an HttpOnly cookie, never in an address, so it is
 * not in the phone's history. Getting it back (the coach's password at /handover/return, or a
 * sign-in at /login) ends the hand-over: the link is revoked, the drafts saved on the phone are
 * deleted, its device id and the page's storage are cleared. Nothing typed stays readable.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.ts';
import { existingDeviceHash, forgetDevice, renewDevice } from './device.ts';
import { HANDOVER_COOKIE, SESSION_COOKIE } from './guards.ts';

/** The participant link token during a hand-over (read by the page at /d). */
export const HANDOVER_LINK_COOKIE = 'enkat_handover_link';

/** Signs the coach out and hands the phone over with the link minted for it. */
export async function startHandover(
  c: Context<AppEnv>,
  staffId: string,
  link: { id: string; token: string },
): Promise<void> {
  const { tokens, secureCookies } = c.get('services');
  const handover = await tokens.signHandover(staffId, link.id);
  const cookie = {
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'Strict',
    path: '/',
    expires: handover.expiresAt,
  } as const;
  // The coach is signed out: nothing on this phone reaches coach pages until their password is given.
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookies });
  setCookie(c, HANDOVER_COOKIE, handover.token, cookie);
  setCookie(c, HANDOVER_LINK_COOKIE, link.token, cookie);
  // A fresh device id: drafts typed now belong to this hand-over only.
  renewDevice(c);
}

/** The verified hand-over of this phone, if one is under way. */
export async function handoverOf(c: Context<AppEnv>) {
  const cookie = getCookie(c, HANDOVER_COOKIE);
  return cookie ? c.get('services').tokens.verifyHandover(cookie) : null;
}

/**
 * Ends the hand-over on this phone (if any): revokes the handed-over link, deletes the drafts saved
 * under this phone's device id and clears the cookies and the page's storage (Clear-Site-Data:
 * the runner's device copies and any unsent submission).
 */
export async function endHandoverHere(c: Context<AppEnv>): Promise<void> {
  const { store, secureCookies } = c.get('services');
  const handover = await handoverOf(c);
  if (handover) {
    const device = await existingDeviceHash(c);
    await store.endHandover(
      { kind: 'staff', staffId: handover.staffId },
      { ...(handover.linkId ? { link_id: handover.linkId } : {}), ...(device ? { device_hash: device } : {}) },
    );
  }
  if (getCookie(c, HANDOVER_COOKIE) === undefined && getCookie(c, HANDOVER_LINK_COOKIE) === undefined) return;
  deleteCookie(c, HANDOVER_COOKIE, { path: '/', secure: secureCookies });
  deleteCookie(c, HANDOVER_LINK_COOKIE, { path: '/', secure: secureCookies });
  forgetDevice(c);
  c.header('Clear-Site-Data', '"storage"');
}
