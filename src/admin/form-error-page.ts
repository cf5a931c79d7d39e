import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import { errorMessage, errorStatus } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { ErrorPage } from '../views/layout.tsx';

/** A refused form post as a page (the app's error handler answers POSTs outside /coach with JSON). */
export function errorPage(c: Context<AppEnv>, error: unknown) {
  if (!(error instanceof AppError)) throw error;
  const status = errorStatus(error.code);
  const details = error.issues?.map((i) => i.message).join(' ');
  const message = `${errorMessage(error.code, c.get('lang'))}${details ? ` ${details}` : ''}`;
  return c.html(ErrorPage({ title: 'Det gick inte', message, status, requestId: c.get('requestId') }), status);
}
