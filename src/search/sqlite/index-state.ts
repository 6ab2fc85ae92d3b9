import type { IndexDefinition } from '../definitions.js';
import type { Layout } from './layout.js';
import type { MemoryColumns } from './memory-columns.js';
import type { SynonymLookup } from './query.js';

/** An index as this process knows it: its definition and how that maps to tables. */
export interface IndexState {
  definition: IndexDefinition;
  /** The definition as `_indexes` stores it, to notice a change made by another process. */
  stored: string;
  layout: Layout;
  stopWords: ReadonlySet<string>;
  synonyms: SynonymLookup;
  related: SynonymLookup;
  memory: MemoryColumns;
}
