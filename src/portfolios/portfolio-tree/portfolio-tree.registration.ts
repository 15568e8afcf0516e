import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InMemoryCheckpointStore } from '../../infrastructure/projections/memory/in-memory-checkpoint-store.js';
import { ProjectionRunner } from '../../infrastructure/projections/projection-runner.js';
import { PortfolioTreeProjection } from './portfolio-tree.projection.js';

/** Hands the tree projection to the runner before it starts (at application bootstrap). */
@Injectable()
export class PortfolioTreeRegistration implements OnModuleInit {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly projection: PortfolioTreeProjection,
  ) {}

  onModuleInit(): void {
    this.runner.add(this.projection, new InMemoryCheckpointStore());
  }
}
