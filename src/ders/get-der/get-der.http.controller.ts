import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetDerQuery } from './get-der.query.js';

@Controller('ders')
export class GetDerHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':derId')
  show(@Param('derId') derId: string) {
    return this.queries.execute(new GetDerQuery(derId));
  }
}
