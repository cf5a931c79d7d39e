/**
 * "Mina deltagare", the coach's to-do list: what needs doing now first (overdue, due this week),
 * with counts per group, a code search, filters and newest-first as a plain GET form, and pages of
 * 50. The database groups, filters and pages (coach_worklist); this page only lays it out.
 */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { StaffContext, TodoGroup } from '../../store/types.ts';
import { Layout } from '../../views/layout.tsx';
import type { WorklistQuery } from '../participants.ts';
import { isOverview, TODO_OCCASIONS } from '../participants.ts';
import { entryLabel, ParticipantCard, type CoachListRow } from './list.tsx';
import { EnrolForm, type EnrolValues } from './register.tsx';

export const GROUP_LABEL: Record<TodoGroup, string> = {
  overdue: 'Försenade',
  week: 'Denna vecka',
  open: 'Senare',
  upcoming: 'Kommande',
  missed: 'Missade',
  done: 'Klara',
  stopped: 'Deltar inte',
};
const GROUP_HINT: Record<TodoGroup, string> = {
  overdue: 'Sista dagen har passerat.',
  week: 'Ska besvaras inom 7 dagar.',
  open: 'Kan besvaras nu, sista dagen om mer än 7 dagar.',
  upcoming: 'Inget att göra än.',
  missed: 'Försenade för länge: inte längre på att göra-listan.',
  done: 'Allt är besvarat.',
  stopped: 'Vill inte delta eller har återkallat sitt samtycke. Frågas inte igen.',
};
const TODO: TodoGroup[] = ['overdue', 'week', 'open', 'upcoming'];
const OTHER: TodoGroup[] = ['missed', 'done', 'stopped'];

export interface WorklistView {
  total: number;
  counts: Partial<Record<TodoGroup, number>>;
  matched: number;
  page: number;
  page_size: number;
  rows: (CoachListRow & { todo: { group: TodoGroup } })[];
}

type Href = (change: Partial<WorklistQuery>) => string;

/** A link to the list with some of the query changed (a new filter starts at page 1). */
function hrefFor(projectId: string | null, query: WorklistQuery): Href {
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

function GroupLinks(props: {
  list: WorklistView;
  query: WorklistQuery;
  href: Href;
  groups: TodoGroup[];
  label: string;
  extra?: JSX.Element;
}) {
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
        {props.groups.map((g) => link(g, GROUP_LABEL[g], props.list.counts[g] ?? 0))}
        {props.extra}
      </ul>
    </nav>
  );
}

/**
 * Two plain GET forms: the code search (in every group, filters reset) and the filters (which keep
 * the search).
 */
