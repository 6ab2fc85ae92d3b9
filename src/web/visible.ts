import { ForbiddenError } from '../domain/shared/errors.js';

/**
 * A single-entity view for one entry of a list, or null when the viewer may not see it: a match list read
 * from the index may still hold a listing the view's rules keep from this viewer, and the list leaves it out
 * rather than failing the whole page.
 */
export async function visibleOrNull<T>(view: Promise<T>): Promise<T | null> {
  try {
    return await view;
  } catch (error) {
    if (error instanceof ForbiddenError) return null;
    throw error;
  }
}
