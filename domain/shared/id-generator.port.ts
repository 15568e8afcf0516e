/**
 * Source of new ids (event ids, bid ids, ...). Injected, so that a simulation run with a seed
 * produces the same ids every time.
 */
export interface IdGenerator {
  /** A lower-case UUID v4 string, e.g. `0b7e5c62-3f0a-4d4b-9a55-1c2f3e4d5a6b`. */
  next(): string;
}

/** Nest DI token for the `IdGenerator` port. */
export const ID_GENERATOR = 'ID_GENERATOR';

/** Lower-case UUID v4: version nibble 4, variant bits 10xx (8, 9, a or b). */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
