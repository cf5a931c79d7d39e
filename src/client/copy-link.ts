/**
 * "Kopiera länken" beside a one-time link on a staff page. Without JavaScript the button stays
 * hidden and the link is plain text in a read-only field, selectable as any text. With it, the
 * button copies the link: through the Clipboard API, or, where there is none (a page served over
 * plain http), by selecting the field and asking the browser to copy the selection. Either way the
 * field ends up selected, and a live region says what happened. The words come from the page
 * (data-copied, data-selected), so the server keeps every text of the page in one place.
 */

async function copyText(field: HTMLTextAreaElement | HTMLInputElement): Promise<boolean> {
  field.focus();
  field.select();
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(field.value);
      return true;
    }
  } catch {
    // Refused (no permission, or the page lost focus): try the selection below.
  }
  try {
    // Deprecated, but the only way left to copy outside a secure context; the field is selected.
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

function enhance(box: HTMLElement): void {
  const field = box.querySelector<HTMLTextAreaElement | HTMLInputElement>('[data-copy-source]');
  const button = box.querySelector<HTMLButtonElement>('[data-copy-button]');
  const status = box.querySelector<HTMLElement>('[data-copy-status]');
  if (!field || !button || !status) return;
  // A click into the field selects the whole link, ready for the keyboard or a long press.
  field.addEventListener('focus', () => field.select());
  button.hidden = false;
  button.addEventListener('click', async function copyLink() {
    const copied = await copyText(field);
    // Emptied first so that a second click is announced again.
    status.textContent = '';
    status.classList.toggle('copied', copied);
    window.setTimeout(() => {
      status.textContent = (copied ? box.dataset.copied : box.dataset.selected) ?? '';
    }, 50);
  });
}

for (const box of document.querySelectorAll<HTMLElement>('[data-copy-link]')) enhance(box);
