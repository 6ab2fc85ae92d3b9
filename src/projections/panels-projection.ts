import { readEntity } from '../application/command-handler.js';
import { panelDecider } from '../domain/panel/decider.js';
import { panelStream } from '../domain/panel/stream.js';
import { entityOfStream, type Projection } from './projection.js';

/**
 * A need's review panel as the `panels` index holds it: one document per need (its id), so that an expert
 * finds the needs whose panel they sit on by `expertIds`.
 */
export type PanelDocument = {
  id: string;
  revision: number;
  needId: string;
  expertIds: string[];
  updatedAt: string;
};

const PREFIX = 'panel-';

export const panelsProjection: Projection = {
  index: 'panels',
  streamPrefixes: [PREFIX],
  affected: entityOfStream(PREFIX),
  async build(needId, ctx): Promise<PanelDocument | null> {
    const { state, revision } = await readEntity(ctx.store, panelStream(needId), panelDecider);
    if (revision === null || !state.setAt) return null;
    return {
      id: needId,
      revision: Number(revision),
      needId,
      expertIds: state.expertIds,
      updatedAt: state.setAt,
    };
  },
};
