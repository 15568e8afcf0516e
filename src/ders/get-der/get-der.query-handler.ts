import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  derDecider,
  isRegistered,
  toDerStreamId,
  type RegisteredDer,
} from '../../../domain/ders/index.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { AggregateReader } from '../../infrastructure/command-handling/aggregate-reader.js';
import { GetDerQuery } from './get-der.query.js';

/** Reads the stream itself, so a DER is visible as soon as its registration is appended. */
@QueryHandler(GetDerQuery)
export class GetDerQueryHandler implements IQueryHandler<GetDerQuery> {
  constructor(private readonly reader: AggregateReader) {}

  async execute({ derId }: GetDerQuery): Promise<RegisteredDer> {
    const state = await this.reader.load(toDerStreamId(derId), derDecider);
    if (!isRegistered(state))
      throw new DomainError('DER.NOT_REGISTERED', `DER ${derId} is not registered`, 'derId');
    return state;
  }
}
