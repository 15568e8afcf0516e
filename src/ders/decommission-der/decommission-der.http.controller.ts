import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import { optionalJsonBody, RequestMeta } from '../../infrastructure/http/command-request.js';
import { toCommandResponse } from '../../infrastructure/http/command-response.js';
import { DecommissionDerCommand } from './decommission-der.command.js';

@Controller('ders')
export class DecommissionDerHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Body `{ effectiveFrom? }`, or none: decommissioned from now. */
  @Post(':derId/decommission')
  @HttpCode(HttpStatus.OK)
  async decommission(
    @Param('derId') derId: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
  ) {
    const body = optionalJsonBody(raw);
    const outcome = await this.commands.execute(
      new DecommissionDerCommand(derId, body['effectiveFrom'] as string | undefined, meta),
    );
    return { derId, ...toCommandResponse(outcome) };
  }
}
