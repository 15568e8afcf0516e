/**
 * Cloudless-sky irradiance from solar geometry alone, and its transposition onto a tilted panel.
 *
 * - Extraterrestrial normal irradiance: the solar constant (1361 W/m², Kopp & Lean 2011) scaled
 *   by the inverse square of the earth-sun distance.
 * - Air mass: Kasten & Young (1989), finite up to the horizon.
 * - Clear-sky GHI / DNI / DHI: Ineichen & Perez (2002) with a constant Linke turbidity. A single
 *   turbidity is a simplification (Korea's varies from ~3 in winter to ~5 in hazy spring), but the
 *   clearness learnt from history multiplies this model, so a turbidity bias becomes part of the
 *   learnt ratio instead of a forecast error.
 * - Plane of array: beam on the panel by the angle of incidence, isotropic sky diffuse (Liu &
 *   Jordan), ground-reflected with a fixed albedo, and the ASHRAE incidence-angle modifier for the
 *   glass's reflection losses at grazing angles (which shape mornings and evenings).
 */

const DEG = Math.PI / 180;

/** W/m² at 1 AU (Kopp & Lean 2011). */
export const SOLAR_CONSTANT_W_PER_M2 = 1361;

/** Linke turbidity used when none is given: a moderately hazy mid-latitude continental sky. */
export const DEFAULT_LINKE_TURBIDITY = 3.5;
/** Ground reflectance used when none is given (grass, asphalt, roofs). */
export const DEFAULT_ALBEDO = 0.2;
/** ASHRAE incidence-angle modifier coefficient b0 typical of flat glass modules. */
export const DEFAULT_IAM_B0 = 0.05;

export const extraterrestrialNormalWPerM2 = (earthSunDistanceAu: number): number =>
  SOLAR_CONSTANT_W_PER_M2 / (earthSunDistanceAu * earthSunDistanceAu);

/** Relative optical air mass (Kasten & Young 1989); Infinity with the sun below the horizon. */
export const relativeAirMass = (zenithDeg: number): number => {
  if (!(zenithDeg < 90)) return Number.POSITIVE_INFINITY;
  return 1 / (Math.cos(zenithDeg * DEG) + 0.50572 * (96.07995 - zenithDeg) ** -1.6364);
};

/** Irradiance components on the ground, W/m². */
export interface ClearSkyIrradiance {
  /** Global horizontal. */
  readonly ghi: number;
  /** Direct normal (beam, on a plane facing the sun). */
  readonly dni: number;
  /** Diffuse horizontal. */
  readonly dhi: number;
}

export interface ClearSkyOptions {
  readonly linkeTurbidity?: number;
  /** Site altitude above sea level, metres (thinner air, more irradiance). */
  readonly altitudeM?: number;
}

const DARK: ClearSkyIrradiance = { ghi: 0, dni: 0, dhi: 0 };

/**
 * Ineichen-Perez clear-sky irradiance for a sun at `zenithDeg` with extraterrestrial normal
 * irradiance `extraterrestrialWPerM2`. Zero with the sun on or below the horizon.
 */
