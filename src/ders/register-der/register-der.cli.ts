import { CommandBus } from '@nestjs/cqrs';
import type { DerParameters } from '../../../domain/ders/index.js';
import { cliMeta, withApplication } from '../../cli/application-context.js';
import { parseCliArgs, toJson } from '../../cli/cli-args.js';
import { EXIT, type CliCommand } from '../../cli/cli-command.js';
import { readJsonObjectFile } from '../../cli/read-json-file.js';
import { toCommandResponse } from '../../infrastructure/http/command-response.js';
import { RegisterDerCommand } from './register-der.command.js';

export const derRegisterCommand: CliCommand = {
  path: ['der', 'register'],
  summary: 'register a DER from a JSON file { derId, parameters }',
  usage: `usage: gridfolio der register --file der.json

der.json holds { "derId": "...", "parameters": { "kind": "pv" | "ess" | "dr_load" | "ev_charger" | "fuel_cell", ... } }.
Registering the same DER again changes nothing. Invalid input prints {"error":{code,field,message}}
on stderr and exits with code 2.`,
  async run(args, io, config) {
    const { values } = parseCliArgs(args, { file: { type: 'string' } });
    const body = readJsonObjectFile(values.file);
    return withApplication(config, io, async (app) => {
      const derId = body['derId'] as string;
      const outcome = await app
        .get(CommandBus)
        .execute(new RegisterDerCommand(derId, body['parameters'] as DerParameters, cliMeta(io)));
      io.out(toJson({ derId, ...toCommandResponse(outcome) }));
      return EXIT.ok;
    });
  },
};
