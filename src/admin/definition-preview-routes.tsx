/**
 * GET /admin/definitions/:id/preview?lang=: any stored version (draft, published, retired) as the
 * participant page shows it, for the editor's phone-sized frame. The admins of the definition's
 * organisation only (the database decides; everyone else gets 404).
 *
 * A draft is anyone's text (an imported file), so the page is only shown inside the editor's
 * <iframe sandbox="allow-scripts"> without allow-same-origin (client/editor-preview.ts): its
 * scripts run in an opaque origin that can reach neither the editor, nor the staff cookie, nor
 * the API. This route alone may be framed, and only by our own pages (frame-ancestors 'self');
 * everything else keeps frame-ancestors 'none' (http/security.ts). The page itself comes from the
 * participant capability (participant/preview-page.tsx), passed in through createApp.
 */
import { Hono } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { AppEnv } from '../http/env.ts';
import { contentSecurityPolicy } from '../http/security.ts';
import { parseLocale } from '../client/texts.ts';
import type { Principal, Store } from '../store/store.ts';
import { idParam } from './definition-api.ts';

export interface PreviewProjectFacts {
  name: string;
  organisation: string;
  contact: string | null;
  ethics_reference: string | null;
  withdrawal_policy: 'keep' | 'erase';
}

/** Draws the preview page (participant/preview-page.tsx). */
export type PreviewPage = (input: {
  definition: {
    id: string;
    key: string;
    version: number;
    kind: 'consent' | 'survey';
    json: Record<string, unknown>;
    meta: { title?: { sv: string; en: string } };
  };
  locale: string;
  project: PreviewProjectFacts | null;
}) => HtmlEscapedString | Promise<HtmlEscapedString>;

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

/** The admin's project when exactly one: its facts fill the consent text; otherwise examples do. */
async function onlyProject(store: Store, who: Principal): Promise<PreviewProjectFacts | null> {
  const { projects } = await store.adminProjects(who);
  if (projects.length !== 1) return null;
  const p = projects[0]!;
  return {
    name: p.name,
    organisation: p.organisation_name,
    contact: text(p.settings.contact),
    ethics_reference: text(p.settings.ethics_reference),
    withdrawal_policy: p.settings.withdrawalPolicy === 'keep' ? 'keep' : 'erase',
  };
}

export function definitionPreviewRoutes(previewPage: PreviewPage) {
  const app = new Hono<AppEnv>();
  app.get('/:id/preview', async function definitionPreview(c) {
    const { store } = c.get('services');
    const who = c.get('principal');
    const def = await store.definitionGet(who, idParam(c));
    const locale = parseLocale(c.req.query('lang') ?? null) ?? 'sv';
    const project = await onlyProject(store, who);
    // Framing by our own pages only, for this response (everything else: 'none', DENY).
    c.header('Content-Security-Policy', contentSecurityPolicy("'self'"));
    c.header('X-Frame-Options', 'SAMEORIGIN');
    return c.html(previewPage({ definition: def, locale, project }));
  });
  return app;
}
