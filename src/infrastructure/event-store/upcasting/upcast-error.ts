/** An event cannot be brought to the schema version this code expects (stable `code`s `UPCAST.*`). */
export class UpcastError extends Error {
  override readonly name = 'UpcastError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
