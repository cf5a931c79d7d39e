/**
 * Separation of duties as the pages apply it (the database applies the same rule in
 * app.sees_figures): a project's research figures are for its researchers and admins who are not
 * also its coaches — a coach knows who answered when.
 */
export function figureProjects<M extends { project_id: string; role: string }>(memberships: readonly M[]): M[] {
  const coaching = new Set(memberships.filter((m) => m.role === 'coach').map((m) => m.project_id));
  return memberships.filter((m) => (m.role === 'researcher' || m.role === 'admin') && !coaching.has(m.project_id));
}
