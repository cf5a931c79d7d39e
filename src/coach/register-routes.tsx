import { Hono } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { inLang } from '../views/lang.tsx';
import { parseWith, readForm } from '../http/validate.ts';
import { idParam, registerInput } from './participants.ts';
import { RegisterPage } from './views/register.tsx';
import { errorMessage } from '../http/errors.ts';

const text = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * /coach/participants/:id/register: the participant's gender and age band, changed by the
 * project's coaches and admins (the SQL function checks the project and writes the audit entry).
 */
export function registerRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/participants/:id/register', async function registerForm(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const current = await c.get('services').store.participantRegister(c.get('principal'), id);
    return c.html(
      inLang(
        c.get('lang'),
        <RegisterPage
          staff={c.get('staff')}
          participantId={id}
          code={current.code}
          values={current}
          saved={c.req.query('saved') === '1'}
        />,
      ),
    );
  });

  app.post('/participants/:id/register', async function registerSave(c) {
    const id = parseWith(idParam, c.req.param('id'));
    const form = await readForm(c);
    const { store } = c.get('services');
    // Looked up first, so a caller outside the project gets 404 whatever the form holds.
    const current = await store.participantRegister(c.get('principal'), id);
    const parsed = registerInput.safeParse(form);
    if (!parsed.success) {
      return c.html(
        inLang(
          c.get('lang'),
          <RegisterPage
            staff={c.get('staff')}
            participantId={id}
            code={current.code}
            values={{ gender: text(form.gender), age_band: text(form.age_band) }}
            error={errorMessage('REGISTER_DATA_INVALID', c.get('lang'))}
          />,
        ),
        400,
      );
    }
    try {
      await store.updateParticipantRegister(c.get('principal'), { participant_id: id, ...parsed.data });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'REGISTER_DATA_INVALID')) throw error;
      return c.html(
        inLang(
          c.get('lang'),
          <RegisterPage
            staff={c.get('staff')}
            participantId={id}
            code={current.code}
            values={parsed.data}
            error={errorMessage('REGISTER_DATA_INVALID', c.get('lang'))}
          />,
        ),
        422,
      );
    }
    return c.redirect(`/coach/participants/${id}/register?saved=1`, 303);
  });

  return app;
}
