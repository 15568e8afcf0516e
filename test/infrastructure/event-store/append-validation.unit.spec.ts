import { runInNewContext } from 'node:vm';
import { assertJsonSafe } from '../../../src/infrastructure/event-store/append-validation.js';
import { InvalidAppendError } from '../../../src/infrastructure/event-store/errors.js';

const rejection = (value: unknown): unknown => {
  try {
    assertJsonSafe(value, 'data');
    return undefined;
  } catch (error) {
    return error;
  }
};

describe('assertJsonSafe', () => {
  it('accepts plain objects made in another realm (a VM context, a worker message)', () => {
    expect(rejection(runInNewContext('({ a: [1, { b: "x" }] })'))).toBeUndefined();
    expect(rejection(Object.create(null))).toBeUndefined();
  });

  it.each([
    ['a Date', { at: new Date(0) }, 'data.at'],
    ['a Map', { m: new Map() }, 'data.m'],
    ['a class instance', { x: new (class Thing {})() }, 'data.x'],
    ['NaN', { n: [1, Number.NaN] }, 'data.n[1]'],
    ['undefined', { u: undefined }, 'data.u'],
    ['a BigInt', { b: 1n }, 'data.b'],
  ])('rejects %s, naming the field', (_label, value, field) => {
    const error = rejection(value);
    expect(error).toBeInstanceOf(InvalidAppendError);
    expect(error).toMatchObject({ code: 'EVENT_STORE.NOT_JSON', field });
  });
});
