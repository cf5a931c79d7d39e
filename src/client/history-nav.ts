/**
 * The browser's Back button goes to the previous question. Each page of a questionnaire gets a
 * history entry at the same address (pushState with an unchanged URL: nothing is added to the
 * address, and during a hand-over the token, which is not in the address, never enters the
 * history). Back on a later page shows the page before; Back on the first page leaves as any page
 * would, after the draft is saved (survey-runner flushes it on pagehide).
 */
import type { SurveyModel } from 'survey-core';

interface Entry {
  /** Which questionnaire the entry belongs to (the definition id). */
  enkatSurvey: string;
  /** Position in this document's run of entries for the questionnaire. */
  enkatStep: number;
  enkatPage: number;
}

/** The pages of this document's entries, by step; module state, so a redraw continues the run. */
let run: { survey: string; pages: number[]; step: number } | null = null;
let detach: (() => void) | null = null;

function isEntry(state: unknown, survey: string): state is Entry {
  const s = state as Partial<Entry> | null;
  return !!s && s.enkatSurvey === survey && typeof s.enkatStep === 'number' && typeof s.enkatPage === 'number';
}

function write(kind: 'push' | 'replace', survey: string, step: number, page: number): void {
  const entry: Entry = { enkatSurvey: survey, enkatStep: step, enkatPage: page };
  // The URL argument is left out: the entry keeps the address it has.
  if (kind === 'push') history.pushState(entry, '');
  else history.replaceState(entry, '');
}

/**
 * Ties the model's page to the history. `host` is where the survey is drawn: once it has left
 * the document (another page drawn), the entries are ignored until a survey is drawn again.
 */
export function attachHistoryNav(model: SurveyModel, survey: string, host: HTMLElement): void {
  detach?.();
  if (!run || run.survey !== survey) run = { survey, pages: [model.currentPageNo], step: 0 };
  const r = run;
  r.pages[r.step] = model.currentPageNo;
  write('replace', survey, r.step, model.currentPageNo);
  let fromHistory = false;

  const onPageChanged = (_: SurveyModel, options: { oldCurrentPage?: unknown; newCurrentPage?: unknown }) => {
    if (fromHistory) return;
    const page = model.currentPageNo;
    const forward = model.visiblePages.indexOf(options.oldCurrentPage as never) < page;
    if (forward) {
      r.step += 1;
      r.pages.length = r.step;
      r.pages.push(page);
      write('push', survey, r.step, page);
    } else if (r.step > 0 && r.pages[r.step - 1] === page) {
      history.back(); // "Föregående" tapped: the same step as Back, so Forward still works
    } else {
      r.pages[r.step] = page;
      write('replace', survey, r.step, page);
    }
  };

  const onPopState = (event: PopStateEvent) => {
    if (!host.isConnected || !isEntry(event.state, survey)) return;
    const { enkatStep: step, enkatPage: page } = event.state;
    r.step = step;
    r.pages[step] = page;
    if (page === model.currentPageNo || page < 0 || page >= model.visiblePages.length) return;
    fromHistory = true;
    try {
      // Forward again only past a valid page (required answers); Back always.
      if (page > model.currentPageNo && !model.validateCurrentPage()) history.back();
      else model.currentPageNo = page;
    } finally {
      fromHistory = false;
    }
  };

  model.onCurrentPageChanged.add(onPageChanged);
  addEventListener('popstate', onPopState);
  detach = () => {
    model.onCurrentPageChanged.remove(onPageChanged);
    removeEventListener('popstate', onPopState);
    detach = null;
  };
}
