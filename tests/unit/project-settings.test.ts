import { describe, expect, it } from 'vitest';
import { parseProjectForm, projectFormValues } from '../../src/admin/project-settings.ts';
import { DEFAULT_OUTCOME_MAP } from '../../src/domain/outcome-categories.ts';

const base = { name: 'EHA Ockelbo', min_group_size: '5' };

describe('project form', () => {
  it('stores settings under the keys the app reads; empty fields remove keys (null)', () => {
    const r = parseProjectForm({
      ...base,
      municipality: ' Ockelbo ',
      target_participants: '40',
      pagaendeFromWeeks: '5',
      pagaendeToWeeks: '9',
      languages: 'EN; ar sv',
      requireReconsent: 'on',
      contact: '',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'EHA Ockelbo',
        min_group_size: 5,
        settings: {
          municipality: 'Ockelbo',
          period_start: null,
          period_end: null,
          target_participants: 40,
          goal_work_or_studies_percent: null,
          target_women_percent: null,
          // The whole mapping is stored; fields left out keep the default (seed 000's counting).
          outcome_map: DEFAULT_OUTCOME_MAP,
          reporting_minimums: null,
          startDueDays: null,
          pagaendeFromWeeks: 5,
          pagaendeToWeeks: 9,
          exitDueDays: null,
          missedAfterDays: null,
          languages: ['sv', 'en', 'ar'],
          ethics_reference: null,
          contact: null,
          accessibility_contact: null,
          requireReconsent: true,
          withdrawalPolicy: null,
        },
      },
    });
  });

  it('stores reporting minimums per survey and occasion, and fills the form from them', () => {
    const r = parseProjectForm({ ...base, reporting_min_pagaende: '10', reporting_min_avslut: ' 5 ' });
    expect(r.ok && r.value.settings.reporting_minimums).toEqual({ 'pagaende:pagaende': 10, 'avslut:avslut': 5 });
    const values = projectFormValues({
      name: 'P',
      min_group_size: 5,
      settings: { reporting_minimums: { 'pagaende:pagaende': 10, 'wai:start': 8 } },
    });
    expect([values.reporting_min_pagaende, values.reporting_min_wai_start, values.reporting_min_avslut]).toEqual([
      '10',
      '8',
      '',
    ]);
    const bad = parseProjectForm({ ...base, reporting_min_wai_avslut: '0' });
    expect(bad).toEqual({
      ok: false,
      errors: ['En rapporteringsgräns ska vara ett heltal, minst 1 (tomt: minsta gruppstorlek).'],
    });
  });

  it('stores the cut-off for "missad" with the schedule, and refuses a bad one', () => {
    const r = parseProjectForm({ ...base, missedAfterDays: ' 45 ' });
    expect(r.ok && r.value.settings.missedAfterDays).toBe(45);
    expect(projectFormValues({ name: 'P', min_group_size: 5, settings: { missedAfterDays: 45 } }).missedAfterDays).toBe(
      '45',
    );
    for (const bad of ['0', '366', '2.5', 'trettio']) {
      expect(parseProjectForm({ ...base, missedAfterDays: bad })).toEqual({
        ok: false,
        errors: ['Dagar innan en försenad enkät räknas som missad ska vara ett heltal mellan 1 och 365.'],
      });
    }
  });

  it('answers in plain Swedish', () => {
    const errors = (form: Record<string, string>) => {
      const r = parseProjectForm({ ...base, ...form });
      return r.ok ? [] : r.errors;
    };
    expect(errors({ min_group_size: '101' })).toEqual(['Minsta gruppstorlek ska vara ett heltal mellan 3 och 100.']);
    expect(errors({ min_group_size: '' })).toEqual(['Minsta gruppstorlek ska vara ett heltal mellan 3 och 100.']);
    expect(errors({ target_participants: '2.5' })).toEqual(['Målet för antal deltagare ska vara ett heltal, minst 1.']);
    expect(errors({ goal_work_or_studies_percent: '0' })).toEqual([
      'Målet för andelen som går till arbete eller studier anges i procent, ett heltal mellan 1 och 100.',
    ]);
    expect(errors({ target_women_percent: '101' })).toEqual([
      'Målet för andelen kvinnor anges i procent, ett heltal mellan 1 och 100.',
    ]);
    expect(errors({ outcome_reason_flytt: '{"flytt":"arbete"}' })).toEqual([
      'Välj arbete, studier, annan sysselsättning eller ingen sysselsättning för varje avslutsorsak och sysselsättning.',
    ]);
    expect(errors({ period_start: '2026-02-01', period_end: '2026-01-01' })).toEqual([
      'Perioden kan inte sluta innan den börjar.',
    ]);
    expect(errors({ startDueDays: '60' })).toEqual(['Start-WAI ska vara besvarad senast den vecka Pågående öppnar.']);
    expect(errors({ pagaendeFromWeeks: '8', pagaendeToWeeks: '8' })).toEqual([
      'Pågående ska stänga senare än det öppnar.',
    ]);
    expect(errors({ withdrawalPolicy: 'forget' })).toEqual([
      'Välj vad som händer med svaren när någon återkallar sitt samtycke.',
    ]);
  });

  it('fills the form from a stored project, without the always-offered Swedish', () => {
    const v = projectFormValues({
      name: 'X',
      min_group_size: 6,
      settings: { languages: ['sv', 'en'], requireReconsent: true, target_participants: 30 },
    });
    expect(v).toMatchObject({
      name: 'X',
      min_group_size: '6',
      languages: 'en',
      requireReconsent: 'on',
      target_participants: '30',
      contact: '',
    });
  });

  it('withdrawal policy: keep or erase is stored; the form shows erase (the default) for a project without one', () => {
    for (const policy of ['keep', 'erase']) {
      const r = parseProjectForm({ ...base, withdrawalPolicy: policy });
      expect(r.ok && r.value.settings.withdrawalPolicy).toBe(policy);
    }
    expect(projectFormValues({ name: 'X', min_group_size: 5, settings: {} }).withdrawalPolicy).toBe('erase');
    expect(
      projectFormValues({ name: 'X', min_group_size: 5, settings: { withdrawalPolicy: 'keep' } }).withdrawalPolicy,
    ).toBe('keep');
  });

  it('edits the outcome mapping as plain choices and shows the stored one back', () => {
    const r = parseProjectForm({
      ...base,
      outcome_reason_annat: 'annan_sysselsattning',
      outcome_occupation_praktik: 'ingen',
    });
    if (!r.ok) throw new Error(r.errors.join());
    const map = r.value.settings.outcome_map as typeof DEFAULT_OUTCOME_MAP;
    expect(map.exit_reason).toEqual({ ...DEFAULT_OUTCOME_MAP.exit_reason, annat: 'annan_sysselsattning' });
    expect(map.occupation_exit).toEqual({ ...DEFAULT_OUTCOME_MAP.occupation_exit, praktik: 'ingen' });
    const values = projectFormValues({
      name: 'x',
      min_group_size: 5,
      settings: { outcome_map: map, target_women_percent: 60 },
    });
    expect(values.outcome_reason_annat).toBe('annan_sysselsattning');
    expect(values.outcome_occupation_praktik).toBe('ingen');
    expect(values.outcome_occupation_arbetssokande).toBe('annan_sysselsattning');
    expect(values.target_women_percent).toBe('60');
  });
});
