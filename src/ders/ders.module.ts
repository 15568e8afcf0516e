import { Module } from '@nestjs/common';
import { PortfoliosModule } from '../portfolios/portfolios.module.js';
import { ChangeDerParametersHandler } from './change-der-parameters/change-der-parameters.handler.js';
import { ChangeDerParametersHttpController } from './change-der-parameters/change-der-parameters.http.controller.js';
import { DeclareDerAvailabilityHandler } from './declare-der-availability/declare-der-availability.handler.js';
import { DeclareDerAvailabilityHttpController } from './declare-der-availability/declare-der-availability.http.controller.js';
import { DecommissionDerHandler } from './decommission-der/decommission-der.handler.js';
import { DecommissionDerHttpController } from './decommission-der/decommission-der.http.controller.js';
import {
  AssignDerToPortfolioHandler,
  RemoveDerFromPortfolioHandler,
} from './der-membership/der-membership.handlers.js';
import { DerMembershipHttpController } from './der-membership/der-membership.http.controller.js';
import {
  CancelEvSessionHandler,
  PlanEvSessionHandler,
  PlugInEvHandler,
  UnplugEvHandler,
} from './ev-sessions/ev-session.handlers.js';
import { EvSessionsHttpController } from './ev-sessions/ev-sessions.http.controller.js';
import { GetDerHttpController } from './get-der/get-der.http.controller.js';
import { GetDerQueryHandler } from './get-der/get-der.query-handler.js';
import { RegisterDerHandler } from './register-der/register-der.handler.js';
import { RegisterDerHttpController } from './register-der/register-der.http.controller.js';

/** The DER registry: every way in goes through the CommandBus or the QueryBus. */
@Module({
  imports: [PortfoliosModule],
  controllers: [
    RegisterDerHttpController,
    GetDerHttpController,
    ChangeDerParametersHttpController,
    DeclareDerAvailabilityHttpController,
    DecommissionDerHttpController,
    DerMembershipHttpController,
    EvSessionsHttpController,
  ],
  providers: [
    RegisterDerHandler,
    ChangeDerParametersHandler,
    DeclareDerAvailabilityHandler,
    DecommissionDerHandler,
    AssignDerToPortfolioHandler,
    RemoveDerFromPortfolioHandler,
    PlanEvSessionHandler,
    PlugInEvHandler,
    UnplugEvHandler,
    CancelEvSessionHandler,
    GetDerQueryHandler,
  ],
})
export class DersModule {}
