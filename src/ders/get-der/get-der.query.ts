import { Query } from '@nestjs/cqrs';
import type { RegisteredDer } from '../../../domain/ders/index.js';

/** A DER's state folded from its stream: parameters, availability, membership, EV sessions. */
export class GetDerQuery extends Query<RegisteredDer> {
  constructor(readonly derId: string) {
    super();
  }
}
