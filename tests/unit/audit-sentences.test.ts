import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDetails } from '../../src/admin/audit-details.ts';
import { AUDIT_SENTENCES, auditSentence } from '../../src/admin/audit-sentences.ts';
import type { AuditRow } from '../../src/store/store.ts';

const dir = join(import.meta.dirname, '../../supabase/migrations');

/**
 * Every action code the migrations can write: the quoted `area.verb` literals inside each call of
 * app.audit / app.audit_staff and each direct insert into public.audit_log (up to its `;`), so the
 * codes chosen by a `case` are found too.
 */
function actionCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
    const sql = readFileSync(join(dir, file), 'utf8');
    for (const m of sql.matchAll(/app\.audit(?:_staff)?\(|insert into public\.audit_log/g)) {
      const statement = sql.slice(m.index, sql.indexOf(';', m.index));
      for (const lit of statement.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) codes.add(lit[1]!);
    }
  }
  return codes;
}

function row(over: Partial<AuditRow>): AuditRow {
  return {
    id: 1,
    at: '2026-12-07T10:00:00Z',
    actor_kind: 'staff',
    actor_email: 'anna.berg@exempel.se',
    action: 'definition.published',
    project_id: null,
    project_name: null,
    target_type: null,
    target_id: null,
    details: {},
    ...over,
  };
}

describe('audit log sentences', () => {
  const codes = actionCodes();

  it('finds the action codes the migrations write, those chosen by a case included', () => {
    for (const code of ['login.success', 'login.failure', 'consent.give', 'consent.renew', 'staff.deactivated'])
      expect(codes).toContain(code);
    expect(codes.size).toBeGreaterThanOrEqual(40);
  });

  it('has a sentence for every action code the database writes, and none for codes it never writes', () => {
    expect([...codes].filter((c) => !(c in AUDIT_SENTENCES)).sort()).toEqual([]);
    expect(Object.keys(AUDIT_SENTENCES).filter((c) => !codes.has(c))).toEqual([]);
  });

  it('every sentence reads without codes, ids or "undefined", whatever the details', () => {
    for (const action of codes) {
      for (const details of [{}, { version: 3, roles: ['coach'], format: 'csv', via: 'handover' }]) {
        const text = auditSentence(row({ action, details, target_type: 'staff', target_label: 'kalle@exempel.se' }));
        expect(text, action).not.toMatch(/undefined|null|\[object/);
        expect(text, action).not.toContain(action);
        expect(text.length, action).toBeGreaterThan(10);
      }
    }
  });

  it('names the actor and the object in words', () => {
    const published = row({
      target_type: 'survey_definition',
      target_label: 'Pågående',
      details: { key: 'pagaende', version: 3 },
    });
    expect(auditSentence(published)).toBe('anna.berg@exempel.se publicerade ”Pågående” version 3');
    expect(
      auditSentence(
        row({
          action: 'definition.retired',
          target_type: 'survey_definition',
          target_label: 'Avslut',
          details: { version: 1 },
        }),
      ),
    ).toBe('anna.berg@exempel.se tog ur bruk ”Avslut” version 1');
    const invited = row({
      action: 'staff.membership_changed',
      project_name: 'Steg framåt',
      target_type: 'staff',
      target_label: 'kalle@exempel.se',
      details: { roles: ['coach', 'researcher'] },
    });
    expect(auditSentence(invited)).toBe(
      'anna.berg@exempel.se gav kalle@exempel.se rollerna coach och forskare i projektet Steg framåt',
    );
    expect(auditSentence(row({ action: 'login.success', actor_kind: 'system' }))).toBe(
      'anna.berg@exempel.se loggade in',
    );
    expect(auditSentence(row({ action: 'consent.withdraw', actor_kind: 'participant', actor_email: null }))).toBe(
      'En deltagare tog tillbaka sitt samtycke',
    );
    expect(auditSentence(row({ action: 'research.row_export', target_type: 'survey', target_label: 'Pågående' }))).toBe(
      'anna.berg@exempel.se laddade ner radnivåexport av ”Pågående”',
    );
  });

  it('an unknown code gets a neutral sentence, never an error', () => {
    expect(auditSentence(row({ action: 'something.new', details: { x: 1 } }))).toBe(
      'anna.berg@exempel.se gjorde något som loggen inte kan beskriva i ord',
    );
    expect(auditSentence(row({ action: 'x.y', actor_kind: 'anonymous', actor_email: null }))).toMatch(/^Någon som/);
  });

  it('details become labelled fields in Swedish; ids are left out unless resolved, objects never shown', () => {
    const id = crypto.randomUUID();
    const fields = auditDetails(
      row({
        action: 'link.minted',
        details: {
          link_id: id,
          minted_by: id,
          via: 'handover',
          survey: 'pagaende',
          occasion: 'avslut',
          revoked_links: 2,
          extra: { a: 1 },
          other: id,
        },
        names: { minted_by: 'kalle@exempel.se', survey: 'Pågående' },
      }),
    );
    expect(fields).toEqual([
      { label: 'Enkät', value: 'Pågående' },
      { label: 'Tillfälle', value: 'avslut' },
      { label: 'Länken skapad av', value: 'kalle@exempel.se' },
      { label: 'Sätt', value: 'telefonen lämnades över' },
      { label: 'Tidigare länkar som slutade gälla', value: '2' },
    ]);
    expect(auditDetails(row({ action: 'staff.membership_changed', details: { roles: ['coach'] } }))).toEqual([
      { label: 'Roller', value: 'coach' },
    ]);
    expect(auditDetails(row({ action: 'login.failure', details: { reason: 'password_or_inactive' } }))).toEqual([
      { label: 'Skäl', value: 'fel lösenord eller inaktivt konto' },
    ]);
  });
});
