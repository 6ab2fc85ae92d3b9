/**
 * The errors of the SearchIndex port, in a file of their own so that the port, the filter and the adapters
 * can all throw them without importing one another.
 */

/** Every error of this port carries a stable code and an HTTP-like status, as the domain errors do. */
export class SearchIndexError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SearchIndexError';
  }
}

export class IndexNotFoundError extends SearchIndexError {
  constructor(readonly index: string) {
    super('search.index_not_found', `search index ${index} does not exist; apply its settings first`, 500);
    this.name = 'IndexNotFoundError';
  }
}

/** A search the index cannot answer as asked: unknown sort or facet attribute, page out of range… */
export class InvalidSearchError extends SearchIndexError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('search.invalid', message, 400, options);
    this.name = 'InvalidSearchError';
  }
}

/** A filter of the wrong shape, or on an attribute the index cannot filter on. */
export class InvalidFilterError extends SearchIndexError {
  constructor(
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super('search.invalid_filter', message, 400, options);
    this.name = 'InvalidFilterError';
  }
}

/** A document a projection wrote that the index definition cannot hold. */
export class InvalidDocumentError extends SearchIndexError {
  constructor(
    readonly index: string,
    message: string,
  ) {
    super('search.invalid_document', `${index}: ${message}`, 500);
    this.name = 'InvalidDocumentError';
  }
}

export class SearchUnavailableError extends SearchIndexError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('search.unavailable', message, 503, options);
    this.name = 'SearchUnavailableError';
  }
}
