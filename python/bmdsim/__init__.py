"""bmdsim: the bmdsim missile-defence simulator's library (libbmd) from Python.

Every number comes from the C library through cffi; nothing is modelled
again in Python. Inputs accept unit strings as the command line does
("150km", "2.8km/s", "-20dBsm") or plain floats in SI units (angles in
degrees, as typed on the command line); results are SI floats, NumPy arrays
and pandas DataFrames whose column names carry their units (``alt_m``,
``t_s``). Errors raise :class:`Error` subclasses carrying the library's own
message (``FILE:LINE:COL: ...`` for files).

Quick start::

    import bmdsim
    t = bmdsim.trajectory("nodong", "north-hwanghae", to="busan")
    t.range_m, t.apogee_m, t.samples.head()
    s = bmdsim.Scenario.default()
    s.run(seed=7).threats
    s.monte_carlo(runs=200, seed=7)

The long calls (trajectory solves, engagements, Monte Carlo, coverage) run
with the GIL released, so threads can run several at once.
"""
import math
import os

import numpy as np
import pandas as pd

from ._bmd import ffi, lib

__all__ = [
    "Error", "InputError", "UnreachableError", "ComputeError",
    "Catalog", "catalog", "quantity", "trajectory", "Trajectory", "coverage", "Coverage",
    "Scenario", "Engagement", "data_dir", "footprint", "Footprint", "visibility",
    "validate", "geodesic",
]

# ---- errors --------------------------------------------------------------------

_STATUS = {0: "BMD_OK", -1: "BMD_EINVAL", -2: "BMD_EDOM", -3: "BMD_ENOMEM", -4: "BMD_EIO",
           -5: "BMD_EPARSE", -6: "BMD_ENOTFOUND", -7: "BMD_EUNREACH", -8: "BMD_ENOCONV",
           -9: "BMD_ELIMIT", -10: "BMD_EUNIT", -11: "BMD_ESTATE", -12: "BMD_EINTR"}


