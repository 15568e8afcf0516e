import { QueryBus } from '@nestjs/cqrs';
import { withApplication } from '../../cli/application-context.js';
import { CliUsageError, parseCliArgs, toJson } from '../../cli/cli-args.js';
import { EXIT, type CliCommand } from '../../cli/cli-command.js';
import { GetDerQuery } from './get-der.query.js';

export const derShowCommand: CliCommand = {
  path: ['der', 'show'],
  summary: 'print a DER as folded from its stream (JSON)',
  usage: `usage: gridfolio der show <derId>

An unknown DER prints {"error":{"code":"DER.NOT_REGISTERED",...}} on stderr, exit code 2.`,
  async run(args, io, config) {
    const { positionals } = parseCliArgs(args, {});
    const [derId, ...extra] = positionals;
    if (derId === undefined || extra.length > 0)
      throw new CliUsageError('expected exactly one DER id');
    return withApplication(config, io, async (app) => {
      io.out(toJson(await app.get(QueryBus).execute(new GetDerQuery(derId))));
      return EXIT.ok;
    });
  },
};
