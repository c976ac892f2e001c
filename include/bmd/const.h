/*
 * bmd/const.h: physical and model constants, each with unit and source.
 * All library code takes its constants from here.
 */
#ifndef BMD_CONST_H
#define BMD_CONST_H

#define BMD_PI 3.14159265358979323846
#define BMD_DEG2RAD (BMD_PI / 180.0) /* rad/deg */
#define BMD_RAD2DEG (180.0 / BMD_PI) /* deg/rad */

/* WGS84 defining parameters (NGA TR8350.2, 3rd ed., 2000, table 3.1). */
#define BMD_WGS84_A_M 6378137.0           /* semi-major axis, m */
#define BMD_WGS84_INVF 298.257223563      /* inverse flattening, 1 */
#define BMD_WGS84_GM_M3PS2 3.986004418e14 /* Earth's GM incl. atmosphere, m^3/s^2 */
#define BMD_WGS84_OMEGA_RADPS 7.292115e-5 /* rotation rate, rad/s */
/* Second zonal harmonic, unnormalised J2 = -sqrt(5) C20 with
 * C20 = -0.484166774985e-3 (NGA TR8350.2 table 3.4; EGM96). */
#define BMD_WGS84_J2 1.08263e-3 /* 1 (DESIGN.md value, EGM96 J2 = 1.0826267e-3) */
#define BMD_EGM96_J3 -2.5327e-6 /* 1 (EGM96, unnormalised; Vallado 2013 table D-1) */
#define BMD_EGM96_J4 -1.6196e-6 /* 1 (EGM96, unnormalised; Vallado 2013 table D-1) */

/* Spherical "textbook" Earth (Bate, Mueller & White 1971, ch. 6 convention
 * used in REFERENCES.md). */
#define BMD_SPHERE_R_M 6371000.0           /* radius, m */
#define BMD_SPHERE_GM_M3PS2 3.986004418e14 /* mu = 398600.4418 km^3/s^2 */

/* Standard gravity (CGPM 1901; US Standard Atmosphere 1976 g0), m/s^2. */
#define BMD_G0_MPS2 9.80665

/* Boltzmann constant (SI 2019 exact), J/K. */
#define BMD_BOLTZMANN_JPK 1.380649e-23
/* Speed of light in vacuum (exact), m/s. */
#define BMD_C_MPS 299792458.0
/* Standard reference temperature for radar noise (IEEE Std 145), K. */
#define BMD_T0_K 290.0

/* Exponential atmosphere used in many Science & Global Security papers
 * (e.g. Allen-Eggers reentry analyses): rho = rho0 exp(-h/H). */
#define BMD_EXPATM_RHO0_KGPM3 1.225 /* kg/m^3 */
#define BMD_EXPATM_H_M 7200.0       /* m */

/* Effective Earth radius factor for standard refraction (Skolnik,
 * Introduction to Radar Systems, 3rd ed., sec. 8.2), 1. */
#define BMD_REFRACTION_K 1.3333333333333333

/* Radar defaults (radar module, docs/models/radar.md). */
/* 3 dB beamwidth factor of a uniformly illuminated aperture, theta = 0.886
 * lambda / D (Skolnik, Introduction to Radar Systems, 3rd ed., 2001, ch. 9;
 * Mailloux, Phased Array Antenna Handbook), 1. */
#define BMD_RADAR_BW_FACTOR 0.886
/* Monopulse slope k_m for angle precision sigma = theta_3dB / (k_m sqrt(2
 * SNR)) (Barton, Radar System Analysis and Modeling, 2005), 1. */
#define BMD_RADAR_MONOPULSE_KM 1.6
/* Two-way scan loss exponent: the projected aperture, cos(theta), on
 * transmit and on receive gives cos^2 (Skolnik 2001, ch. 9, phased arrays;
 * measured arrays fall off faster, n = 2.5-3, with the element pattern), 1. */
#define BMD_RADAR_SCAN_LOSS_N 2.0
/* Typical electronic scan limit of a planar array face, +-60 deg about the
 * normal (Skolnik 2001, ch. 9), rad. */
#define BMD_RADAR_HALF_AZ_RAD (60.0 * BMD_DEG2RAD)

/* Trajectory module (docs/models/traj.md). */
/* Sea-level standard pressure (U.S. Standard Atmosphere 1976,
 * NASA-TM-X-74335, table I), Pa: reference for the nozzle exit area
 * A_exit = mdot g0 (Isp_vac - Isp_sl) / p0. */
#define BMD_P0_PA 101325.0

/* Units accepted in input (io module, src/input/units.c): exact definitions of
 * the international foot, mile, nautical mile and avoirdupois pound (NIST
 * SP 811, 2008 ed., appendix B.8). */
#define BMD_FT_M 0.3048      /* international foot, m */
#define BMD_MI_M 1609.344    /* international mile (5280 ft), m */
#define BMD_NMI_M 1852.0     /* international nautical mile, m */
#define BMD_LB_KG 0.45359237 /* international avoirdupois pound, kg */

/* Atmosphere module (docs/models/atmo.md): U.S. Standard Atmosphere 1976,
 * NOAA-S/T 76-1562 / NASA-TM-X-74335, table 2 (its own values, kept so the
 * tables are reproduced; they differ from CODATA 2018 in the 5th digit).
 * g0 = BMD_G0_MPS2 and P0 = BMD_P0_PA are the standard's as well. */
#define BMD_US76_RSTAR_JPKMOLK 8.31432e3 /* gas constant R*, J/(kmol K) */
#define BMD_US76_M0_KGPKMOL 28.9644      /* sea-level mean molecular weight M0, kg/kmol */
#define BMD_US76_NA_PKMOL 6.022169e26    /* Avogadro constant N_A, 1/kmol */
#define BMD_US76_K_JPK 1.380622e-23      /* Boltzmann constant k, J/K */
#define BMD_US76_R0_M 6356766.0          /* effective Earth radius r0, m */
#define BMD_US76_GAMMA 1.40              /* ratio of specific heats of air, 1 */
#define BMD_US76_T0_K 288.15             /* sea-level temperature, K */
#define BMD_US76_ZMIN_M (-5000.0)        /* lowest altitude of the tables, m */
#define BMD_US76_ZMAX_M 1000000.0        /* highest altitude of the tables, m */

#endif /* BMD_CONST_H */
