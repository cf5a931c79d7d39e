import { AppError } from '../errors.ts';
import type { Principal, Store, StoredDefinition } from '../store/store.ts';
import { deriveAnswersValidator, type AnswersValidator } from './answers-schema.ts';

export interface LoadedDefinition extends StoredDefinition {
  validator: AnswersValidator;
}

/**
 * Published definitions never change, so each is fetched and its answers validator derived once
 * per process. This keeps a submission to a single database round trip.
 */
export function createDefinitionCache(limit = 200) {
  const byId = new Map<string, LoadedDefinition>();
  function remember(def: StoredDefinition): LoadedDefinition {
    const cached = byId.get(def.id);
    if (cached) return cached;
    const loaded = { ...def, validator: deriveAnswersValidator(def.json) };
    if (byId.size >= limit) byId.delete(byId.keys().next().value!);
    byId.set(def.id, loaded);
    return loaded;
  }
  return {
    remember,
    async byId(store: Store, who: Principal, id: string): Promise<LoadedDefinition> {
      const hit = byId.get(id);
      if (hit) return hit;
      const def = await store.definitionById(who, id);
      if (!def) throw new AppError('DEFINITION_NOT_FOUND');
      return remember(def);
    },
    async latest(store: Store, who: Principal, key: string): Promise<LoadedDefinition> {
      const def = await store.publishedDefinition(who, key);
      if (!def) throw new AppError('DEFINITION_NOT_FOUND');
      // The content is cached; the approvals are as read just now.
      return { ...remember(def), approved_languages: def.approved_languages ?? [] };
    },
  };
}
export type DefinitionCache = ReturnType<typeof createDefinitionCache>;
