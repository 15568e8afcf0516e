/**
 * Where the sun is, computed from a place and a UTC instant: no ephemeris service, no tables.
 *
 * The equations are the NOAA solar calculator's (after Meeus, "Astronomical Algorithms"): the
 * sun's mean longitude and anomaly as polynomials in Julian centuries, the equation of centre,
 * apparent longitude and corrected obliquity, from which declination, the equation of time and the
 * earth-sun distance follow. They agree with the NOAA calculator to about 0.01 degree over
 * 1900-2100, which is far finer than any PV model needs, and cost a few dozen flops per call.
 * Atmospheric refraction is ignored: it lifts the sun by ~0.5 degree only at the horizon, where
 * clear-sky irradiance is nearly zero anyway.
 */

const DEG = Math.PI / 180;
const DAY_MS = 86_400_000;
/** Julian date of the Unix epoch (1970-01-01T00:00Z). */
const JD_UNIX_EPOCH = 2_440_587.5;
/** Julian date of J2000.0 (2000-01-01T12:00 TT, taken as UTC: the ~1 min difference is irrelevant). */
const JD_J2000 = 2_451_545;

/** The sun's place in the sky, seen from a point on the earth at one instant. */
export interface SolarPosition {
  /** Angle from the vertical, degrees: 0 overhead, 90 on the horizon, > 90 below it. */
  readonly zenithDeg: number;
  /** cos(zenith): positive while the sun is up; the factor irradiance on a horizontal plane scales by. */
  readonly cosZenith: number;
  /** Compass bearing, degrees clockwise from north (90 east, 180 south, 270 west). */
  readonly azimuthDeg: number;
  /** The sun's declination, degrees (about +23.44 at the June solstice). */
  readonly declinationDeg: number;
  /** Apparent minus mean solar time, minutes (about -14 in mid-February, +16 in early November). */
  readonly equationOfTimeMinutes: number;
  /** Hour angle, degrees: 0 at local solar noon, negative in the morning. */
  readonly hourAngleDeg: number;
  /** Earth-sun distance in astronomical units (about 0.983 in January, 1.017 in July). */
  readonly earthSunDistanceAu: number;
}

/** The position-independent part: what the sun does at an instant, whatever the observer. */
export interface SolarEphemeris {
  readonly declinationRad: number;
  readonly equationOfTimeMinutes: number;
  readonly earthSunDistanceAu: number;
}

const mod360 = (degrees: number): number => ((degrees % 360) + 360) % 360;

/** Declination, equation of time and distance at `utcMs` (epoch milliseconds). */
export const solarEphemeris = (utcMs: number): SolarEphemeris => {
  const julianCentury = (utcMs / DAY_MS + JD_UNIX_EPOCH - JD_J2000) / 36_525;
  const t = julianCentury;
  const meanLongitude = mod360(280.46646 + t * (36_000.76983 + t * 0.0003032)) * DEG;
  const meanAnomaly = (357.52911 + t * (35_999.05029 - 0.0001537 * t)) * DEG;
  const eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
  const centre =
    Math.sin(meanAnomaly) * (1.914602 - t * (0.004817 + 0.000014 * t)) +
    Math.sin(2 * meanAnomaly) * (0.019993 - 0.000101 * t) +
    Math.sin(3 * meanAnomaly) * 0.000289;
  const trueLongitudeDeg = meanLongitude / DEG + centre;
  const trueAnomaly = meanAnomaly + centre * DEG;
  // Nutation and aberration, through the longitude of the moon's ascending node.
  const node = (125.04 - 1934.136 * t) * DEG;
  const apparentLongitude = (trueLongitudeDeg - 0.00569 - 0.00478 * Math.sin(node)) * DEG;
  const meanObliquityDeg =
    23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
  const obliquity = (meanObliquityDeg + 0.00256 * Math.cos(node)) * DEG;
  const declinationRad = Math.asin(Math.sin(obliquity) * Math.sin(apparentLongitude));
  const y = Math.tan(obliquity / 2) ** 2;
  const e = eccentricity;
  const equationOfTimeRad =
    y * Math.sin(2 * meanLongitude) -
    2 * e * Math.sin(meanAnomaly) +
    4 * e * y * Math.sin(meanAnomaly) * Math.cos(2 * meanLongitude) -
    0.5 * y * y * Math.sin(4 * meanLongitude) -
    1.25 * e * e * Math.sin(2 * meanAnomaly);
  const earthSunDistanceAu = (1.000001018 * (1 - e * e)) / (1 + e * Math.cos(trueAnomaly));
  return {
    declinationRad,
    equationOfTimeMinutes: (4 * equationOfTimeRad) / DEG,
    earthSunDistanceAu,
  };
};

/**
 * The sun seen from (`latitudeDeg` north, `longitudeDeg` east) at `utcMs`. Longitudes west of
 * Greenwich are negative; latitudes south negative.
 */
export const solarPosition = (
  latitudeDeg: number,
  longitudeDeg: number,
  utcMs: number,
): SolarPosition => {
  const ephemeris = solarEphemeris(utcMs);
  const minutesOfUtcDay = (((utcMs % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
  // True solar time: UTC shifted 4 minutes per degree of longitude, corrected by the EoT.
  const trueSolarMinutes =
    (((minutesOfUtcDay + ephemeris.equationOfTimeMinutes + 4 * longitudeDeg) % 1440) + 1440) % 1440;
  const hourAngleDeg = trueSolarMinutes / 4 - 180;
  const latitude = latitudeDeg * DEG;
  const declination = ephemeris.declinationRad;
  const cosZenith = Math.min(
    1,
    Math.max(
      -1,
      Math.sin(latitude) * Math.sin(declination) +
        Math.cos(latitude) * Math.cos(declination) * Math.cos(hourAngleDeg * DEG),
    ),
  );
  const zenith = Math.acos(cosZenith);
  const sinZenith = Math.sin(zenith);
  let azimuthDeg: number;
  const denominator = Math.cos(latitude) * sinZenith;
  if (Math.abs(denominator) < 1e-12) {
    // At a pole or with the sun overhead the bearing is undefined; south is as good as any.
    azimuthDeg = 180;
  } else {
    const cosAzimuthFromSouth = Math.min(
      1,
      Math.max(-1, (Math.sin(latitude) * cosZenith - Math.sin(declination)) / denominator),
    );
    const fromSouthDeg = Math.acos(cosAzimuthFromSouth) / DEG;
    // Morning (negative hour angle): the sun is east of the meridian.
    azimuthDeg = hourAngleDeg > 0 ? mod360(fromSouthDeg + 180) : mod360(540 - fromSouthDeg);
  }
  return {
    zenithDeg: zenith / DEG,
    cosZenith,
    azimuthDeg,
    declinationDeg: declination / DEG,
    equationOfTimeMinutes: ephemeris.equationOfTimeMinutes,
    hourAngleDeg,
    earthSunDistanceAu: ephemeris.earthSunDistanceAu,
  };
};
