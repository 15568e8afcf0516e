import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { DerParameters } from '../../../domain/ders/index.js';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import { jsonBody, RequestMeta } from '../../infrastructure/http/command-request.js';
import { createdOrOk } from '../../infrastructure/http/command-response.js';
import { RegisterDerCommand } from './register-der.command.js';

@Controller('ders')
export class RegisterDerHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Body `{ derId, parameters }`; the decider validates the parameters field by field. */
  @Post()
  async register(
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = jsonBody(raw);
    const derId = body['derId'] as string;
    const outcome = await this.commands.execute(
      new RegisterDerCommand(derId, body['parameters'] as DerParameters, meta),
    );
    return createdOrOk(response, outcome, { derId });
  }
}