function FilterForm(props: { projectId: string | null; query: WorklistQuery }) {
  const q = props.query;
  const filtered = q.occasion !== undefined || q.sort !== 'urgency' || q.group !== (q.q ? 'all' : 'todo');
  const project = props.projectId ? <input type="hidden" name="project" value={props.projectId} /> : null;
  return (
    <div class="todo-search">
      <form method="get" action="/coach" role="search" class="todo-code">
        {project}
        <label>
          Sök kod
          <input type="search" name="q" value={q.q} autocomplete="off" placeholder="t.ex. K7F3-9QX2" />
        </label>
        <button type="submit">Sök</button>
      </form>
      <details open={filtered}>
        <summary>Filter och ordning</summary>
        <form method="get" action="/coach" class="stack-wide">
          {project}
          {q.q ? <input type="hidden" name="q" value={q.q} /> : null}
          <label>
            Visa
            <select name="group">
              <option value="todo" selected={q.group === 'todo'}>
                Att göra
              </option>
              {[...TODO, ...OTHER].map((g) => (
                <option value={g} selected={q.group === g}>
                  {GROUP_LABEL[g]}
                </option>
              ))}
              <option value="all" selected={q.group === 'all'}>
                Alla
              </option>
            </select>
          </label>
          <label>
            Nästa enkät
            <select name="occasion">
              <option value="">Alla enkäter</option>
              {TODO_OCCASIONS.map((o) => (
                <option value={o} selected={q.occasion === o}>
                  {entryLabel[o]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Ordning
            <select name="sort">
              <option value="urgency" selected={q.sort === 'urgency'}>
                Mest bråttom först
              </option>
              <option value="newest" selected={q.sort === 'newest'}>
                Senast inskrivna först
              </option>
            </select>
          </label>
          <button type="submit">Visa</button>
        </form>
      </details>
    </div>
  );
}

function Rows(props: { list: WorklistView; query: WorklistQuery; href: Href }) {
  const { rows, counts } = props.list;
  if (props.query.sort === 'newest') {
    return (
      <section aria-labelledby="g-newest">
        <h2 id="g-newest">Senast inskrivna</h2>
        <ul class="participants">
          {rows.map((p) => (
            <ParticipantCard p={p} />
          ))}
        </ul>
      </section>
    );
  }
  const groups = [...new Set(rows.map((r) => r.todo.group))];
  return (
    <>
      {groups.map((g) => (
        <section aria-labelledby={`g-${g}`} class="todo-group">
          <h2 id={`g-${g}`} data-testid="todo-group">
            {GROUP_LABEL[g]} <span class="count">{counts[g] ?? 0}</span>
          </h2>
          <p class="muted">{GROUP_HINT[g]}</p>
          <ul class="participants">
            {rows
              .filter((r) => r.todo.group === g)
              .map((p) => (
                <ParticipantCard p={p} />
              ))}
          </ul>
          {isOverview(props.query) && (counts[g] ?? 0) > rows.filter((r) => r.todo.group === g).length ? (
            <p>
              <a class="button" href={props.href({ group: g })}>
                Alla i {GROUP_LABEL[g]} ({counts[g]})
              </a>
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}

function Pager(props: { list: WorklistView; href: Href }) {
  const { page, page_size, matched } = props.list;
  const pages = Math.max(1, Math.ceil(matched / page_size));
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages);
  return (
    <nav aria-label="Sidor" class="pager">
      <ul>
        {page > 1 ? (
          <li>
            <a href={props.href({ page: page - 1 })} rel="prev">
              Föregående
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
              Nästa
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function Summary(props: { list: WorklistView; query: WorklistQuery }) {
  const { page, page_size, matched, total, rows } = props.list;
  const from = (page - 1) * page_size + 1;
  const search = props.query.q ? ` med ”${props.query.q}” i koden` : '';
  if (isOverview(props.query)) {
    return (
      <p class="todo-total" role="status" data-testid="todo-total">
        {total} deltagare{search}, {matched} att göra.{' '}
        {matched > rows.length ? 'Här visas de tre mest bråttom i varje grupp.' : ''}
      </p>
    );
  }
  return (
    <p class="todo-total" role="status" data-testid="todo-total">
      {total} deltagare{search}.{' '}
      {matched === 0
        ? 'Ingen här.'
        : rows.length < matched
          ? `Visar ${from}–${from + rows.length - 1} av ${matched}.`
          : `Visar ${matched}.`}
    </p>
  );
}

export function CoachPage(props: {
  staff: StaffContext;
  projects: { id: string; name: string }[];
  project: { id: string; name: string };
  list: WorklistView;
  query: WorklistQuery;
  /** A refused enrolment: the message and what was chosen. */
  enrolError?: string;
  enrolValues?: EnrolValues;
}) {
  const projectParam = props.projects.length > 1 ? props.project.id : null;
  const href = hrefFor(projectParam, props.query);
  return (
    <Layout title="Mina deltagare" staff={props.staff}>
      <h1>Mina deltagare</h1>
      {props.projects.length > 1 ? (
        <form method="get" action="/coach" class="inline-form">
          <label>
            Projekt
            <select name="project">
              {props.projects.map((p) => (
                <option value={p.id} selected={p.id === props.project.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Visa</button>
        </form>
      ) : (
        <p class="muted">{props.project.name}</p>
      )}
      {props.enrolError ? (
        <EnrolForm projectId={props.project.id} error={props.enrolError} values={props.enrolValues} />
      ) : null}
      <p class="todo-shortcuts">
        <a href="#skriv-in">Ny deltagare</a>
        <a href={href({ group: 'all', sort: 'newest', occasion: undefined })}>Senast inskrivna</a>
      </p>
      <FilterForm projectId={projectParam} query={props.query} />
      <GroupLinks list={props.list} query={props.query} href={href} groups={TODO} label="Att göra" />
      <Summary list={props.list} query={props.query} />
      <Rows list={props.list} query={props.query} href={href} />
      {isOverview(props.query) ? null : <Pager list={props.list} href={href} />}
      <GroupLinks
        list={props.list}
        query={props.query}
        href={href}
        groups={OTHER}
        label="Fler grupper"
        extra={
          <>
            <li>
              <a
                href={href({ group: 'todo', sort: 'urgency' })}
                aria-current={isOverview(props.query) ? 'page' : undefined}
              >
                Att göra <span class="count">{TODO.reduce((n, g) => n + (props.list.counts[g] ?? 0), 0)}</span>
              </a>
            </li>
            <li>
              <a
                href={href({ group: 'all', sort: 'urgency' })}
                aria-current={props.query.group === 'all' && props.query.sort === 'urgency' ? 'page' : undefined}
              >
                Alla <span class="count">{props.list.total}</span>
              </a>
            </li>
          </>
        }
      />
      {props.enrolError ? null : (
        <>
          <h2>Ny deltagare</h2>
          <EnrolForm projectId={props.project.id} values={props.enrolValues} />
        </>
      )}
    </Layout>
  );
}
