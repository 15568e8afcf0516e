// The client package ships protoc output (CommonJS + .d.ts) but no .proto files. Its message
// modules attach their exports at run time (`goog.object.extend(exports, ...)`), which Node's
// ESM loader cannot see as named exports, so each module is imported whole as its default.
// google-protobuf comes with the client; `Any` and `Empty` are the well-known types its
// messages embed.
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';

export const { StreamsService } = streamsGrpc;
export const { ServerFeaturesService } = serverFeaturesGrpc;
export const { AppendResp, BatchAppendResp, ReadReq, ReadResp } = streamsPb;
export const { SupportedMethod, SupportedMethods } = serverFeaturesPb;
export const { AllStreamPosition, Empty, StreamIdentifier, UUID, WrongExpectedVersion } = sharedPb;
export const { Status } = statusPb;
export const { Any } = anyPb;
export const GoogleEmpty = emptyPb.Empty;

export type AppendReqMessage = streamsPb.AppendReq;
export type AppendRespMessage = streamsPb.AppendResp;
export type BatchAppendReqMessage = streamsPb.BatchAppendReq;
export type BatchAppendRespMessage = streamsPb.BatchAppendResp;
export type ProposedMessage =
  streamsPb.AppendReq.ProposedMessage | streamsPb.BatchAppendReq.ProposedMessage;
export type ReadReqMessage = streamsPb.ReadReq;
export type ReadRespMessage = streamsPb.ReadResp;
export type ReadOptionsMessage = streamsPb.ReadReq.Options;
export type StreamIdentifierMessage = sharedPb.StreamIdentifier;
export type StreamsServer = streamsGrpc.IStreamsServer;
export type ServerFeaturesServer = serverFeaturesGrpc.IServerFeaturesServer;
