import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { EvSessionSpec } from '../../../domain/ders/index.js';
import type { Kwh } from '../../../domain/shared/units.js';
import type { CommandMeta } from '../../infrastructure/command-handling/decider-command.js';
import {
  jsonBody,
  optionalJsonBody,
  RequestMeta,
} from '../../infrastructure/http/command-request.js';
import { createdOrOk, toCommandResponse } from '../../infrastructure/http/command-response.js';
import {
  CancelEvSessionCommand,
  PlanEvSessionCommand,
  PlugInEvCommand,
  UnplugEvCommand,
} from './ev-session.commands.js';

type Json = Readonly<Record<string, unknown>>;

// Only the known fields are passed on; the decider validates each and names the one at fault.
const sessionOf = (body: Json, sessionId: unknown): EvSessionSpec => ({
  sessionId: sessionId as string,
  arrival: body['arrival'] as string,
  departure: body['departure'] as string,
  energyOnArrivalKwh: body['energyOnArrivalKwh'] as Kwh,
  energyRequiredAtDepartureKwh: body['energyRequiredAtDepartureKwh'] as Kwh,
  batteryKwh: body['batteryKwh'] as Kwh,
});

@Controller('ders/:derId/ev-sessions')
export class EvSessionsHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Body: `{ sessionId, arrival, departure, energyOnArrivalKwh, energyRequiredAtDepartureKwh, batteryKwh }`. */
  @Post()
  async plan(
    @Param('derId') derId: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = jsonBody(raw);
    const session = sessionOf(body, body['sessionId']);
    const outcome = await this.commands.execute(new PlanEvSessionCommand(derId, session, meta));
    return createdOrOk(response, outcome, { derId, sessionId: session.sessionId });
  }

  /** Body: the session as planned (without `sessionId`), `arrival` being when it plugged in. */
  @Post(':sessionId/plug-in')
  @HttpCode(HttpStatus.OK)
  async plugIn(
    @Param('derId') derId: string,
    @Param('sessionId') sessionId: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
  ) {
    const session = sessionOf(jsonBody(raw), sessionId);
    const outcome = await this.commands.execute(new PlugInEvCommand(derId, session, meta));
    return { derId, sessionId, ...toCommandResponse(outcome) };
  }

  /** Body `{ unpluggedAt? }`, or none: unplugged now. */
  @Post(':sessionId/unplug')
  @HttpCode(HttpStatus.OK)
  async unplug(
    @Param('derId') derId: string,
    @Param('sessionId') sessionId: string,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
  ) {
    const unpluggedAt = optionalJsonBody(raw)['unpluggedAt'] as string | undefined;
    const outcome = await this.commands.execute(
      new UnplugEvCommand(derId, sessionId, unpluggedAt, meta),
    );
    return { derId, sessionId, ...toCommandResponse(outcome) };
  }

  /** Cancels a planned session. */
  @Delete(':sessionId')
  async cancel(
    @Param('derId') derId: string,
    @Param('sessionId') sessionId: string,
    @RequestMeta() meta: CommandMeta,
  ) {
    const outcome = await this.commands.execute(new CancelEvSessionCommand(derId, sessionId, meta));
    return { derId, sessionId, ...toCommandResponse(outcome) };
  }
}
