export type {
  CapabilityFigures,
  IntervalCapability,
  PortfolioCapability,
} from './capability.types.js';
export { capabilityOf } from './ders-capability.js';
export { evEnergyWindowAt, type EnergyWindow } from './ev-energy-window.js';
export { powerHeadroom, type PowerHeadroom } from './der-power.js';
export { portfolioCapability } from './portfolio-capability.js';
