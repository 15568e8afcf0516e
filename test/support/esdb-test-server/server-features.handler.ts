import { SupportedMethod, SupportedMethods, type ServerFeaturesServer } from './generated.js';

/**
 * What the client asks once per connection, to choose BatchAppend over classic Append. `methods`
 * are gRPC method definitions, whose paths read `/<service>/<method>`.
 */
export const serverFeaturesHandler =
  (methods: readonly { readonly path: string }[]): ServerFeaturesServer['getSupportedMethods'] =>
  (_call, callback) => {
    const supported = methods.map(({ path }) => {
      const [, serviceName = '', methodName = ''] = path.split('/');
      return new SupportedMethod().setServiceName(serviceName).setMethodName(methodName);
    });
    const answer = new SupportedMethods()
      .setMethodsList(supported)
      .setEventStoreServerVersion('0.0.0-wire-test-double');
    callback(null, answer);
  };
