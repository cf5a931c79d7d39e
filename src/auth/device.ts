/**
 * The participant's device id: 128 random bits in an HttpOnly cookie. Drafts are saved under its
 * SHA-256 and returned only to a request carrying the same id, so a link alone (a coach's copy,
 * a forwarded message) never reads back what a participant typed. The id is not personal data:
 * it names a browser, never a person, and only its hash reaches the database.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DEVICE_COOKIE_DAYS } from '../domain/limits.ts';
import type { AppEnv } from '../http/env.ts';
import { sha256Hex } from './link-tokens.ts';

export const DEVICE_COOKIE = 'enkat_device';
const DEVICE_ID = /^[0-9a-f]{32}$/;

function newDeviceId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sets the cookie. Path "/": on the Edge Function a base path is stripped before the app sees the
 * request, so the app cannot name the browser's path; SameSite=Strict keeps it off other sites'
 * requests.
 */
function setDevice(c: Context<AppEnv>, id: string): void {
  setCookie(c, DEVICE_COOKIE, id, {
    httpOnly: true,
    secure: c.get('services').secureCookies,
    sameSite: 'Strict',
    path: '/',
    maxAge: DEVICE_COOKIE_DAYS * 86400,
  });
}

/** This browser's device hash; a browser without a (well-formed) id is given a new one. */
export async function deviceHash(c: Context<AppEnv>): Promise<string> {
  const current = getCookie(c, DEVICE_COOKIE);
  const id = current && DEVICE_ID.test(current) ? current : newDeviceId();
  setDevice(c, id); // also renews the expiry while the participant keeps coming back
  return sha256Hex(id);
}

/** The device hash of the request's cookie, if it has one (nothing is set). */
export async function existingDeviceHash(c: Context<AppEnv>): Promise<string | null> {
  const current = getCookie(c, DEVICE_COOKIE);
  return current && DEVICE_ID.test(current) ? sha256Hex(current) : null;
}

/** Gives this browser a fresh device id (a hand-over starts on a clean slate). */
export function renewDevice(c: Context<AppEnv>): void {
  setDevice(c, newDeviceId());
}

export function forgetDevice(c: Context<AppEnv>): void {
  deleteCookie(c, DEVICE_COOKIE, { path: '/', secure: c.get('services').secureCookies });
}
