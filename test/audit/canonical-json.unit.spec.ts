import fc from 'fast-check';
import {
  CanonicalJsonError,
  canonicalCopy,
  canonicalForm,
  canonicalJson,
  canonicalJsonWithout,
} from '../../src/infrastructure/audit/canonical-json.js';

// Expected texts below are worked out by hand from RFC 8785 (§3.2.2, §3.2.3, Appendix B).
describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, non-ASCII and surrogate pairs included (§3.2.3)', () => {
    const input = JSON.parse(
      String.raw`{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}`,
    ) as unknown;
    // U+000D < "1" < U+0080 < U+00F6 < U+20AC < U+D83D (the emoji's first unit) < U+FB33.
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('prints the RFC 8785 §3.2.2 example exactly', () => {
    const input = JSON.parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`) as unknown;
    expect(canonicalJson(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [5e-324, '5e-324'],
    [-1.7976931348623157e308, '-1.7976931348623157e+308'],
    [9007199254740992, '9007199254740992'],
    [295147905179352830000, '295147905179352830000'],
    [4.35, '4.35'],
    [-5, '-5'],
  ])('prints the number %p as %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
    expect(canonicalJson([value, { n: value }])).toBe(`[${text},{"n":${text}}]`);
  });

  it('sorts keys at every depth of nested arrays and objects', () => {
    const input = [[3, { b: 1, a: [{ d: 1, c: [[], {}] }] }], [], [null]];
    expect(canonicalJson(input)).toBe('[[3,{"a":[{"c":[[],{}],"d":1}],"b":1}],[],[null]]');
  });

  it('orders integer-like keys as strings, although JS enumerates them numerically', () => {
    expect(canonicalJson({ 9: 'nine', 10: 'ten', a: 1, '-1': 0 })).toBe(
      '{"-1":0,"10":"ten","9":"nine","a":1}',
    );
  });

  it('escapes strings as JSON.stringify does (lone surrogates as \\u escapes)', () => {
    expect(canonicalJson('tab\there "q" \\ \u0001 \u2028 \ud800')).toBe(
      JSON.stringify('tab\there "q" \\ \u0001 \u2028 \ud800'),
    );
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
  });

  it('keeps a parsed "__proto__" key as data', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"x":1}}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":1},"b":1}');
    expect(JSON.stringify(canonicalCopy(parsed))).toBe('{"__proto__":{"x":1},"b":1}');
  });

  const cycle: Record<string, unknown> = {};
  cycle['self'] = cycle;
  it.each([
    ['NaN', NaN],
    ['Infinity', { a: -Infinity }],
    ['undefined', undefined],
    ['an undefined member', { a: undefined }],
    ['undefined in an array', [1, undefined]],
    ['a sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['a BigInt', { n: 1n }],
    ['a function', { f: () => 1 }],
    ['a symbol', [Symbol('s')]],
    ['a Date', { at: new Date(0) }],
    ['a Map', new Map()],
    ['a cycle', cycle],
  ])('rejects %s, like canonicalCopy and canonicalForm', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalCopy(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalForm(value)).toThrow(CanonicalJsonError);
  });

  it('leaves out one top-level key on request', () => {
    expect(canonicalJsonWithout({ prevHash: 'p', hash: 'h', b: [2, 1] }, 'hash')).toBe(
      '{"b":[2,1],"prevHash":"p"}',
    );
  });

  // A plain sort-and-join implementation, to compare the fast paths against.
  const reference = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`);
      return `{${members.join(',')}}`;
    }
    return JSON.stringify(value);
  };

  it('agrees with a plain implementation on any JSON value, and copies print canonically', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(reference(value));
        expect(canonicalJson(canonicalCopy(value))).toBe(text);
        const form = canonicalForm(value);
        expect(form.json).toBe(text);
        expect(JSON.stringify(form.value)).toBe(JSON.stringify(canonicalCopy(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});
