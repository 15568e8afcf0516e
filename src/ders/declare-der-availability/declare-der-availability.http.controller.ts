import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { Kw } from '../../../domain/shared/units.js';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import { jsonBody, RequestMeta } from '../../infrastructure/http/command-request.js';
import { createdOrOk } from '../../infrastructure/http/command-response.js';
import { DeclareDerAvailabilityCommand } from './declare-der-availability.command.js';

@Controller('ders')
export class DeclareDerAvailabilityHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Body `{ window: "start/end", availableKw, reason? }`. */
  @Post(':derId/availability')
  async declare(
    @Param('derId') derId: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = jsonBody(raw);
    const outcome = await this.commands.execute(
      new DeclareDerAvailabilityCommand(
        derId,
        body['window'] as string,
        body['availableKw'] as Kw,
        body['reason'] as string | undefined,
        meta,
      ),
    );
    return createdOrOk(response, outcome, { derId });
  }
}
