/**
 * A wire-level test double for EventStoreDB, NOT EventStoreDB: an in-memory gRPC server built
 * from the protoc output that `@eventstore/db-client` ships, speaking just enough of the Streams
 * service for our adapter: Append and BatchAppend; Read of one stream, of `$all`, and `$all`
 * subscriptions (catch-up, then live). Passing against it proves the adapter speaks the
 * protocol and maps its answers; it proves nothing about the real server's durability,
 * behaviour under load, idempotent re-appends of the same event ids, access control or
 * clustering. Run the same suite with EVENTSTORE_URL set to check a real server.
 *
 * With `batchAppend` (the default, like every server since 21.10) ServerFeatures lists
 * BatchAppend and the client appends through it; without, ServerFeatures answers UNIMPLEMENTED
 * and the client falls back to the classic client-streaming Append. All other services answer
 * UNIMPLEMENTED; a single-node `esdb://host:port?tls=false` connection never gossips.
 */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { appendHandler } from './append.handler.js';
import { batchAppendHandler } from './batch-append.handler.js';
import { ServerFeaturesService, StreamsService, type StreamsServer } from './generated.js';
import { InMemoryLog } from './in-memory-log.js';
import { readHandler } from './read.handler.js';
import { serverFeaturesHandler } from './server-features.handler.js';

export interface EsdbTestServerOptions {
  readonly batchAppend?: boolean;
}

export interface EsdbTestServer {
  readonly port: number;
  /** Connection string for `EventStoreDBClient.connectionString`. */
  readonly url: string;
  /** Cancels open calls (live subscriptions included) and closes the port. */
  stop(): Promise<void>;
}

export const startEsdbTestServer = async ({
  batchAppend = true,
}: EsdbTestServerOptions = {}): Promise<EsdbTestServer> => {
  const log = new InMemoryLog();
  const server = new Server();
  const streams: Pick<StreamsServer, 'read' | 'append' | 'batchAppend'> = {
    read: readHandler(log),
    append: appendHandler(log),
    batchAppend: batchAppendHandler(log),
  };
  server.addService(StreamsService, streams);
  if (batchAppend) {
    const { read, append, batchAppend: batch } = StreamsService;
    const getSupportedMethods = serverFeaturesHandler([read, append, batch]);
    server.addService(ServerFeaturesService, { getSupportedMethods });
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error === null ? resolve(bound) : reject(error),
    ),
  );
  return {
    port,
    url: `esdb://127.0.0.1:${port}?tls=false`,
    stop: async () => server.forceShutdown(),
  };
};
