/**
 * The withdrawal page (#aterkalla), reachable from the footer of every participant page: what
 * withdrawing means (including what happens to answers already sent, under the project's
 * policy), a confirmation, POST /api/p/withdraw, and what happens now. Before consent
 * there is nothing to withdraw: the page says that nothing has been sent and that declining is fine,
 * and "Jag vill inte delta" (POST /api/p/decline) tells the coach, who then does not ask again.
 */
import { api } from './api.ts';
import { discardAllDrafts } from './drafts.ts';
import { el, heading, message, show, type Frame } from './page.ts';
import { textsFor } from './texts.ts';

export interface WithdrawView {
  frame: Frame;
  consent: 'given' | 'missing' | 'withdrawn';
  contact: string | null;
  /** The project's policy for answers already sent; told before the participant confirms. */
  policy: 'keep' | 'erase';
  /** The policy the server applied (the project's may have changed since the page loaded). */
  onWithdrawn(applied: 'keep' | 'erase'): void;
  onBack(): void;
}

export function showWithdraw(v: WithdrawView): void {
  const t = textsFor(v.frame.locale);
  const back = el(
    'button',
    { type: 'button', class: 'link-button' },
    v.consent === 'given' ? t.withdrawCancel : t.back,
  );
  back.addEventListener('click', v.onBack);
  const frame: Frame = { ...v.frame, consent: null };
  if (v.consent === 'withdrawn') return message(frame, t.withdrawn, t.withdrawnBody);
  if (v.consent === 'missing') return showDecline(frame, v.frame.contentLocale, back);

  const status = el('p', { class: 'notice error', role: 'alert', hidden: true });
  const confirm = el('button', { type: 'button', class: 'danger' }, t.withdrawConfirm);
  confirm.addEventListener('click', async function withdraw() {
    confirm.disabled = true;
    confirm.textContent = t.withdrawing;
    status.hidden = true;
    try {
      const res = await api<{ policy: 'keep' | 'erase' | null }>('POST', '/api/p/withdraw', v.frame.contentLocale);
      if (res.ok) {
        discardAllDrafts();
        return v.onWithdrawn(res.data.policy ?? v.policy);
      }
      status.textContent = res.data.error?.message ?? t.tryAgain;
    } catch {
      status.textContent = t.tryAgain;
    }
    status.hidden = false;
    confirm.disabled = false;
    confirm.textContent = t.withdrawConfirm;
  });

  const section = el(
    'section',
    { class: 'message withdraw' },
    heading(t.withdrawTitle),
    el('p', {}, t.withdrawIntro),
    el('ul', {}, ...[...t.withdrawPoints, t.sentAnswers[v.policy]].map((point) => el('li', {}, point))),
  );
  if (v.contact) section.append(el('p', {}, t.contact(v.contact)));
  section.append(status, el('div', { class: 'actions' }, confirm, back));
  show(frame, section);
}

/** Before consent: declining is fine; one tap records it so that the coach does not ask again. */
function showDecline(frame: Frame, contentLocale: Frame['contentLocale'], back: HTMLElement): void {
  const t = textsFor(frame.locale);
  const status = el('p', { class: 'notice error', role: 'alert', hidden: true });
  const confirm = el('button', { type: 'button', class: 'danger' }, t.declineConfirm);
  confirm.addEventListener('click', async function decline() {
    confirm.disabled = true;
    status.hidden = true;
    try {
      const res = await api('POST', '/api/p/decline', contentLocale);
      if (res.ok) return message(frame, t.declinedTitle, t.declinedBody);
      status.textContent = res.data.error?.message ?? t.tryAgain;
    } catch {
      status.textContent = t.tryAgain;
    }
    status.hidden = false;
    confirm.disabled = false;
  });
  message(
    frame,
    t.declineTitle,
    t.declineBody,
    el('p', {}, t.declineRecord),
    status,
    el('div', { class: 'actions' }, confirm, back),
  );
}
