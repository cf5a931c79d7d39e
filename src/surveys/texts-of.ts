/** Texts per language, shared by the diff, the rules and the editor (no dependencies: the editor bundles it). */

/** A text value per language: a plain string counts as "default". */
export function textsOf(v: unknown): Record<string, string> {
  if (typeof v === 'string') return { default: v };
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).filter(([, t]) => typeof t === 'string'),
    ) as Record<string, string>;
  }
  return {};
}
