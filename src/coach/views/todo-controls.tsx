/** The to-do list's controls: group links with counts, the code search, the filters and the page links. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { TodoGroup } from '../../store/types.ts';
import type { WorklistQuery } from '../participants.ts';
import { TODO_OCCASIONS } from '../participants.ts';
import type { CoachListRow } from './list.tsx';
import { useTexts } from '../../views/lang.tsx';
import { coachTexts } from '../texts.ts';

// Due this week first: still in time, so the most worth doing today; then overdue (until missed).
export const TODO: TodoGroup[] = ['week', 'overdue', 'open', 'upcoming'];
export const OTHER: TodoGroup[] = ['missed', 'done', 'stopped'];

export interface WorklistView {
  total: number;
  counts: Partial<Record<TodoGroup, number>>;
  matched: number;
  page: number;
  page_size: number;
  rows: (CoachListRow & { todo: { group: TodoGroup } })[];
}

export type Href = (change: Partial<WorklistQuery>) => string;

/** A link to the list with some of the query changed (a new filter starts at page 1). */
export function hrefFor(projectId: string | null, query: WorklistQuery): Href {
  return (change) => {
    const next = { ...query, page: 1, ...change };
    const params = new URLSearchParams();
    if (projectId) params.set('project', projectId);
    if (next.q) params.set('q', next.q);
    if (next.group !== 'todo') params.set('group', next.group);
    if (next.occasion) params.set('occasion', next.occasion);
    if (next.sort !== 'urgency') params.set('sort', next.sort);
    if (next.page > 1) params.set('page', String(next.page));
    const s = params.toString();
    return s ? `/coach?${s}` : '/coach';
  };
}

export function GroupLinks(props: {
  list: WorklistView;
  query: WorklistQuery;
  href: Href;
  groups: TodoGroup[];
  label: string;
  extra?: JSX.Element;
}) {
  const t = useTexts(coachTexts);
  const link = (group: WorklistQuery['group'], label: string, count: number) => (
    <li>
      <a
        href={props.href({ group, sort: 'urgency' })}
        aria-current={props.query.group === group && props.query.sort === 'urgency' ? 'page' : undefined}
      >
        {label} <span class="count">{count}</span>
      </a>
    </li>
  );
  return (
    <nav aria-label={props.label} class="todo-groups">
      <ul>
        {props.groups.map((g) => link(g, t.group[g], props.list.counts[g] ?? 0))}
        {props.extra}
      </ul>
    </nav>
  );
}

/** The code search, a plain GET form: in every group, filters reset. */
export function SearchForm(props: { projectId: string | null; query: WorklistQuery }) {
  const t = useTexts(coachTexts);
  return (
    <form method="get" action="/coach" role="search" class="todo-search todo-code">
      {props.projectId ? <input type="hidden" name="project" value={props.projectId} /> : null}
      <label>
        {t.searchLabel}
        <input type="search" name="q" value={props.query.q} autocomplete="off" placeholder={t.searchPlaceholder} />
      </label>
      <button type="submit">{t.search}</button>
    </form>
  );
}

/** The filters, a plain GET form that keeps the search; below the list, since the groups come first. */
export function FilterForm(props: { projectId: string | null; query: WorklistQuery }) {
  const t = useTexts(coachTexts);
  const q = props.query;
  const filtered = q.occasion !== undefined || q.sort !== 'urgency' || q.group !== (q.q ? 'all' : 'todo');
  const project = props.projectId ? <input type="hidden" name="project" value={props.projectId} /> : null;
  return (
    <div class="todo-search">
      <details open={filtered}>
        <summary>{t.filters}</summary>
        <form method="get" action="/coach" class="stack-wide">
          {project}
          {q.q ? <input type="hidden" name="q" value={q.q} /> : null}
          <label>
            {t.show}
            <select name="group">
              <option value="todo" selected={q.group === 'todo'}>
                {t.todo}
              </option>
              {[...TODO, ...OTHER].map((g) => (
                <option value={g} selected={q.group === g}>
                  {t.group[g]}
                </option>
              ))}
              <option value="all" selected={q.group === 'all'}>
                {t.all}
              </option>
            </select>
          </label>
          <label>
            {t.nextSurvey}
            <select name="occasion">
              <option value="">{t.allSurveys}</option>
              {TODO_OCCASIONS.map((o) => (
                <option value={o} selected={q.occasion === o}>
                  {t.entry[o]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.order}
            <select name="sort">
              <option value="urgency" selected={q.sort === 'urgency'}>
                {t.urgentFirst}
              </option>
              <option value="newest" selected={q.sort === 'newest'}>
                {t.newestFirst}
              </option>
            </select>
          </label>
          <button type="submit">{t.show}</button>
        </form>
      </details>
    </div>
  );
}

export function Pager(props: { list: WorklistView; href: Href }) {
  const t = useTexts(coachTexts);
  const { page, page_size, matched } = props.list;
  const pages = Math.max(1, Math.ceil(matched / page_size));
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages);
  return (
    <nav aria-label={t.pages} class="pager">
      <ul>
        {page > 1 ? (
          <li>
            <a href={props.href({ page: page - 1 })} rel="prev">
              {t.previous}
            </a>
          </li>
        ) : null}
        {shown.map((n) => (
          <li>
            <a href={props.href({ page: n })} aria-current={n === page ? 'page' : undefined}>
              {n}
            </a>
          </li>
        ))}
        {page < pages ? (
          <li>
            <a href={props.href({ page: page + 1 })} rel="next">
              {t.next}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
