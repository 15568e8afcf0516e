import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { DerParameters } from '../../../domain/ders/index.js';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import { jsonBody, RequestMeta } from '../../infrastructure/http/command-request.js';
import { toCommandResponse } from '../../infrastructure/http/command-response.js';
import { ChangeDerParametersCommand } from './change-der-parameters.command.js';

@Controller('ders')
export class ChangeDerParametersHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Body `{ parameters, effectiveFrom? }`: the whole parameter set, in force from then on. */
  @Put(':derId/parameters')
  async change(
    @Param('derId') derId: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
  ) {
    const body = jsonBody(raw);
    const outcome = await this.commands.execute(
      new ChangeDerParametersCommand(
        derId,
        body['parameters'] as DerParameters,
        body['effectiveFrom'] as string | undefined,
        meta,
      ),
    );
    return { derId, ...toCommandResponse(outcome) };
  }
}
