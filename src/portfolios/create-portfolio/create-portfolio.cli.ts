import { CommandBus } from '@nestjs/cqrs';
import type { PortfolioSettings } from '../../../domain/portfolios/index.js';
import { cliMeta, withApplication } from '../../cli/application-context.js';
import { parseCliArgs, toJson } from '../../cli/cli-args.js';
import { EXIT, type CliCommand } from '../../cli/cli-command.js';
import { readJsonObjectFile } from '../../cli/read-json-file.js';
import { toCommandResponse } from '../../infrastructure/http/command-response.js';
import { CreatePortfolioCommand } from './create-portfolio.command.js';

export const portfolioCreateCommand: CliCommand = {
  path: ['portfolio', 'create'],
  summary: 'create a portfolio from a JSON file { portfolioId, name, settings }',
  usage: `usage: gridfolio portfolio create --file portfolio.json

portfolio.json holds { "portfolioId": "...", "name": "...", "settings": { "tier": "micro" | "community" | "wholesale", ... } }.
Creating the same portfolio again changes nothing. Invalid input prints {"error":{code,field,message}}
on stderr and exits with code 2.`,
  async run(args, io, config) {
    const { values } = parseCliArgs(args, { file: { type: 'string' } });
    const body = readJsonObjectFile(values.file);
    return withApplication(config, io, async (app) => {
      const portfolioId = body['portfolioId'] as string;
      const command = new CreatePortfolioCommand(
        portfolioId,
        body['name'] as string,
        body['settings'] as PortfolioSettings,
        cliMeta(io),
      );
      const outcome = await app.get(CommandBus).execute(command);
      io.out(toJson({ portfolioId, ...toCommandResponse(outcome) }));
      return EXIT.ok;
    });
  },
};