class Error(Exception):
    """A libbmd failure. ``status`` is the library's status code, ``str(e)``
    its message."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.status_name = _STATUS.get(status, str(status))


class InputError(Error, ValueError):
    """Bad input: a malformed file or value, a wrong unit, an unknown name."""


class UnreachableError(Error):
    """The aim point (or the requested shape) cannot be reached."""


class ComputeError(Error):
    """A run-time failure: no convergence, a limit, out of memory."""


def _raise(status, err=None, what=None):
    msg = ffi.string(err.msg).decode("utf-8", "replace") if err is not None else ""
    if not msg:
        msg = ffi.string(lib.bmd_strerror(status)).decode()
    if what:
        msg = f"{what}: {msg}"
    if status == -7:
        raise UnreachableError(status, msg)
    if status in (-1, -2, -4, -5, -6, -10):
        raise InputError(status, msg)
    raise ComputeError(status, msg)


def _check(status, err=None, what=None):
    if status < 0:
        _raise(status, err, what)
    return status


def _errbuf():
    return ffi.new("bmd_errbuf *")


# ---- values with units -----------------------------------------------------------

_QUANTITIES = {
    "dimensionless": lib.BMD_Q_DIMLESS, "length": lib.BMD_Q_LENGTH, "speed": lib.BMD_Q_SPEED,
    "angle": lib.BMD_Q_ANGLE, "time": lib.BMD_Q_TIME, "mass": lib.BMD_Q_MASS,
    "area": lib.BMD_Q_AREA, "rcs": lib.BMD_Q_RCS, "power": lib.BMD_Q_POWER,
    "frequency": lib.BMD_Q_FREQUENCY, "temperature": lib.BMD_Q_TEMPERATURE,
    "ratio": lib.BMD_Q_RATIO, "beta": lib.BMD_Q_BETA, "acceleration": lib.BMD_Q_ACCEL,
    "force": lib.BMD_Q_FORCE, "solid_angle": lib.BMD_Q_SOLID_ANGLE,
}


def quantity(value: "str | float", kind: str) -> float:
    """A value in SI units (angles in radians) from a unit string or a number.

    ``value``: ``"150km"``, ``"-20dBsm"``, ... parsed by the library's one unit
    parser (docs/formats.md, "Values with units"); a plain number is taken in
    the kind's default unit (SI; degrees for angles), as on the command line.
    ``kind``: one of ``length, speed, angle, time, mass, area, rcs, power,
    frequency, temperature, ratio, beta, acceleration, force, solid_angle,
    dimensionless``. Raises :class:`InputError` for a malformed value or a
    unit of another kind.
    """
    if kind not in _QUANTITIES:
        raise ValueError(f"unknown quantity kind {kind!r}; one of {sorted(_QUANTITIES)}")
    text = value if isinstance(value, str) else repr(float(value))
    out = ffi.new("double *")
    err = _errbuf()
    _check(lib.bmd_units_parse(text.encode(), _QUANTITIES[kind], out, err), err)
    return out[0]


# ---- catalog -----------------------------------------------------------------------

def data_dir():
    """The data directory: $BMD_DATA_DIR, else the copy installed with the
    package (catalogs, sites, scenarios)."""
    d = os.environ.get("BMD_DATA_DIR")
    return d if d else os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def _s(chars):
    return ffi.string(chars).decode("utf-8", "replace")


class Catalog:
    """The catalogs of a data directory: sites, missiles, radars, interceptors.

    Loaded by the library's own loaders (the same as ``bmdsim catalog``); the
    C lists are kept for the object's lifetime and freed with it.
    """

    def __init__(self, data=None):
        self.data_dir = data or data_dir()
        self._sites = ffi.new("bmd_site_list *")
        self._missiles = ffi.new("bmd_missile_list *")
        self._radars = ffi.new("bmd_radar_catalog *")
        self._interceptors = ffi.new("bmd_interceptor_list *")
        loaders = [
            ("sites.yaml", lib.bmd_site_list_load, self._sites, lib.bmd_site_list_free),
            ("catalog/missiles.yaml", lib.bmd_missile_list_load, self._missiles,
             lib.bmd_missile_list_free),
            ("catalog/radars.yaml", lib.bmd_radar_catalog_load, self._radars,
             lib.bmd_radar_catalog_free),
            ("catalog/interceptors.yaml", lib.bmd_interceptor_list_load, self._interceptors,
             lib.bmd_interceptor_list_free),
        ]
        self._free = []
        for rel, load, obj, free in loaders:
            err = _errbuf()
            st = load(os.path.join(self.data_dir, rel).encode(), obj, err)
            self._free.append((free, obj))
            _check(st, err)

    def __del__(self):
        for free, obj in getattr(self, "_free", []):
            free(obj)
        self._free = []

    @property
    def missile_names(self):
        return [_s(self._missiles.items[i].name) for i in range(self._missiles.n)]

    @property
    def radar_names(self):
        return [_s(self._radars.entry[i].radar.name) for i in range(self._radars.n)]

    @property
    def interceptor_names(self):
        return [_s(self._interceptors.items[i].name) for i in range(self._interceptors.n)]

    def sites(self):
        """The named places as a DataFrame (name, label, country, kind,
        lat_deg, lon_deg, alt_m, source)."""
        rows = []
        for i in range(self._sites.n):
            s = self._sites.items[i]
            rows.append({"name": _s(s.name), "label": _s(s.label), "country": _s(s.country),
                         "kind": _s(s.kind), "lat_deg": math.degrees(s.lat_rad),
                         "lon_deg": math.degrees(s.lon_rad), "alt_m": s.alt_m,
                         "source": _s(s.source)})
        return pd.DataFrame(rows)

    def _missile_ptr(self, name):
        out = ffi.new("const bmd_missile **")
        err = _errbuf()
        _check(lib.bmd_missile_find(self._missiles, name.encode(), out, err), err)
        return out[0]

    def missile(self, name):
        """A catalog missile as a dict of its parameters (SI units) with its
        sources; raises :class:`InputError` with a suggestion for an unknown
        name."""
        m = self._missile_ptr(name)
        stages = [{"gross_mass_kg": st.gross_mass_kg, "prop_mass_kg": st.prop_mass_kg,
                   "isp_vac_s": st.isp_vac_s, "isp_sl_s": st.isp_sl_s,
                   "burn_time_s": st.burn_time_s, "diameter_m": st.diameter_m,
                   "coast_s": st.coast_s} for st in m.stage[0:m.n_stages]]
        src = {}
        for g in ("stages", "payload", "reentry", "drag", "range", "notes"):
            t = lib.bmd_missile_source(m, g.encode())
            if t != ffi.NULL:
                src[g] = ffi.string(t).decode("utf-8", "replace")
        return {"name": _s(m.name), "label": _s(m.label), "country": _s(m.country),
                "class": _s(m.klass), "stages": stages, "payload_mass_kg": m.payload_mass_kg,
                "rv_separates": bool(m.rv_separates), "rv_mass_kg": m.rv_mass_kg,
                "rv_beta_kgpm2": m.rv_beta_kgpm2, "rv_diameter_m": m.rv_diameter_m,
                "vertical_rise_s": m.vertical_rise_s,
                "range_published_m": m.range_published_m, "sources": src}

    def site(self, text):
        """A site name or ``"LAT,LON[,ALT]"`` resolved as on the command line:
        dict with name, lat_deg, lon_deg, alt_m."""
        s = self._site(text)
        return {"name": _s(s.name), "lat_deg": math.degrees(s.lat_rad),
                "lon_deg": math.degrees(s.lon_rad), "alt_m": s.alt_m}

    def _site(self, text):
        """A resolved site (cached: the catalog's list does not change)."""
        if isinstance(text, (tuple, list)):
            text = ",".join(repr(float(v)) for v in text)
        text = str(text)
        cache = self.__dict__.setdefault("_site_cache", {})
        if text not in cache:
            out = ffi.new("bmd_site *")
            err = _errbuf()
            _check(lib.bmd_site_resolve(self._sites, text.encode(), out, err), err)
            if len(cache) < 4096:
                cache[text] = out
            return out
        return cache[text]

    def _radar(self, name):
        out = ffi.new("const bmd_radar_entry **")
        err = _errbuf()
        _check(lib.bmd_radar_catalog_find(self._radars, name.encode(), out, err), err, "radar")
        return out[0]


_CATALOGS = {}


def catalog(data=None):
    """The (cached) :class:`Catalog` of a data directory (default
    :func:`data_dir`)."""
    key = data or os.environ.get("BMD_DATA_DIR") or data_dir()
    if key not in _CATALOGS:
        _CATALOGS[key] = Catalog(key)
    return _CATALOGS[key]


# ---- Earth and atmosphere ------------------------------------------------------------

_EARTH_CACHE = {}


def _earth(model, rotation):
    """The Earth model (cached per (model, rotation); read only after set-up)."""
    key = (model, bool(rotation))
    if key in _EARTH_CACHE:
        return _EARTH_CACHE[key]
    e = ffi.new("bmd_earth *")
    if model == "wgs84":
        lib.bmd_earth_wgs84(e)
    elif model == "sphere":
        lib.bmd_earth_sphere(e)
    else:
        raise InputError(-1, f"earth: expected wgs84 or sphere, found {model!r}")
    if not rotation:
        e.omega_radps = 0.0
    _EARTH_CACHE[key] = e
    return e


_ATMO = {"us76": "BMD_ATMO_US76", "exponential": "BMD_ATMO_EXPONENTIAL", "none": "BMD_ATMO_NONE"}


_ATMO_CACHE = {}


def _atmo(model):
    """The atmosphere model, set up once per process: bmd_atmo_init builds
    its tables (milliseconds), and the library only reads it afterwards."""
    if model not in _ATMO:
        raise InputError(-1, f"atmosphere: expected us76, exponential or none, found {model!r}")
    if model not in _ATMO_CACHE:
        a = ffi.new("bmd_atmo *")
        _check(lib.bmd_atmo_init(a, getattr(lib, _ATMO[model])))
        _ATMO_CACHE[model] = a
    return _ATMO_CACHE[model]


# ---- trajectories ----------------------------------------------------------------------

_SAMPLE_COLUMNS = ["t_s", "lat_deg", "lon_deg", "alt_m", "speed_mps", "gamma_deg", "mach",
                   "accel_mps2", "mass_kg", "stage", "event", "x_ecef_m", "y_ecef_m", "z_ecef_m"]


class Trajectory:
    """One fly-out. Summary attributes are SI (m, s, m/s; angles in degrees
    where the name says ``_deg``); ``samples`` is a DataFrame sampled every
    ``dt`` seconds plus one row per event; ``events`` the flight's events."""

    def __init__(self, summary, series, solution=None):
        s = summary
        self.range_m = s.range_m
        self.apogee_m = s.apogee_alt_m
        self.apogee_time_s = s.apogee_time_s
        self.flight_time_s = s.flight_time_s
        self.impacted = bool(s.impacted)
        self.burnout_time_s = s.burnout_time_s
        self.burnout_speed_mps = s.burnout_speed_mps
        self.burnout_alt_m = s.burnout_alt_m
        self.burnout_gamma_deg = math.degrees(s.burnout_gamma_rad)
        self.launch_azimuth_deg = math.degrees(s.launch_azimuth_rad)
        self.kick_deg = math.degrees(s.kick_rad)
        self.cutoff_s = s.cutoff_s
        self.impact_lat_deg = math.degrees(s.impact_lat_rad)
        self.impact_lon_deg = math.degrees(s.impact_lon_rad)
        self.impact_speed_mps = s.impact_speed_mps
        self.max_decel_mps2 = s.max_decel_mps2
        self.n_rhs = s.n_rhs
        self.miss_m = solution.miss_m if solution is not None else None
        self.aim_range_m = solution.aim_range_m if solution is not None else None
        self.max_range_m = solution.max_range_m if solution is not None else None
        self._events = [(e.t_s, e.kind, e.stage, e.alt_m, e.speed_mps)
                        for e in s.events[0:s.n_events]]
        n = series.n
        cols = {}
        if n == 0:
            self._cols = {name: np.zeros(0) for name in _SAMPLE_COLUMNS}
            return
        for k, name in enumerate(_SAMPLE_COLUMNS):
            cols[name] = np.frombuffer(ffi.buffer(series.col[k], n * 8), dtype=np.float64).copy()
        cols["stage"] = cols["stage"].astype(np.int32)
        cols["event"] = cols["event"].astype(np.int32)
        for name in ("lat_deg", "lon_deg", "gamma_deg"):
            cols[name] = np.degrees(cols[name])
        self._cols = cols

    @property
    def samples(self):
        """The samples as a DataFrame (built on first use; ``arrays`` gives
        the same columns as NumPy arrays)."""
        if not hasattr(self, "_samples"):
            self._samples = pd.DataFrame(self._cols)
        return self._samples

    @property
    def arrays(self):
        """The sample columns as a dict of NumPy arrays."""
        return self._cols

    @property
    def events(self):
        """The flight's events as a DataFrame (t_s, event, stage, alt_m,
        speed_mps)."""
        if not hasattr(self, "_events_df"):
            self._events_df = pd.DataFrame(
                [{"t_s": t, "event": ffi.string(lib.bmd_traj_event_name(k)).decode(),
                  "stage": st, "alt_m": a, "speed_mps": v} for t, k, st, a, v in self._events],
                columns=["t_s", "event", "stage", "alt_m", "speed_mps"])
        return self._events_df

    def __repr__(self):
        return (f"<Trajectory range {self.range_m / 1e3:.1f} km, apogee "
                f"{self.apogee_m / 1e3:.1f} km, flight {self.flight_time_s:.1f} s>")


def trajectory(missile: str, frm: "str | tuple", to: "str | tuple | None" = None,
               azimuth: "str | float | None" = None, shape: str = "min-energy",
               apogee: "str | float | None" = None, gamma: "str | float | None" = None,
               kick: "str | float | None" = None, cutoff: "str | float | None" = None,
               dt: "str | float | None" = 1.0, earth: str = "wgs84", rotation: bool = True,
               atmosphere: str = "us76", integrator: str = "dopri5",
               data: "str | None" = None) -> "Trajectory":
    """Fly a catalog missile, as ``bmdsim trajectory`` does.

    Given: ``missile`` catalog name; ``frm`` launch site name or
    ``"LAT,LON"`` (or a (lat, lon) tuple in degrees); either ``to`` (aim
    site: the library solves azimuth, kick and cut-off for ``shape``
    ``"min-energy"``, ``"lofted"`` (needs ``apogee``) or ``"depressed"``
    (``apogee`` or ``gamma``)) or ``azimuth`` (maximum range along it, or,
    with ``kick`` and optionally ``cutoff``, that one pitch-over: a single
    flight, as ``--kick``/``--cutoff``). ``dt`` sample period (``None``: no
    samples, the summary and events only); ``earth`` ``"wgs84"`` or ``"sphere"``;
    ``rotation``; ``atmosphere`` ``"us76"``, ``"exponential"``, ``"none"``;
    ``integrator`` ``"dopri5"`` or ``"rk8pd"``. Values take units.
    Returns a :class:`Trajectory`. Raises :class:`InputError` (unknown name,
    bad value) or :class:`UnreachableError` (out of reach).
    """
    cat = catalog(data)
    m = cat._missile_ptr(missile)
    site = cat._site(frm)
    e = _earth(earth, rotation)
    atmo = _atmo(atmosphere)
    err = _errbuf()
    stepper = lib.pyb_stepper(integrator.encode())
    if stepper == ffi.NULL:
        raise InputError(-1, f"integrator: expected dopri5 or rk8pd, found {integrator!r}")
    ig = ffi.new("bmd_traj_integrator *")
    _check(lib.bmd_traj_integrator_init(ig, stepper, err), err)
    series = ffi.new("pyb_series *")
    try:
        cfg = ffi.new("bmd_traj_config *")
        lib.bmd_traj_config_init(cfg, e, ffi.NULL if atmosphere == "none" else atmo)
        cfg.integ = ig
        dts = None if dt is None else quantity(dt, "time")
        if dts is not None and not dts > 0:
            raise InputError(-1, "dt: must be positive")
        summary = ffi.new("bmd_traj_summary *")
        sol = None
        if to is not None:
            if azimuth is not None:
                raise InputError(-1, "give to= or azimuth=, not both")
            aim = cat._site(to)
            sh = ffi.new("bmd_traj_shape *")
            kinds = {"min-energy": lib.BMD_TRAJ_MIN_ENERGY, "lofted": lib.BMD_TRAJ_LOFTED,
                     "depressed": lib.BMD_TRAJ_DEPRESSED}
            if shape not in kinds:
                raise InputError(-1, f"shape: expected min-energy, lofted or depressed, "
                                     f"found {shape!r}")
            sh.kind = kinds[shape]
            if apogee is not None:
                sh.apogee_m = quantity(apogee, "length")
            if gamma is not None:
                sh.burnout_gamma_rad = quantity(gamma, "angle")
            if shape == "lofted" and apogee is None:
                raise InputError(-1, "shape lofted needs apogee (e.g. apogee='400km')")
            sol = ffi.new("bmd_traj_solution *")
            _check(lib.bmd_traj_target(cfg, m, site.lat_rad, site.lon_rad, site.alt_m,
                                       aim.lat_rad, aim.lon_rad, sh, 0.0, sol, err), err)
            launch = ffi.addressof(sol, "launch")
        else:
            if azimuth is None:
                raise InputError(-1, "give to=SITE or azimuth=ANGLE")
            if shape != "min-energy" or apogee is not None or gamma is not None:
                raise InputError(-1, "shape/apogee/gamma need to= (along an azimuth the "
                                     "flight is maximum range)")
            launch = ffi.new("bmd_traj_launch *")
            lib.bmd_traj_launch_init(launch, site.lat_rad, site.lon_rad, site.alt_m,
                                     quantity(azimuth, "angle"))
            if kick is not None:
                launch.kick_rad = quantity(kick, "angle")
                if cutoff is not None:
                    launch.cutoff_s = quantity(cutoff, "time")
            elif cutoff is not None:
                raise InputError(-1, "cutoff needs kick")
            else:
                _check(lib.bmd_traj_max_range(cfg, m, launch, launch, ffi.NULL, err), err)
        if dts is not None:
            lib.pyb_series_attach(cfg, series, dts)
        st = lib.bmd_traj_fly(cfg, m, launch, summary, err)
        if series.oom:
            raise ComputeError(-3, "out of memory")
        _check(st, err)
        return Trajectory(summary, series, sol)
    finally:
        lib.pyb_series_free(series)
        lib.bmd_traj_integrator_free(ig)


# ---- radar coverage ----------------------------------------------------------------------

class Coverage:
    """A radar's coverage at one target altitude and RCS. Ranges in m, the
    area in km^2; ``rings`` is a list of (lat_deg, lon_deg, is_hole) arrays
    (the coverage polygon, as written to coverage.geojson)."""

    def __repr__(self):
        return (f"<Coverage track range {self.track_range_m / 1e3:.0f} km, horizon "
                f"{self.horizon_ground_m / 1e3:.0f} km, area {self.area_km2:.0f} km2>")


def coverage(radar: str = "an-tpy2", site: "str | None" = None,
             boresight: "str | float | None" = None, rcs: "str | float" = "0.01m2",
             altitude: "str | float" = "100km", search: bool = False, rays: int = 720,
             samples: int = 200, earth: str = "wgs84", data: "str | None" = None,
             **params) -> "Coverage":
    """Radar coverage, as ``bmdsim coverage``: the preset's detection range
    against ``rcs``, the horizon at ``altitude`` and, with ``site``, the
    covered region. ``boresight`` (angle) faces the array; extra keyword
    ``params`` override preset fields: ``power_avg``, ``dwell``,
    ``aperture``, ``loss``, ``noise_temp``, ``frequency``, ``snr_required``,
    ``half_width``, ``el_min``, ``instrumented_range`` (values with units)."""
    cat = catalog(data)
    entry = cat._radar(radar)
    r = _radar_from(cat, radar, site, boresight, params)
    err = _errbuf()
    o = ffi.new("bmd_coverage_opts *")
    o.rcs_m2 = quantity(rcs, "rcs")
    o.alt_m = quantity(altitude, "length")
    o.search = 1 if search else 0
    o.n_az, o.n_r = int(rays), int(samples)
    e = _earth(earth, True)
    maxp, maxr = ffi.new("size_t *"), ffi.new("size_t *")
    _check(lib.bmd_coverage_size(o.n_az, maxp, maxr))
    c = ffi.new("bmd_coverage *")
    keep = [ffi.new("unsigned char[]", o.n_az * o.n_r), ffi.new("double[]", maxp[0]),
            ffi.new("double[]", maxp[0]), ffi.new("bmd_coverage_ring[]", maxr[0]),
            ffi.new("double[]", o.n_az), ffi.new("double[]", o.n_az), ffi.new("double[]", o.n_az)]
    c.cells, c.lat_rad, c.lon_rad, c.rings, c.ray_az_rad, c.ray_in_m, c.ray_out_m = keep
    c.cap_points, c.cap_rings = maxp[0], maxr[0]
    _check(lib.bmd_coverage_run(r, e, o, c, err), err)
    out = Coverage()
    out.radar = radar
    out.rcs_m2, out.altitude_m = o.rcs_m2, o.alt_m
    out.track_range_m = c.track_range_m
    out.search_range_m = c.search_range_m
    out.horizon_ground_m = c.horizon_ground_m
    out.horizon_slant_m = c.horizon_slant_m
    out.instrumented_range_m = c.instrumented_range_m if c.instrumented_range_m > 0 else None
    out.claim_range_m = entry.claim_range_m if entry.claim_range_m > 0 else None
    out.boresight_deg = math.degrees(r.face.boresight_az_rad)
    out.area_km2 = c.area_m2 / 1e6 if site is not None else None
    out.rings = []
    if site is not None:
        lat = np.frombuffer(ffi.buffer(c.lat_rad, c.n_points * 8), dtype=np.float64)
        lon = np.frombuffer(ffi.buffer(c.lon_rad, c.n_points * 8), dtype=np.float64)
        for g in c.rings[0:c.n_rings]:
            sl = slice(g.first, g.first + g.n)
            out.rings.append((np.degrees(lat[sl]), np.degrees(lon[sl]), bool(g.hole)))
    return out


# ---- scenarios and engagements ----------------------------------------------------------

class Engagement:
    """One engagement: ``threats`` (DataFrame, one row per threat),
    ``events`` (the timeline), ``interceptors_fired``, ``leakers``, ``seed``."""

    def __repr__(self):
        return (f"<Engagement {len(self.threats)} threats, {self.interceptors_fired} "
                f"interceptors fired, {self.leakers} leakers>")


def _never(x):
    return None if x < 0 else x


class Scenario:
    """A scenario loaded by the library's scenario loader (the one
    ``bmdsim run`` uses), with its catalogs. Use :meth:`load` or
    :meth:`default`."""

    def __init__(self, cat, text=None, path=None, display=None):
        self._cat = cat
        self._s = ffi.new("bmd_scenario *")
        lib.bmd_scenario_init(self._s)
        env = ffi.new("bmd_scenario_env *")
        env.sites, env.missiles = cat._sites, cat._missiles
        env.radars, env.interceptors = cat._radars, cat._interceptors
        err = _errbuf()
        if path is not None:
            st = lib.bmd_scenario_load(os.fsencode(path), env, self._s, err)
        else:
            raw = text.encode()
            base = os.path.join(cat.data_dir, "scenarios").encode()
            st = lib.bmd_scenario_load_string(raw, len(raw), display.encode(), base, env,
                                              self._s, err)
        if st < 0:
            lib.bmd_scenario_free(self._s)
            self._s = None
            _raise(st, err)
        self._plan = None

    def __del__(self):
        if getattr(self, "_plan", None) is not None:
            lib.bmd_engage_plan_free(self._plan)
            self._plan = None
        if getattr(self, "_s", None) is not None:
            lib.bmd_scenario_free(self._s)
            self._s = None

    @classmethod
    def load(cls, path: str, overrides: "dict | None" = None, data: "str | None" = None
             ) -> "Scenario":
        """Load a scenario file (YAML); errors name FILE:LINE:COL.
        ``overrides`` maps field paths to values, as :meth:`set` takes them."""
        s = cls(catalog(data), path=path)
        for k, v in (overrides or {}).items():
            s.set(k, v)
        return s

    @classmethod
    def default(cls, overrides: "dict | None" = None, data: "str | None" = None) -> "Scenario":
        """The default scenario (data/scenarios/default.yaml, the one
        ``bmdsim run`` runs without a file), with optional ``overrides``."""
        cat = catalog(data)
        with open(os.path.join(cat.data_dir, "scenarios", "default.yaml"), encoding="utf-8") as f:
            text = f.read()
        s = cls(cat, text=text, display="default scenario (data/scenarios/default.yaml)")
        for k, v in (overrides or {}).items():
            s.set(k, v)
        return s

    def set(self, path: str, value) -> None:
        """Set a scenario or catalog field by path, as the ``uncertain:``
        block and ``bmdsim sweep --vary`` name them
        (``batteries.seongju.reaction_time``, ``interceptors.thaad.pk``,
        ``radars.tpy2.power_avg``, ``threats.*.rcs``,
        ``missiles.nodong.payload_mass``); ``value`` takes units (a string)
        or SI. The library resolves the path (unknown names raise
        :class:`InputError` with the nearest one) and re-runs the model
        checks of the changed entry."""
        q, nominal = ffi.new("int *"), ffi.new("double *")
        err = _errbuf()
        _check(lib.bmd_uq_resolve(self._s, path.encode(), q, nominal, err), err, path)
        kinds = {v: k for k, v in _QUANTITIES.items()}
        x = quantity(value, kinds.get(q[0], "dimensionless")) if isinstance(value, str) \
            else float(value)
        p = ffi.new("bmd_uq_param *")
        p.path = path.encode()[:95]
        p.quantity, p.nominal = q[0], nominal[0]
        p.lo = p.hi = x
        env = ffi.new("bmd_scenario_env *")
        env.sites, env.missiles = self._cat._sites, self._cat._missiles
        env.radars, env.interceptors = self._cat._radars, self._cat._interceptors
        _check(lib.bmd_uq_apply(self._s, env, p, x, err), err, path)
        if self._plan is not None:  # the plan was prepared from the old values
            lib.bmd_engage_plan_free(self._plan)
            self._plan = None

    @property
    def name(self):
        return _s(self._s.name)

    @property
    def threat_names(self):
        return [ffi.string(lib.pyb_threat_name(self._s, i)).decode()
                for i in range(lib.pyb_n_threats(self._s))]

    @property
    def seed(self):
        seed, runs = ffi.new("unsigned long long *"), ffi.new("long *")
        lib.pyb_scenario_seed(self._s, seed, runs)
        return int(seed[0])

    @property
    def runs(self):
        seed, runs = ffi.new("unsigned long long *"), ffi.new("long *")
        lib.pyb_scenario_seed(self._s, seed, runs)
        return int(runs[0])

    def _prepare(self):
        if self._plan is None:
            pp = ffi.new("bmd_engage_plan **")
            err = _errbuf()
            _check(lib.bmd_engage_prepare(self._s, pp, err), err)
            self._plan = pp[0]
        return self._plan

    def run(self, seed: "int | None" = None, noise: bool = True) -> Engagement:
        """One engagement with the nominal parameters (as ``bmdsim run
        --runs 1``). ``seed`` defaults to the scenario's."""
        plan = self._prepare()
        sd = self.seed if seed is None else int(seed)
        o = ffi.new("bmd_engage_opts *")
        lib.bmd_engage_opts_init(o)
        o.noise = 1 if noise else 0
        o.draw_uncertain = 0
        res = ffi.new("bmd_engage_result *")
        err = _errbuf()
        try:
            _check(lib.bmd_engage_run(plan, 0, sd, o, res, err), err)
            names = self.threat_names
            out = Engagement()
            out.seed = sd
            out.interceptors_fired = res.interceptors_fired
            out.leakers = res.leakers
            out.threats = pd.DataFrame([
                {"threat": names[i],
                 "outcome": ffi.string(lib.bmd_eng_outcome_name(t.outcome)).decode(),
                 "first_detect_time_s": _never(t.first_detect_time_s),
                 "firm_track_time_s": _never(t.firm_track_time_s),
                 "intercept_time_s": _never(t.intercept_time_s),
                 "intercept_alt_m": t.intercept_alt_m if t.intercept_time_s >= 0 else None,
                 "miss_distance_m": t.miss_distance_m if t.interceptors_used > 0 else None,
                 "interceptors_used": t.interceptors_used,
                 "impact_time_s": _never(t.impact_time_s)}
                for i, t in enumerate(res.threat[0:res.n_threats])])
            out.events = pd.DataFrame([
                {"t_s": ev.t_s, "event": ffi.string(lib.bmd_eng_event_name(ev.kind)).decode(),
                 "threat": names[ev.threat] if ev.threat >= 0 else None,
                 "battery": (ffi.string(lib.pyb_battery_name(self._s, ev.battery)).decode()
                             if ev.battery >= 0 else None),
                 "radar": (ffi.string(lib.pyb_radar_name(self._s, ev.radar)).decode()
                           if ev.radar >= 0 else None),
                 "alt_m": ev.alt_m, "range_m": ev.range_m if ev.range_m >= 0 else None,
                 # a handover: the radar that handed the track to `radar`
                 "from_radar": (ffi.string(lib.pyb_radar_name(self._s, ev.radar_from)).decode()
                                if ev.radar_from >= 0
                                else None)}
                for ev in res.event[0:res.n_events]])
            return out
        finally:
            lib.bmd_engage_result_free(res)

    def footprint(self, resolution: "str | float" = "2km", checks=(), threads: int = 0
                  ) -> "Footprint":
        """The defended footprint of the scenario's first battery against its
        first threat, as ``bmdsim footprint SCENARIO`` computes it (the
        battery's cueing radar, the threat's shape, RCS and launch point, the
        scenario's reaction, kill assessment, M-of-N and doctrine; a 600 km
        square around the battery). Returns a :class:`Footprint`."""
        f = ffi.new("bmd_fp_setup *")
        err = _errbuf()
        _check(lib.bmd_fp_setup_default(f, self._s, quantity(resolution, "length"), err), err)
        f.cfg.threads = int(threads)
        return _fp_run(self._cat, ffi.addressof(f, "earth"), ffi.addressof(f, "cfg"),
                       ffi.addressof(f, "grid"), checks, f)

    def monte_carlo(self, runs: "int | None" = None, seed: "int | None" = None,
                    threads: int = 0, noise: bool = True, progress=None) -> dict:
        """A Monte Carlo over measurement noise, detection, kill draws and the
        scenario's uncertain parameters (as ``bmdsim run --runs N``);
        identical for any ``threads``. ``progress``, if given, is called as
        ``progress(done, total)`` from time to time (and once at the end); a
        true return value stops the run (:class:`ComputeError`, interrupted).
        Returns a dict: runs, seed,
        p_no_leaker (with its 95 % Wilson interval), mean_interceptors_fired,
        mean_interceptors_at_non_warheads, miss_distance_m_median and
        miss_distance_m_p90 (None when no threat was engaged), ``threats``
        (DataFrame: p_negation, p_lo, p_hi, mean_interceptors, ...) and
        ``radars`` (DataFrame, one row per radar: each run's largest
        occupancy and demand, their mean and 90th percentile over the runs,
        and the mean share of time above 100 % demand), as the
        ``monte_carlo`` object of ``bmdsim run --json``."""
        plan = self._prepare()
        n = self.runs if runs is None else int(runs)
        if n < 1:
            raise InputError(-1, "runs: must be >= 1")
        sd = self.seed if seed is None else int(seed)
        o = ffi.new("bmd_engage_opts *")
        lib.bmd_engage_opts_init(o)
        o.noise = 1 if noise else 0
        o.record = 0
        o.draw_uncertain = 1
        mc = ffi.new("bmd_mc_result *")
        err = _errbuf()
        handle = ffi.new_handle(progress) if progress is not None else ffi.NULL
        fn = lib.pyb_on_progress if progress is not None else ffi.NULL
        try:
            _check(lib.bmd_mc_run(plan, n, sd, int(threads), o, fn, handle, mc, err), err)
            names = self.threat_names
            rnames = [ffi.string(lib.pyb_radar_name(self._s, i)).decode()
                      for i in range(mc.n_radars)]
            return {
                "runs": mc.runs, "seed": sd, "p_no_leaker": mc.p_no_leaker,
                "p_no_leaker_lo": mc.p_no_leaker_lo, "p_no_leaker_hi": mc.p_no_leaker_hi,
                "mean_interceptors_fired": mc.mean_interceptors_fired,
                "threats": pd.DataFrame([
                    {"threat": names[i], "p_negation": t.p_negation, "p_lo": t.p_lo,
                     "p_hi": t.p_hi, "mean_interceptors": t.mean_interceptors,
                     "sd_interceptors": t.sd_interceptors, "runs_intercepted": t.intercepted,
                     "runs_leaked": t.leaked, "runs_not_engaged": t.not_engaged}
                    for i, t in enumerate(mc.threat[0:mc.n_threats])]),
                "mean_interceptors_at_non_warheads": mc.mean_interceptors_at_non_warheads,
                "miss_distance_m_median": mc.miss_median_m if mc.n_miss > 0 else None,
                "miss_distance_m_p90": mc.miss_p90_m if mc.n_miss > 0 else None,
                "radars": pd.DataFrame([
                    {"radar": rnames[i], "occupancy_max_mean": q.occupancy_max_mean,
                     "occupancy_max_p90": q.occupancy_max_p90,
                     "demand_max_mean": q.demand_max_mean, "demand_max_p90": q.demand_max_p90,
                     "over_budget_share_mean": q.over_share_mean}
                    for i, q in enumerate(mc.radar[0:mc.n_radars])],
                    columns=["radar", "occupancy_max_mean", "occupancy_max_p90",
                             "demand_max_mean", "demand_max_p90", "over_budget_share_mean"]),
            }
        finally:
            lib.bmd_mc_result_free(mc)


# ---- defended footprint ------------------------------------------------------------------

_FP_STATES = {0: "not_defended", 1: "defended", 2: "out_of_reach"}


class Footprint:
    """A defended footprint raster. ``state`` is an (n_rows, n_cols) int8
    array (0 not defended, 1 defended, 2 out of the threat's reach; row 0 is
    the southern edge), ``lat_deg``/``lon_deg`` the cell-centre axes,
    ``intercept_alt_m`` and ``cue_s`` per cell (NaN where none),
    ``defended_area_km2``, and ``checks`` (dict per checked site)."""

    def __repr__(self):
        return (f"<Footprint {self.state.shape[0]}x{self.state.shape[1]} cells, defended "
                f"{self.defended_area_km2:.0f} km2>")

    def to_geojson(self):
        """The defended cells as a GeoJSON FeatureCollection (dict) of cell
        squares (for quick maps; ``bmdsim footprint -o`` writes the merged
        polygons)."""
        feats = []
        dlat = self.lat_deg[1] - self.lat_deg[0] if len(self.lat_deg) > 1 else 0.0
        dlon = self.lon_deg[1] - self.lon_deg[0] if len(self.lon_deg) > 1 else 0.0
        for i, j in zip(*np.nonzero(self.state == 1)):
            la, lo = float(self.lat_deg[i]), float(self.lon_deg[j])
            ring = [[lo - dlon / 2, la - dlat / 2], [lo + dlon / 2, la - dlat / 2],
                    [lo + dlon / 2, la + dlat / 2], [lo - dlon / 2, la + dlat / 2],
                    [lo - dlon / 2, la - dlat / 2]]
            feats.append({"type": "Feature", "properties": {"state": "defended"},
                          "geometry": {"type": "Polygon", "coordinates": [ring]}})
        return {"type": "FeatureCollection", "features": feats}


def footprint(threat="nodong", launch="north-hwanghae", site="seongju", battery="thaad",
              radar="an-tpy2", boresight="325deg", rcs=None, resolution="2km",
              doctrine="shoot", reaction=None, kill_assessment=None, revisit=None,
              shape="min-energy", apogee=None, checks=(), threads=0, use_radar=True,
              data=None):
    """The defended footprint of a battery against a threat from a launch
    point, as ``bmdsim footprint`` computes it without a scenario file (the
    same defaults: THAAD at Seongju with the an-tpy2 preset facing 325 deg
    against a Nodong from North Hwanghae, a 600 km square around the battery,
    2 km cells). ``use_radar=False`` cues at threat launch (``--no-radar``).
    Identical numbers to the command line for the same options; the cells
    run on ``threads`` OpenMP threads (any count gives the same raster).
    Returns a :class:`Footprint`."""
    cat = catalog(data)
    e = _earth("wgs84", True)
    atmo = _atmo("us76")
    err = _errbuf()
    cfg = ffi.new("bmd_fp_config *")
    lib.bmd_fp_config_init(cfg, e, atmo)
    m = cat._missile_ptr(threat)
    cfg.missile = m
    kinds = {"min-energy": lib.BMD_TRAJ_MIN_ENERGY, "lofted": lib.BMD_TRAJ_LOFTED,
             "depressed": lib.BMD_TRAJ_DEPRESSED}
    if shape not in kinds:
        raise InputError(-1, f"shape: expected min-energy, lofted or depressed, found {shape!r}")
    cfg.shape.kind = kinds[shape]
    if apogee is not None:
        cfg.shape.apogee_m = quantity(apogee, "length")
    bat = cat._site(site)
    icp = ffi.new("const bmd_interceptor **")
    _check(lib.bmd_interceptor_find(cat._interceptors, battery.encode(), icp, err), err, "battery")
    ic = ffi.new("bmd_interceptor *", icp[0][0])
    _check(lib.bmd_interceptor_check(ic, err), err, "battery")
    keep = []
    if use_radar:
        entry = cat._radar(radar)
        r = ffi.new("bmd_radar *", entry.radar)
        r.face.lat_rad, r.face.lon_rad, r.face.h_m = bat.lat_rad, bat.lon_rad, bat.alt_m
        r.face.boresight_az_rad = quantity(boresight, "angle")
        rsite = ffi.new("bmd_radar_site *")
        _check(lib.bmd_radar_setup(rsite, r, e, err), err, "radar")
        cfg.radar = rsite
        keep += [r, rsite]
    for name, q, fld in (("rcs", "rcs", "rcs_m2"), ("revisit", "time", "revisit_s"),
                         ("reaction", "time", "reaction_s"),
                         ("kill_assessment", "time", "kill_assess_s")):
        v = locals()[name]
        if v is not None:
            setattr(cfg, fld, quantity(v, q))
    if doctrine in ("shoot", "single"):
        cfg.doctrine = 0
    elif doctrine in ("shoot-look-shoot", "sls"):
        cfg.doctrine = 1
    else:
        raise InputError(-1, f"doctrine: expected shoot or shoot-look-shoot, found {doctrine!r}")
    cfg.threads = int(threads)
    lp = cat._site(launch)
    return _fp_compute(cat, e, atmo, cfg, ic, (bat.lat_rad, bat.lon_rad, bat.alt_m),
                       (lp.lat_rad, lp.lon_rad), resolution, checks)


def _fp_compute(cat, e, atmo, cfg, ic, bat, launch, resolution, checks):
    """Grid, fly-out table, cells and checks of a configured footprint."""
    err = _errbuf()
    pla, plo = ffi.new("double[1]", [launch[0]]), ffi.new("double[1]", [launch[1]])
    cfg.n_points, cfg.pt_lat_rad, cfg.pt_lon_rad = 1, pla, plo
    cfg.bat_lat_rad, cfg.bat_lon_rad, cfg.bat_alt_m = bat
    grid = ffi.new("bmd_fp_grid *")
    _check(lib.bmd_fp_grid_around(grid, e, bat[0], bat[1], lib.BMD_FP_DEFAULT_HALF_M,
                                  quantity(resolution, "length"), err), err)
    tc = ffi.new("bmd_traj_config *")
    lib.bmd_traj_config_init(tc, e, cfg.atmo)
    az = ffi.new("double *")
    lib.bmd_geo_inverse(e, bat[0], bat[1], launch[0], launch[1], ffi.NULL, az, ffi.NULL)
    tab = ffi.new("bmd_ic_table *")
    _check(lib.bmd_interceptor_table_build(tc, ic, bat[0], bat[1], bat[2], az[0], 0.0, 0.0, tab,
                                           err), err, "fly-out table")
    cfg.table = tab
    return _fp_run(cat, e, cfg, grid, checks, (atmo, tab, pla, plo))


def _fp_run(cat, e, cfg, grid, checks, keep):
    """Cells and checks of a set-up footprint (``keep``: what cfg points
    into, alive until the footprint is freed)."""
    err = _errbuf()
    pfp = ffi.new("bmd_footprint **")
    _check(lib.bmd_footprint_create(cfg, grid, pfp, err), err)
    fp = pfp[0]
    try:
        n = lib.bmd_fp_grid_cells(grid)
        cells = ffi.new("bmd_fp_cell[]", n)
        _check(lib.bmd_footprint_run(fp, 0, n, cells, ffi.NULL, err), err)
        raw = np.frombuffer(ffi.buffer(cells, n * ffi.sizeof("bmd_fp_cell")),
                            dtype=np.dtype([("state", "i4"), ("n_reach", "i4"), ("cue_s", "f8"),
                                            ("intercept_alt_m", "f8"), ("intercept_t_s", "f8"),
                                            ("margin_s", "f8")]))
        shape2 = (grid.n_rows, grid.n_cols)
        out = Footprint()
        out.state = raw["state"].reshape(shape2).astype(np.int8)
        out.intercept_alt_m = raw["intercept_alt_m"].reshape(shape2).copy()
        out.cue_s = raw["cue_s"].reshape(shape2).copy()
        out.margin_s = raw["margin_s"].reshape(shape2).copy()
        out.lat_deg = np.degrees(grid.lat0_rad + (np.arange(grid.n_rows) + 0.5) * grid.dlat_rad)
        out.lon_deg = np.degrees(grid.lon0_rad + (np.arange(grid.n_cols) + 0.5) * grid.dlon_rad)
        area = 0.0  # summed cell by cell in raster order, as the CLI does
        for row in range(grid.n_rows):
            a_row = lib.bmd_fp_grid_row_area(grid, e, row)
            for _ in range(int(np.count_nonzero(out.state[row] == 1))):
                area += a_row
        out.defended_area_km2 = area / 1e6
        out.defended_cells = int(np.count_nonzero(out.state == 1))
        out.resolution_m = grid.res_m
        out.checks = {}
        for name in checks:
            s = cat._site(name)
            c = ffi.new("bmd_fp_cell *")
            _check(lib.bmd_footprint_point(fp, s.lat_rad, s.lon_rad, c, err), err, name)
            out.checks[name] = {"defended": c.state == 1, "state": _FP_STATES[c.state],
                                "intercept_alt_m": None if math.isnan(c.intercept_alt_m)
                                else c.intercept_alt_m,
                                "cue_s": None if math.isnan(c.cue_s) else c.cue_s}
        return out
    finally:
        lib.bmd_footprint_free(fp)


# ---- trajectory visibility -------------------------------------------------------------

def visibility(missile: str, frm: str, to: str, radar: str = "an-tpy2", site: str = "seongju",
               boresight: "str | float | None" = None, rcs: "str | float" = "0.01m2",
               dt: "str | float" = 1.0, shape: str = "min-energy",
               apogee: "str | float | None" = None, data: "str | None" = None,
               **params) -> dict:
    """What part of a trajectory a radar sees, as ``bmdsim visibility``:
    the threat flies its targeting solution from ``frm`` to ``to``; the
    radar preset at ``site`` faces ``boresight`` (required). Returns a dict:
    visible, first_detect_time_s, track_duration_s, min_slant_range_m,
    closest_range_m, flight_time_s, the not-visible time by reason
    (below_horizon_s, out_of_field_s, beyond_instrumented_s, low_snr_s) and
    ``arcs`` (DataFrame of the visible arcs)."""
    if boresight is None:
        raise InputError(-1, "give boresight= (the radar face's azimuth)")
    cat = catalog(data)
    cov = _radar_from(cat, radar, site, boresight, params)
    e = _earth("wgs84", True)
    atmo = _atmo("us76")
    err = _errbuf()
    rsite = ffi.new("bmd_radar_site *")
    _check(lib.bmd_radar_setup(rsite, cov, e, err), err, "radar")
    cfg = ffi.new("bmd_traj_config *")
    lib.bmd_traj_config_init(cfg, e, atmo)
    m = cat._missile_ptr(missile)
    a, b = cat._site(frm), cat._site(to)
    sh = _shape(shape, apogee, None)
    sol = ffi.new("bmd_traj_solution *")
    _check(lib.bmd_traj_target(cfg, m, a.lat_rad, a.lon_rad, a.alt_m, b.lat_rad, b.lon_rad, sh,
                               0.0, sol, err), err)
    v = ffi.new("bmd_visibility *")
    summ = ffi.new("bmd_traj_summary *")
    _check(lib.bmd_visibility_fly(rsite, cfg, m, ffi.addressof(sol, "launch"), ffi.NULL,
                                  quantity(rcs, "rcs"), quantity(dt, "time"), v, summ, err), err)
    arcs = pd.DataFrame([
        {"t_first_s": x.t_first_s, "t_last_s": x.t_last_s, "alt_first_m": x.alt_first_m,
         "alt_last_m": x.alt_last_m, "range_first_m": x.range_first_m,
         "range_last_m": x.range_last_m, "min_range_m": x.min_range_m, "max_snr": x.max_snr}
        for x in v.arcs[0:min(v.n_arcs, len(v.arcs))]])
    return {"visible": bool(v.visible), "first_detect_time_s": _never(v.first_detect_time_s),
            "track_duration_s": v.track_duration_s,
            "min_slant_range_m": _never(v.min_slant_range_m),
            "closest_range_m": v.closest_range_m, "flight_time_s": v.flight_time_s,
            "below_horizon_s": v.t_below_horizon_s, "out_of_field_s": v.t_out_of_for_s,
            "beyond_instrumented_s": v.t_beyond_instr_s, "low_snr_s": v.t_low_snr_s,
            "range_m": summ.range_m, "apogee_m": summ.apogee_alt_m, "arcs": arcs}


def _shape(shape, apogee, gamma):
    kinds = {"min-energy": lib.BMD_TRAJ_MIN_ENERGY, "lofted": lib.BMD_TRAJ_LOFTED,
             "depressed": lib.BMD_TRAJ_DEPRESSED}
    if shape not in kinds:
        raise InputError(-1, f"shape: expected min-energy, lofted or depressed, found {shape!r}")
    sh = ffi.new("bmd_traj_shape *")
    sh.kind = kinds[shape]
    if apogee is not None:
        sh.apogee_m = quantity(apogee, "length")
    if gamma is not None:
        sh.burnout_gamma_rad = quantity(gamma, "angle")
    if shape == "lofted" and apogee is None:
        raise InputError(-1, "shape lofted needs apogee (e.g. apogee='400km')")
    return sh


_RADAR_FIELDS = {"power_avg": ("hw", "p_avg_w", "power"), "aperture": ("hw", "area_m2", "area"),
                 "loss": ("hw", "loss", "ratio"),
                 "noise_temp": ("hw", "t_sys_k", "temperature"),
                 "frequency": ("hw", "freq_hz", "frequency"),
                 "dwell": ("mode", "t_dwell_s", "time"),
                 "snr_required": ("mode", "snr_req", "ratio"),
                 "instrumented_range": ("mode", "instr_range_m", "length"),
                 "half_width": ("face", "half_az_rad", "angle"),
                 "el_min": ("face", "el_min_rad", "angle")}


def _radar_from(cat, radar, site, boresight, params):
    """A catalog preset with parameter overrides, at a site, facing boresight."""
    entry = cat._radar(radar)
    r = ffi.new("bmd_radar *", entry.radar)
    for k, v in params.items():
        if k not in _RADAR_FIELDS:
            raise InputError(-1, f"unknown radar parameter {k!r}; one of {sorted(_RADAR_FIELDS)}")
        grp, fld, q = _RADAR_FIELDS[k]
        setattr(getattr(r, grp), fld, quantity(v, q))
    if boresight is not None:
        r.face.boresight_az_rad = quantity(boresight, "angle")
    if site is not None:
        s = cat._site(site)
        r.face.lat_rad, r.face.lon_rad, r.face.h_m = s.lat_rad, s.lon_rad, s.alt_m
    err = _errbuf()
    _check(lib.bmd_radar_validate(r, err), err, "radar")
    return r


# ---- validation table ----------------------------------------------------------------------

_VALIDATION_ROWS = {}


@ffi.def_extern()
def pyb_on_progress(ctx, done, total):
    try:
        return 1 if ffi.from_handle(ctx)(int(done), int(total)) else 0
    except Exception:  # an exception in the callback stops the run
        return 1


@ffi.def_extern()
def pyb_on_validation(ctx, v):
    rows = _VALIDATION_ROWS[int(ffi.cast("uintptr_t", ctx))]
    rows.append({"group": ffi.string(v.group).decode(), "name": _s(v.name),
                 "unit": ffi.string(v.unit).decode(), "reference": v.reference,
                 "computed": v.computed, "tolerance": v.tolerance,
                 "source": ffi.string(v.source).decode("utf-8", "replace"),
                 "status": v.status, "pass": bool(getattr(v, "pass")),
                 "assumption": bool(v.assumption)})
    return 0


def validate(group: "str | None" = None, data: "str | None" = None) -> pd.DataFrame:
    """The validation table (``bmdsim validate``) as a DataFrame: group,
    name, unit, reference, computed, tolerance, source, pass, assumption
    (True for rows that restate an assumption, group "assumptions": listed,
    not counted as validation)."""
    cat = catalog(data)
    inp = ffi.new("bmd_validate_inputs *")
    inp.missiles, inp.n_missiles = cat._missiles.items, cat._missiles.n
    n = cat._radars.n
    vr = ffi.new("bmd_validate_radar[]", max(n, 1))
    for i in range(n):
        en = cat._radars.entry[i]
        vr[i].radar = ffi.addressof(en, "radar")
        vr[i].claim_range_m, vr[i].claim_rcs_m2 = en.claim_range_m, en.claim_rcs_m2
        vr[i].claim_by = en.claim_by
    inp.radars, inp.n_radars = vr, n
    key = id(vr)
    _VALIDATION_ROWS[key] = rows = []
    try:
        nc, nf = ffi.new("int *"), ffi.new("int *")
        g = ffi.NULL if group is None else group.encode()
        _check(lib.bmd_validate_run(inp, g, lib.pyb_on_validation, ffi.cast("void *", key), nc,
                                    nf))
    finally:
        del _VALIDATION_ROWS[key]
    return pd.DataFrame(rows)


def geodesic(frm: str, to: str, data: "str | None" = None) -> "tuple[float, float]":
    """Distance (m) and initial azimuth (degrees clockwise from north) from
    ``frm`` to ``to`` on the WGS84 ellipsoid (sites or ``"LAT,LON"``)."""
    cat = catalog(data)
    a, b = cat._site(frm), cat._site(to)
    e = _earth("wgs84", True)
    s12, az = ffi.new("double *"), ffi.new("double *")
    lib.bmd_geo_inverse(e, a.lat_rad, a.lon_rad, b.lat_rad, b.lon_rad, s12, az, ffi.NULL)
    return s12[0], math.degrees(az[0]) % 360.0
