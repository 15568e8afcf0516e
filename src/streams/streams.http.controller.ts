import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import {
  StreamCatalogueQuery,
  type StreamSummary,
} from '../infrastructure/projections/stream-catalogue/stream-catalogue.query.js';

type StreamSummaryJson = Omit<StreamSummary, 'lastRevision' | 'lastPosition'> & {
  readonly lastRevision: string;
  readonly lastPosition: string;
};

// Revisions and positions are 64-bit: sent as decimal strings, since JSON numbers lose them.
const toJson = (summary: StreamSummary): StreamSummaryJson => ({
  ...summary,
  lastRevision: summary.lastRevision.toString(),
  lastPosition: summary.lastPosition.toString(),
});

/** The stream catalogue read model: which streams exist, how long, last written when. */
@Controller('streams')
export class StreamsHttpController {
  constructor(private readonly catalogue: StreamCatalogueQuery) {}

  @Get()
  list(@Query('category') category?: string): StreamSummaryJson[] {
    return this.catalogue.list(category === undefined ? {} : { category }).map(toJson);
  }

  @Get(':streamId')
  get(@Param('streamId') streamId: string): StreamSummaryJson {
    const summary = this.catalogue.get(streamId);
    if (summary === undefined) throw new NotFoundException(`stream ${streamId} has no events`);
    return toJson(summary);
  }
}
