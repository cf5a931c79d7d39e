import type { RawRow } from './block-reference.ts';
import { prng } from './differencing-data.ts';

/**
 * Combination attacks on published figures, from the row sets each figure rests on (known from the
 * reference implementation, which the test first proves equal to the API's figures).
 */

export interface Finding {
  kind: string;
  detail: string;
}

/**
 * Every published figure of one kind (responses, or one item's n) in one group, as the set of rows
 * it counts. Checks all pairs and the triples A + B − C and A − B − C: none may equal one row
 * (a single person's answer), and where one set contains another the rows in between must hold,
 * per project, none or at least that project's minimum.
 */
export function combinationAttacks(
  sets: RawRow[][],
  mins: Record<string, number>,
  label: string,
): { findings: Finding[]; pairs: number; triples: number } {
  const rnd = prng(7);
  const weight = new Map<number, number>();
  const rowOf = new Map<number, RawRow>();
  const distinct = new Map<string, { ids: Set<number>; rows: RawRow[]; w: number }>();
  for (const rows of sets) {
    const ids = rows.map((r) => r.id).sort((a, b) => a - b);
    const key = ids.join(',');
    if (distinct.has(key)) continue;
    let w = 0;
    for (const r of rows) {
      if (!weight.has(r.id)) {
        weight.set(r.id, 1 + Math.floor(rnd() * 2 ** 30));
        rowOf.set(r.id, r);
      }
      w += weight.get(r.id)!;
    }
    distinct.set(key, { ids: new Set(ids), rows, w });
  }
  const byWeight = new Map<number, number>([...weight].map(([id, w]) => [w, id]));
  const list = [...distinct.values()];
  if (!distinct.has('')) list.push({ ids: new Set(), rows: [], w: 0 });
  const findings: Finding[] = [];
  // Exact check of a candidate: the indicator sum equals one row.
  const isSingle = (terms: [(typeof list)[number], number][], id: number) => {
    const all = new Set<number>(terms.flatMap(([s]) => [...s.ids]));
    all.add(id);
    return [...all].every((r) => terms.reduce((sum, [s, k]) => sum + (s.ids.has(r) ? k : 0), 0) === (r === id ? 1 : 0));
  };
  let pairs = 0;
  let triples = 0;
  for (const a of list) {
    for (const b of list) {
      if (a === b) continue;
      pairs++;
      const hit = byWeight.get(b.w - a.w);
      if (
        hit !== undefined &&
        isSingle(
          [
            [b, 1],
            [a, -1],
          ],
          hit,
        )
      )
        findings.push({ kind: 'pair isolates one row', detail: `${label}: row ${hit} (${rowOf.get(hit)!.project})` });
      if ([...a.ids].every((id) => b.ids.has(id))) {
        const perProject = new Map<string, number>();
        for (const r of b.rows) if (!a.ids.has(r.id)) perProject.set(r.project, (perProject.get(r.project) ?? 0) + 1);
        for (const [p, c] of perProject)
          if (c < mins[p]!)
            findings.push({ kind: 'nested difference below the minimum', detail: `${label}: ${c} rows of ${p}` });
      }
      for (const c of list) {
        triples += 2;
        for (const [x, terms] of [
          [
            a.w + b.w - c.w,
            [
              [a, 1],
              [b, 1],
              [c, -1],
            ],
          ],
          [
            a.w - b.w - c.w,
            [
              [a, 1],
              [b, -1],
              [c, -1],
            ],
          ],
        ] as const) {
          const t = byWeight.get(x);
          if (t !== undefined && isSingle(terms as unknown as [(typeof list)[number], number][], t))
            findings.push({ kind: 'triple isolates one row', detail: `${label}: row ${t}` });
        }
      }
    }
  }
  return { findings, pairs, triples };
}
