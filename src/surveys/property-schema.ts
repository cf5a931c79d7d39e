/**
 * What the form editor may offer for each element type: the allow-list's properties (allow-list.ts,
 * our choice of what a definition may contain) described by survey-core's Serializer (SurveyJS's
 * own model of each class: whether a property is localisable, its default value). Computed on the
 * server and sent with the editor page, so the editor's bundle stays free of survey-core.
 */
import { Serializer } from 'survey-core';
import { CHOICE_PROPS, ELEMENT_PROPS, PAGE_PROPS, SURVEY_PROPS, type ValueKind } from './allow-list.ts';

export interface PropertyInfo {
  name: string;
  kind: 'text' | 'plain' | 'html' | 'name' | 'bool' | 'number' | 'condition' | 'choices' | 'oneOf';
  /** For kind 'oneOf': the values allowed. */
  options?: string[];
  /** survey-core's default, shown as the placeholder of an empty field. */
  default?: string | number | boolean;
  /** Has a text per language (survey-core's isLocalizable). */
  localizable: boolean;
}

export interface EditorSchema {
  survey: PropertyInfo[];
  page: PropertyInfo[];
  choice: PropertyInfo[];
  /** Element types in the allow-list's order. */
  types: Record<string, PropertyInfo[]>;
}

function describe(className: string, props: Record<string, ValueKind>): PropertyInfo[] {
  const out: PropertyInfo[] = [];
  for (const [name, kind] of Object.entries(props)) {
    if (kind === 'elements' || kind === 'pages') continue;
    const prop = Serializer.findProperty(className, name);
    const info: PropertyInfo = {
      name,
      kind: typeof kind === 'object' ? 'oneOf' : kind,
      localizable: prop?.isLocalizable === true,
    };
    if (typeof kind === 'object') info.options = [...kind.oneOf];
    const d: unknown = prop?.defaultValue;
    if (typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean') info.default = d;
    out.push(info);
  }
  return out;
}

let cached: EditorSchema | undefined;

export function editorSchema(): EditorSchema {
  cached ??= {
    survey: describe('survey', SURVEY_PROPS),
    page: describe('page', PAGE_PROPS),
    choice: describe('itemvalue', CHOICE_PROPS),
    types: Object.fromEntries(Object.entries(ELEMENT_PROPS).map(([type, props]) => [type, describe(type, props)])),
  };
  return cached;
}
