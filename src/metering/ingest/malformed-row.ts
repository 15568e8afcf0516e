/**
 * A row that could not even be read (e.g. a CSV line with the wrong number of fields). Parsers
 * put it in the batch in place of the row, so that row numbers stay aligned and the service
 * reports it among the rejected rows instead of failing the request.
 */
export class MalformedRow {
  constructor(
    readonly code: string,
    readonly field: string,
    readonly reason: string,
    readonly line?: number,
    readonly meterId: string | null = null,
    readonly intervalStart: string | null = null,
  ) {}
}

/** The 1-based source line of a well-formed CSV row, carried next to its values. */
export const LINE = Symbol('line');
