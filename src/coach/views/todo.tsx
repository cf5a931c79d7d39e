/**
 * "Mina deltagare", the coach's to-do list: what needs doing now first (overdue, due this week),
 * with counts per group, a code search, filters and newest-first as a plain GET form, and pages of
 * 50. The database groups, filters and pages (coach_worklist); this page only lays it out.
 */
import type { StaffContext } from '../../store/types.ts';
import { Layout } from '../../views/layout.tsx';
import { useTexts } from '../../views/lang.tsx';
import { coachTexts } from '../texts.ts';
import type { WorklistQuery } from '../participants.ts';
import { isOverview } from '../participants.ts';
import { ParticipantCard } from './list.tsx';
import { EnrolForm, type EnrolValues } from './register.tsx';
import {
  FilterForm,
  GroupLinks,
  hrefFor,
  OTHER,
  Pager,
  SearchForm,
  TODO,
  type Href,
  type WorklistView,
} from './todo-controls.tsx';

function Rows(props: { list: WorklistView; query: WorklistQuery; href: Href }) {
  const t = useTexts(coachTexts);
  const { rows, counts } = props.list;
  if (props.query.sort === 'newest') {
    return (
      <section aria-labelledby="g-newest">
        <h2 id="g-newest">{t.newest}</h2>
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
            {t.group[g]} <span class="count">{counts[g] ?? 0}</span>
          </h2>
          <p class="muted">{t.groupHint[g]}</p>
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
                {t.allIn(t.group[g], counts[g] ?? 0)}
              </a>
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}

function Summary(props: { list: WorklistView; query: WorklistQuery }) {
  const t = useTexts(coachTexts);
  const { page, page_size, matched, total, rows } = props.list;
  const from = (page - 1) * page_size + 1;
  const search = props.query.q ? t.withCode(props.query.q) : '';
  if (total === 0 && !props.query.q) {
    return (
      <p class="todo-total" role="status" data-testid="todo-total">
        {t.firstEmpty}
        <a href="#skriv-in">{t.newParticipant}</a>.
      </p>
    );
  }
  if (isOverview(props.query)) {
    return (
      <p class="todo-total" role="status" data-testid="todo-total">
        {t.overviewTotal(total, search, matched)} {matched > rows.length ? t.overviewPreview : ''}
      </p>
    );
  }
  return (
    <p class="todo-total" role="status" data-testid="todo-total">
      {t.listTotal(total, search)}{' '}
      {matched === 0
        ? t.noneHere
        : rows.length < matched
          ? t.showingRange(from, from + rows.length - 1, matched)
          : t.showingAll(matched)}
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
  const t = useTexts(coachTexts);
  const projectParam = props.projects.length > 1 ? props.project.id : null;
  const href = hrefFor(projectParam, props.query);
  return (
    <Layout title={t.title} staff={props.staff}>
      <h1>{t.title}</h1>
      {props.projects.length > 1 ? (
        <form method="get" action="/coach" class="inline-form">
          <label>
            {t.project}
            <select name="project">
              {props.projects.map((p) => (
                <option value={p.id} selected={p.id === props.project.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t.show}</button>
        </form>
      ) : (
        <p class="muted">{props.project.name}</p>
      )}
      {props.enrolError ? (
        <EnrolForm projectId={props.project.id} error={props.enrolError} values={props.enrolValues} />
      ) : null}
      <p class="todo-shortcuts">
        <a href="#skriv-in">{t.newParticipant}</a>
        <a href={href({ group: 'all', sort: 'newest', occasion: undefined })}>{t.newest}</a>
      </p>
      <SearchForm projectId={projectParam} query={props.query} />
      <GroupLinks list={props.list} query={props.query} href={href} groups={TODO} label={t.todo} />
      <Summary list={props.list} query={props.query} />
      <Rows list={props.list} query={props.query} href={href} />
      {isOverview(props.query) ? null : <Pager list={props.list} href={href} />}
      <GroupLinks
        list={props.list}
        query={props.query}
        href={href}
        groups={OTHER}
        label={t.moreGroups}
        extra={
          <>
            <li>
              <a
                href={href({ group: 'todo', sort: 'urgency' })}
                aria-current={isOverview(props.query) ? 'page' : undefined}
              >
                {t.todo} <span class="count">{TODO.reduce((n, g) => n + (props.list.counts[g] ?? 0), 0)}</span>
              </a>
            </li>
            <li>
              <a
                href={href({ group: 'all', sort: 'urgency' })}
                aria-current={props.query.group === 'all' && props.query.sort === 'urgency' ? 'page' : undefined}
              >
                {t.all} <span class="count">{props.list.total}</span>
              </a>
            </li>
          </>
        }
      />
      <FilterForm projectId={projectParam} query={props.query} />
      {props.enrolError ? null : (
        <>
          <h2>{t.newParticipant}</h2>
          <EnrolForm projectId={props.project.id} values={props.enrolValues} />
        </>
      )}
    </Layout>
  );
}
