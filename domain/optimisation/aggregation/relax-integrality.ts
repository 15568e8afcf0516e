import { VARIABLE_KIND_CODE, type MilpModel } from '../milp-model.js';

/**
 * The same model with every integer and binary column continuous: its optimum bounds the MILP's.
 */
export const relaxIntegrality = (model: MilpModel): MilpModel => ({
  ...model,
  variables: {
    ...model.variables,
    kinds: new Uint8Array(model.variables.kinds.length).fill(VARIABLE_KIND_CODE.continuous),
  },
});
