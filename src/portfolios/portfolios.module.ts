import { Module } from '@nestjs/common';
import { AggregateReader } from '../infrastructure/command-handling/aggregate-reader.js';
import { DayAheadCalendar } from '../market/day-ahead-calendar.js';
import { ChangePortfolioSettingsHandler } from './change-portfolio-settings/change-portfolio-settings.handler.js';
import { ChangePortfolioSettingsHttpController } from './change-portfolio-settings/change-portfolio-settings.http.controller.js';
import { ClosePortfolioHandler } from './close-portfolio/close-portfolio.handler.js';
import { ClosePortfolioHttpController } from './close-portfolio/close-portfolio.http.controller.js';
import { CreatePortfolioHandler } from './create-portfolio/create-portfolio.handler.js';
import { CreatePortfolioHttpController } from './create-portfolio/create-portfolio.http.controller.js';
import { GetPortfolioHttpController } from './get-portfolio/get-portfolio.http.controller.js';
import { GetPortfolioQueryHandler } from './get-portfolio/get-portfolio.query-handler.js';
import { PortfolioFacts } from './portfolio-facts.js';
import { GetPortfolioCapabilityQueryHandler } from './portfolio-capability/get-portfolio-capability.query-handler.js';
import { PortfolioCapabilityHttpController } from './portfolio-capability/portfolio-capability.http.controller.js';
import {
  AttachPortfolioToParentHandler,
  DetachPortfolioFromParentHandler,
} from './portfolio-parent/portfolio-parent.handlers.js';
import { PortfolioParentHttpController } from './portfolio-parent/portfolio-parent.http.controller.js';
import { GetPortfolioTreeQueryHandler } from './portfolio-tree/get-portfolio-tree.query-handler.js';
import { PortfolioTreeHttpController } from './portfolio-tree/portfolio-tree.http.controller.js';
import { PortfolioTreeProjection } from './portfolio-tree/portfolio-tree.projection.js';
import { PortfolioTreeRegistration } from './portfolio-tree/portfolio-tree.registration.js';

/** Micro, community and wholesale VPPs, and the portfolio tree and capability read models. */
@Module({
  controllers: [
    CreatePortfolioHttpController,
    GetPortfolioHttpController,
    ChangePortfolioSettingsHttpController,
    PortfolioParentHttpController,
    ClosePortfolioHttpController,
    PortfolioTreeHttpController,
    PortfolioCapabilityHttpController,
  ],
  providers: [
    AggregateReader,
    DayAheadCalendar,
    PortfolioFacts,
    CreatePortfolioHandler,
    ChangePortfolioSettingsHandler,
    AttachPortfolioToParentHandler,
    DetachPortfolioFromParentHandler,
    ClosePortfolioHandler,
    GetPortfolioQueryHandler,
    GetPortfolioTreeQueryHandler,
    GetPortfolioCapabilityQueryHandler,
    PortfolioTreeProjection,
    PortfolioTreeRegistration,
  ],
  exports: [AggregateReader, DayAheadCalendar, PortfolioFacts, PortfolioTreeProjection],
})
export class PortfoliosModule {}
