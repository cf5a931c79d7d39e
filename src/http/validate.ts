import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors.ts';

const MAX_JSON_BYTES = 512 * 1024;

/** Reads a JSON body (content type, size, syntax checked) and parses it with a zod schema. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const text = await c.req.text();
  // A UTF-16 unit is at most 3 UTF-8 bytes: only long texts need counting.
  if (text.length * 3 > MAX_JSON_BYTES && new TextEncoder().encode(text).length > MAX_JSON_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_JSON');
  }
  return parseWith(schema, raw);
}

/** Parses input with a zod schema; failures become 400 VALIDATION_FAILED with issues. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', {
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}

/**
 * Reads an HTML form body (urlencoded or multipart; any other type reads as empty). A body that
 * claims to be multipart but is not one is the caller's error (400), not ours.
 */
export async function readForm(c: Context, options: { all?: boolean } = {}): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody(options);
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', { cause: error });
  }
}

/** Reads an HTML form body and parses it with a zod schema. */
export async function formBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  return parseWith(schema, await readForm(c));
}