export const ineichenClearSky = (
  zenithDeg: number,
  extraterrestrialWPerM2: number,
  options: ClearSkyOptions = {},
): ClearSkyIrradiance => {
  const cosZenith = Math.cos(zenithDeg * DEG);
  if (!(zenithDeg < 90) || cosZenith <= 0) return DARK;
  const turbidity = options.linkeTurbidity ?? DEFAULT_LINKE_TURBIDITY;
  const altitude = options.altitudeM ?? 0;
  // Pressure-corrected (absolute) air mass.
  const airMass = relativeAirMass(zenithDeg) * Math.exp(-altitude / 8434.5);
  const cg1 = 5.09e-5 * altitude + 0.868;
  const cg2 = 3.92e-5 * altitude + 0.0387;
  const fh1 = Math.exp(-altitude / 8000);
  const fh2 = Math.exp(-altitude / 1250);
  const ghi = Math.max(
    0,
    cg1 *
      extraterrestrialWPerM2 *
      cosZenith *
      Math.exp(-cg2 * airMass * (fh1 + fh2 * (turbidity - 1))),
  );
  const b = 0.664 + 0.163 / fh1;
  const beamFromTurbidity =
    b * extraterrestrialWPerM2 * Math.exp(-0.09 * airMass * (turbidity - 1));
  // The beam may not exceed what the global model leaves after the diffuse part.
  const beamFromGlobal =
    ((1 - (0.1 - 0.2 * Math.exp(-turbidity)) / (0.1 + 0.882 / fh1)) / Math.max(cosZenith, 0.01)) *
    ghi;
  const dni = Math.max(0, Math.min(beamFromTurbidity, beamFromGlobal));
  const dhi = Math.max(0, ghi - dni * cosZenith);
  return { ghi, dni, dhi };
};

/** A fixed panel: tilt from horizontal and the compass bearing its face points to. */
export interface PanelOrientation {
  /** 0 flat, 90 vertical. */
  readonly tiltDeg: number;
  /** Degrees clockwise from north: 180 faces south. */
  readonly azimuthDeg: number;
}

export interface TranspositionOptions {
  readonly albedo?: number;
  /** ASHRAE b0; 0 disables the incidence-angle modifier. */
  readonly iamB0?: number;
}

/** Unit vector (east, north, up) of a panel's normal, the form the fast per-plant path uses. */
export const panelNormal = (
  orientation: PanelOrientation,
): { east: number; north: number; up: number } => {
  const tilt = orientation.tiltDeg * DEG;
  const azimuth = orientation.azimuthDeg * DEG;
  return {
    east: Math.sin(tilt) * Math.sin(azimuth),
    north: Math.sin(tilt) * Math.cos(azimuth),
    up: Math.cos(tilt),
  };
};

/** ASHRAE modifier: the share of the beam that enters the glass at incidence cosine `cosAoi`. */
export const incidenceAngleModifier = (cosAoi: number, b0: number): number => {
  if (cosAoi <= 0) return 0;
  return Math.max(0, 1 - b0 * (1 / cosAoi - 1));
};

/**
 * Plane-of-array irradiance, W/m², given the cosine of the beam's angle of incidence on the panel
 * (from a dot product of the sun and panel-normal vectors) and the horizontal components.
 */
export const planeOfArrayFromCosIncidence = (
  cosIncidence: number,
  tiltCos: number,
  irradiance: ClearSkyIrradiance,
  options: TranspositionOptions = {},
): number => {
  const albedo = options.albedo ?? DEFAULT_ALBEDO;
  const b0 = options.iamB0 ?? DEFAULT_IAM_B0;
  const beam =
    irradiance.dni * Math.max(0, cosIncidence) * incidenceAngleModifier(cosIncidence, b0);
  const skyDiffuse = (irradiance.dhi * (1 + tiltCos)) / 2;
  const ground = (irradiance.ghi * albedo * (1 - tiltCos)) / 2;
  return beam + skyDiffuse + ground;
};

/** Plane-of-array irradiance for a sun at (`zenithDeg`, `sunAzimuthDeg`). */
export const planeOfArray = (
  zenithDeg: number,
  sunAzimuthDeg: number,
  orientation: PanelOrientation,
  irradiance: ClearSkyIrradiance,
  options: TranspositionOptions = {},
): number => {
  if (irradiance.ghi <= 0) return 0;
  const zenith = zenithDeg * DEG;
  const azimuth = sunAzimuthDeg * DEG;
  const normal = panelNormal(orientation);
  const cosIncidence =
    Math.sin(zenith) * Math.sin(azimuth) * normal.east +
    Math.sin(zenith) * Math.cos(azimuth) * normal.north +
    Math.cos(zenith) * normal.up;
  return planeOfArrayFromCosIncidence(cosIncidence, normal.up, irradiance, options);
};
