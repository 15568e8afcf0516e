import { BadRequestException } from '@nestjs/common';
import { DomainError } from '../../../domain/shared/domain-error.js';
import {
  ConcurrencyError,
  InvalidAppendError,
} from '../../../src/infrastructure/event-store/errors.js';
import { mapError } from '../../../src/infrastructure/http/error-mapping.js';

describe('mapError', () => {
  it('turns a broken rule into 400 with its stable code and the field at fault', () => {
    const error = new DomainError(
      'DER.INVALID_PARAMETER',
      'chargeKw must be >= 0',
      'parameters.chargeKw',
      {
        value: -5,
      },
    );
    expect(mapError(error)).toEqual({
      status: 400,
      body: {
        error: {
          code: 'DER.INVALID_PARAMETER',
          message: 'chargeKw must be >= 0',
          field: 'parameters.chargeKw',
          details: { value: -5 },
        },
      },
    });
  });

  it('turns an unknown aggregate into 404', () => {
    expect(mapError(new DomainError('DER.NOT_REGISTERED', 'no DER d-1')).status).toBe(404);
    expect(mapError(new DomainError('DER.EV_SESSION_NOT_FOUND', 'no session s-9')).status).toBe(
      404,
    );
    expect(mapError(new DomainError('DER.NOT_FOUNDATIONAL', 'a rule')).status).toBe(400);
  });

  it('turns a lost race into 409 and bad event input into 400', () => {
    expect(mapError(new ConcurrencyError('der-1', 0n, 1n)).status).toBe(409);
    const invalid = new InvalidAppendError('EVENT_STORE.NOT_JSON', 'data.x: NaN', 'data.x');
    expect(mapError(invalid).body.error).toMatchObject({
      code: 'EVENT_STORE.NOT_JSON',
      field: 'data.x',
    });
  });

  it("keeps Nest's HTTP errors and hides internals of anything else", () => {
    expect(mapError(new BadRequestException('bad JSON')).body.error).toEqual({
      code: 'HTTP.400',
      message: 'bad JSON',
    });
    expect(mapError(new Error('secret stack detail'))).toEqual({
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'internal error; see the server log' } },
    });
  });
});
