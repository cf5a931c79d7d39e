import { Hono } from 'hono';
import { z } from 'zod';
import { publicRoute } from '../auth/guards.ts';
import type { AppEnv } from '../http/env.ts';
import { AccessibilityPage } from './views/accessibility.tsx';

const projectId = z.uuid();

/**
 * /tillganglighet: the accessibility statement, public and linked from every page's footer. A
 * participant page links with ?projekt=<its project id> so the statement names the organisation
 * and its feedback contact; anything else gets the general statement.
 */
export function accessibilityRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', publicRoute, async function accessibilityStatement(c) {
    const id = projectId.safeParse(c.req.query('projekt'));
    const found = id.success ? await c.get('services').store.accessibilityStatement(id.data) : null;
    return c.html(<AccessibilityPage organisation={found?.organisation ?? null} contact={found?.contact ?? null} />);
  });
  return app;
}
