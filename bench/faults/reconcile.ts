// Reconciles the clients' logs with what the database holds, read directly as the superuser.
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { ClientLog } from './participant-client.ts';

export interface Reconciliation {
  /** Response rows of the run's project. */
  storedResponses: number;
  /** Clients whose submission is not stored (acknowledged or not). */
  lost: number;
  /** Of those, acknowledged to the client: the worst case. */
  acknowledgedButMissing: number;
  /** Rows beyond one per client uuid, beyond one per participant and occasion, and rows no client sent. */
  duplicated: number;
  /** Stored answers that differ from what the client sent. */
  partial: number;
  /** Participants without exactly one consent row, active. */
  consentProblems: number;
  activeConsents: number;
  examples: string[];
}

/** Key order does not matter in jsonb: compare canonical forms. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function reconcile(db: SqlExecutor, projectId: string, logs: ClientLog[]): Promise<Reconciliation> {
  const rows = await db.query<{
    id: string;
    participant_id: string;
    survey_key: string;
    occasion: string;
    answers: Record<string, unknown>;
  }>('select id, participant_id, survey_key, occasion, answers from public.responses where project_id = $1::uuid', [
    projectId,
  ]);
  const consents = await db.query<{ participant_id: string; active: boolean }>(
    `select c.participant_id, c.withdrawn_at is null as active
     from public.consents c join public.participants p on p.id = c.participant_id where p.project_id = $1::uuid`,
    [projectId],
  );
  const examples: string[] = [];
  const example = (line: string) => void (examples.length < 10 && examples.push(line));
  const byId = groupBy(rows, (r) => r.id);
  const bySlot = groupBy(rows, (r) => `${r.participant_id}/${r.survey_key}/${r.occasion}`);
  const consentsOf = groupBy(consents, (c) => c.participant_id);
  const sentIds = new Set(logs.map((l) => l.responseId));
  let lost = 0;
  let acknowledgedButMissing = 0;
  let duplicated = 0;
  let partial = 0;
  let consentProblems = 0;
  for (const log of logs) {
    const stored = byId.get(log.responseId) ?? [];
    if (stored.length === 0) {
      lost++;
      if (log.acknowledged) acknowledgedButMissing++;
      example(
        `not stored: response ${log.responseId} (acknowledged: ${log.acknowledged}; ${log.failure ?? 'no failure noted'})`,
      );
    } else {
      if (stored[0]!.participant_id !== log.participantId)
        example(`response ${log.responseId} stored for another participant`);
      if (canonical(stored[0]!.answers) !== canonical(log.answers)) {
        partial++;
        example(
          `answers differ for ${log.responseId}: sent ${canonical(log.answers)}, stored ${canonical(stored[0]!.answers)}`,
        );
      }
    }
    const mine = consentsOf.get(log.participantId) ?? [];
    if (mine.length !== 1 || !mine[0]!.active) {
      consentProblems++;
      example(
        `participant ${log.participantId}: ${mine.length} consent rows, ${mine.filter((c) => c.active).length} active`,
      );
    }
  }
  for (const [id, group] of byId) {
    if (group.length > 1) duplicated += group.length - 1;
    if (!sentIds.has(id)) {
      duplicated++;
      example(`stored response ${id} that no client sent`);
    }
  }
  for (const [slot, group] of bySlot) {
    if (group.length > 1) {
      duplicated += group.length - 1;
      example(`${group.length} responses for ${slot}`);
    }
  }
  return {
    storedResponses: rows.length,
    lost,
    acknowledgedButMissing,
    duplicated,
    partial,
    consentProblems,
    activeConsents: consents.filter((c) => c.active).length,
    examples,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
